// The clocks beside the backtest clock: the backtest time in each market of the run, on that
// market's own wall clock ("XETRA (Frankfurt): 2024-10-28 16:00:00 Europe/Berlin"). Main thread;
// Figures.svelte renders the rows on every clock update, so each is one cached offset, no Intl
// call (zone-clock.ts). A run of US equities alone has none: its clock is the New York one.

import { DEFAULT_MARKET_ID } from '../core/markets';
import { zoneClockText } from '../core/zone-clock';

export interface MarketClock {
  /** The market's id: the row's test id is `clock-market-<id>`. */
  readonly id: string;
  readonly name: string;
  readonly zone: string;
  /** "2024-10-28 16:00:00", or "16:00:00" when the date is hidden (blind practice). */
  readonly text: string;
}

/** One clock a market of the run at `time` (epoch ms), or none when every market is US equities. */
export function marketClocks(markets: readonly { readonly id: string; readonly market: { readonly name: string; readonly zone: string } }[], time: number | null, hideDate = false): MarketClock[] {
  if (time === null || markets.every((m) => m.id === DEFAULT_MARKET_ID)) return [];
  return markets.map(({ id, market: { name, zone } }) => ({ id, name, zone, text: zoneClockText(zone, time).slice(hideDate ? 11 : 0) }));
}
