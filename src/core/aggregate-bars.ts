// Aggregation: coarser bars (5m, 15m, 30m, 1h, 1d) built from one day's finer bars. Pure
// TypeScript; the data worker's repository calls it. Buckets are aligned to the session's anchor
// (US equities: the day's regular open, 09:30, 09:35 … for 5m; 09:30, 10:30 … for 1h; other
// markets: market.ts), a bucket with no finer bar is a gap (no
// bar), and each bar is emitted at its end, cut at the session's close (the 15:30 hour ends 16:00).

import { emitTime } from './emit-time';
import type { ItemColumns } from './item-columns';
import { intervalMs, type BarInterval } from './stream-key';
import { sessionAnchor, type TradingSession } from './trading-hours';

/** Finer bars of one day inside the session: starts ascending, values open, high, low, close, volume. */
export interface FinerBars {
  readonly ts: ArrayLike<number>;
  readonly values: readonly ArrayLike<number>[];
}

/** The grid bucket a finer bar falls in: the whole session for 1d, else the grid from the session's anchor (market.ts). */
export function gridBucket(ts: number, interval: BarInterval, session: TradingSession): number {
  if (interval === '1d') return session.open;
  const size = intervalMs(interval);
  const anchor = sessionAnchor(session);
  return anchor + Math.floor((ts - anchor) / size) * size;
}

export function aggregateBars(source: FinerBars, interval: BarInterval, session: TradingSession): ItemColumns {
  const bucketOf = (ts: number) => gridBucket(ts, interval, session);
  const buckets: number[] = [];
  const open: number[] = [];
  const high: number[] = [];
  const low: number[] = [];
  const close: number[] = [];
  const volume: number[] = [];
  const [o, h, l, c, v] = source.values;
  for (let i = 0; i < source.ts.length; i++) {
    const bucket = bucketOf(source.ts[i]);
    const last = buckets.length - 1;
    if (last < 0 || buckets[last] !== bucket) {
      buckets.push(bucket);
      open.push(o[i]);
      high.push(h[i]);
      low.push(l[i]);
      close.push(c[i]);
      volume.push(v[i]);
    } else {
      high[last] = Math.max(high[last], h[i]);
      low[last] = Math.min(low[last], l[i]);
      close[last] = c[i];
      volume[last] += v[i];
    }
  }
  // A bucket that began before the session (1h from 03:30 in extended hours) starts at the open.
  const tsStart = Float64Array.from(buckets, (b) => Math.max(b, session.open));
  // The 1d bar ends at the close whatever its length; intraday buckets end at grid start + interval, cut at the close.
  const tsEmit = Float64Array.from(buckets, (b) => (interval === '1d' ? session.close : emitTime(b, interval, session.close)));
  return { tsStart, tsEmit, fields: [open, high, low, close, volume].map((a) => Float64Array.from(a)) };
}
