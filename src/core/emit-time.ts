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

/**
 * When a bar that starts at `tsStart` truly ends: the end of its bucket on the grid aligned to
 * the day's regular open (09:30), cut at the session close; a daily bar ends at the close. The
 * invariant checker holds every emitted bar to it.
 */
export function barEnd(tsStart: number, interval: Interval, session: TradingSession): number {
  if (interval === 'tick') return tsStart;
  if (interval === '1d') return session.close;
  const size = intervalMs(interval);
  const anchor = exchangeWallToUtc(session.day, REGULAR_OPEN_MINUTE);
  const gridStart = anchor + Math.floor((tsStart - anchor) / size) * size;
  return emitTime(gridStart, interval, session.close);
}
