// Corporate actions: share splits, for showing prices split-adjusted instead of raw. Pure
// TypeScript. Source: the AAPL 7-for-1 split effective 2014-06-09 (Apple's announcement of
// 2014-04-23; the data's own jump from ~$645 on 06-06 to ~$92 on 06-09 confirms it).

import type { ItemColumns } from './item-columns';
import { exchangeDay } from './exchange-time';
import { StreamType, type StreamKey } from './stream-key';

export interface Split {
  readonly symbol: string;
  /** The first trading day at the new price (New York date). */
  readonly day: string;
  /** New shares per old share: 7 for a 7-for-1 split. */
  readonly ratio: number;
}

export const SPLITS: readonly Split[] = [{ symbol: 'AAPL', day: '2014-06-09', ratio: 7 }];

export type PriceAdjustment = 'raw' | 'split';

/** Which value columns are prices and which are sizes, per kind of stream (fieldsOf order). */
function roles(key: StreamKey): ('price' | 'size' | 'other')[] {
  if (key.type === StreamType.BAR) return ['price', 'price', 'price', 'price', 'size'];
  if (key.type === StreamType.TICK) return ['price', 'size', 'other'];
  if (key.interval === 'tick') return ['price', 'size', 'price', 'size', 'other'];
  return ['price', 'price', 'price', 'price', 'size', 'price', 'price', 'price', 'price', 'size'];
}

/**
 * Split-adjusts a stream in place: every item before a split's day has its prices divided and its
 * sizes multiplied by the ratio (all later splits compounded), so the series is continuous.
 */
export function adjustForSplits(key: StreamKey, columns: ItemColumns, splits: readonly Split[] = SPLITS): void {
  const mine = splits.filter((s) => s.symbol === key.symbol);
  if (mine.length === 0) return;
  const role = roles(key);
  for (let i = 0; i < columns.tsStart.length; i++) {
    const day = exchangeDay(columns.tsStart[i]);
    const factor = mine.filter((s) => day < s.day).reduce((f, s) => f * s.ratio, 1);
    if (factor === 1) continue;
    role.forEach((r, f) => {
      if (r === 'price') columns.fields[f][i] /= factor;
      else if (r === 'size') columns.fields[f][i] *= factor;
    });
  }
}
