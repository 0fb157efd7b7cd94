// The emit-time rule (design.md, "Merge rules"): a bar is stamped with its start but becomes true
// only at its end — start + interval, cut at the trading session's close. Pure TypeScript.

import { intervalMs, type Interval } from './stream-key';

/** When a bar starting at `tsStart` may be emitted. Ticks (`tick`) are emitted at their own time. */
export function emitTime(tsStart: number, interval: Interval, sessionClose: number): number {
  if (interval === 'tick') return tsStart;
  return Math.min(tsStart + intervalMs(interval), sessionClose);
}
