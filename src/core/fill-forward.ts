// Gaps: a minute without trades has no bar, and by default the replay shows the gap. With fill-
// forward, each missing bar between two bars of one session becomes a flat bar at the last close
// with zero volume — marked as filled by that zero volume (the data has no real zero-volume bar).
// Pure TypeScript; the DataManager applies it to bar streams after the fetch.

import { BAR_FIELDS, type ItemColumns } from './item-columns';
import { emitTime } from './emit-time';
import { intervalMs, type BarInterval } from './stream-key';
import { sessionAt, type TradingSession } from './trading-hours';

export type GapPolicy = 'gap' | 'fill';

const CLOSE = BAR_FIELDS.indexOf('close');
const VOLUME = BAR_FIELDS.indexOf('volume');

/** True for a bar that fill-forward made up. */
export const isFilled = (volume: number) => volume === 0;

export function fillForward(columns: ItemColumns, interval: BarInterval, sessions: readonly TradingSession[]): ItemColumns {
  if (interval === '1d') return columns; // a day without trades is a closed day, not a gap
  const step = intervalMs(interval);
  const ts: number[] = [];
  const emit: number[] = [];
  const fields: number[][] = columns.fields.map(() => []);
  for (let i = 0; i < columns.tsStart.length; i++) {
    if (i > 0) {
      const session = sessionAt(sessions, columns.tsStart[i - 1]);
      // Only inside one session: the night between two sessions is not a gap.
      if (session && columns.tsStart[i] < session.close) {
        const close = columns.fields[CLOSE][i - 1];
        for (let t = columns.tsStart[i - 1] + step; t < columns.tsStart[i]; t += step) {
          ts.push(t);
          emit.push(emitTime(t, interval, session.close));
          fields.forEach((f, k) => f.push(k === VOLUME ? 0 : close)); // open = high = low = close
        }
      }
    }
    ts.push(columns.tsStart[i]);
    emit.push(columns.tsEmit[i]);
    fields.forEach((f, k) => f.push(columns.fields[k][i]));
  }
  return { tsStart: Float64Array.from(ts), tsEmit: Float64Array.from(emit), fields: fields.map((f) => Float64Array.from(f)) };
}
