// The emit-time rule (design.md, "Merge rules"): a bar is stamped with its start but becomes true
// only at its end — start + interval, cut at the trading session's close. Pure TypeScript.

import { exchangeWallToUtc } from './exchange-time';
import { intervalMs, type Interval } from './stream-key';
import { REGULAR_OPEN_MINUTE, type TradingSession } from './trading-hours';

/** When a bar starting at `tsStart` may be emitted. Ticks (`tick`) are emitted at their own time. */
export function emitTime(tsStart: number, interval: Interval, sessionClose: number): number {
  if (interval === 'tick') return tsStart;
  return Math.min(tsStart + intervalMs(interval), sessionClose);
}

let anchorDay = '';
let anchorMs = 0;

/**
 * When a bar that starts at `tsStart` truly ends: the end of its bucket on the grid aligned to
 * the day's regular open (09:30), cut at the session close; a daily bar ends at the close. The
 * invariant checker holds every emitted bar to it.
 */
export function barEnd(tsStart: number, interval: Interval, session: TradingSession): number {
  if (interval === 'tick') return tsStart;
  if (interval === '1d') return session.close;
  const size = intervalMs(interval);
  // Bars arrive day by day: remember the last day's 09:30 rather than asking Intl for every bar.
  if (session.day !== anchorDay) {
    anchorDay = session.day;
    anchorMs = exchangeWallToUtc(session.day, REGULAR_OPEN_MINUTE);
  }
  const anchor = anchorMs;
  const gridStart = anchor + Math.floor((tsStart - anchor) / size) * size;
  return emitTime(gridStart, interval, session.close);
}
