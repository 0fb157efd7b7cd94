// The stream table's time of a stream's last item, on its own market's clocks: New York streams
// exactly as always (the column says New York), any other zone's with its place after it
// ("10-28 16:00–16:01 Berlin"); the trade list's times likewise. Plain TypeScript, main thread;
// StreamTable.svelte and TradingPanel.svelte call it.

import { zoneClockText, zoneNote } from '../core/zone-clock';

const suffix = (zone: string) => zoneNote(zone, (place) => ` ${place}`);

/** A bar: "MM-DD HH:MM–HH:MM" from its start to its emit time. */
export function lastBarText(zone: string, tsStart: number, tsEmit: number): string {
  return `${zoneClockText(zone, tsStart).slice(5, 16)}–${zoneClockText(zone, tsEmit).slice(11, 16)}${suffix(zone)}`;
}

/** A quote or trade: "MM-DD HH:MM:SS", with milliseconds for updates and prints. */
export function lastItemText(zone: string, tsStart: number, withMs: boolean): string {
  return `${zoneClockText(zone, tsStart).slice(5, 19)}${withMs ? `.${String(tsStart % 1000).padStart(3, '0')}` : ''}${suffix(zone)}`;
}

/** A trade's order or fill time, "HH:MM:SS", on its symbol's market's clocks (TradingPanel.svelte). */
export function tradeTimeText(zone: string, ts: number): string {
  return `${zoneClockText(zone, ts).slice(11, 19)}${suffix(zone)}`;
}
