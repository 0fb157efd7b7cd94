// Clock readings in a market's own time zone: "2024-10-28 16:00:00" in Europe/Berlin, the place a
// zone names ("Berlin"), and a wall time typed in a zone read back as one UTC instant — with the
// DST edges said out loud. Pure TypeScript (Intl only), any thread; the page's clocks (Figures),
// "go to" (Transport, go-to.ts) and the charts' markers and axes call it.

import { EXCHANGE_TIME_ZONE, zoneOffsetMs } from './exchange-time';
import { formatMinute } from './market';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** `utcMs` as a wall time in `zone`: "YYYY-MM-DD HH:MM:SS" (exchange-time.ts writes it). */
export { zoneClockText } from './exchange-time';

/** The place a zone is named after, as a clock label says it: America/New_York → "New York", UTC → "UTC". */
export function zonePlace(zone: string): string {
  return (zone.split('/').pop() ?? zone).replace(/_/g, ' ');
}

/**
 * Where a time is read, said only where it is not New York's (the page's times always were):
 * nothing for America/New_York, else the zone's place in `words` — " (Tokyo time)" in a lab
 * message, " Berlin" after a stream's time, " · Berlin time" in a chart's caption.
 */
export function zoneNote(zone: string, words: (place: string) => string = (place) => place): string {
  return zone === EXCHANGE_TIME_ZONE ? '' : words(zonePlace(zone));
}

/** A wall time typed in a zone, read as a UTC instant — or why it can't be. */
export type WallTimeReading =
  | { readonly kind: 'exact'; readonly utc: number }
  /** The clocks went back over it: it happened twice. The rule: the first (earlier) one, before the change. */
  | { readonly kind: 'repeated'; readonly utc: number; readonly later: number }
  /** The clocks jumped over it: it never happened. `from`/`to`: the skipped wall times, "02:00" and "03:00". */
  | { readonly kind: 'skipped'; readonly from: string; readonly to: string };

/**
 * `day` (YYYY-MM-DD) at `minute` minutes after midnight on the wall clocks of `zone`. A zone's
 * offset a day before and after the reading are the only two it can have there (no zone changes
 * twice in a day), so each is tried: a reading that one of them maps back to itself happened.
 */
export function readWallTime(zone: string, day: string, minute: number): WallTimeReading {
  const naive = Date.parse(`${day}T00:00:00Z`) + minute * MINUTE_MS;
  const before = zoneOffsetMs(zone, naive - 24 * HOUR_MS);
  const after = zoneOffsetMs(zone, naive + 24 * HOUR_MS);
  const fits = [...new Set([before, after])].map((offset) => naive - offset).filter((utc) => zoneOffsetMs(zone, utc) === naive - utc);
  fits.sort((a, b) => a - b);
  if (fits.length === 2) return { kind: 'repeated', utc: fits[0], later: fits[1] };
  if (fits.length === 1) return { kind: 'exact', utc: fits[0] };
  // Skipped: the change is the first hour (UTC) with the later offset; the wall clocks jumped from
  // that instant in the old offset to the same instant in the new one.
  let change = Math.floor((naive - after) / HOUR_MS) * HOUR_MS;
  // Bounded: the change lies within the two days the offsets were read across.
  for (let hours = 0; hours < 48 && zoneOffsetMs(zone, change) !== after; hours++) change += HOUR_MS;
  // A minute of the day (0–1439), so formatMinute writes no day shift.
  const local = (offset: number) => Math.round((((change + offset) % (24 * HOUR_MS)) + 24 * HOUR_MS) % (24 * HOUR_MS) / MINUTE_MS) % 1440;
  return { kind: 'skipped', from: formatMinute(local(before)), to: formatMinute(local(after)) };
}
