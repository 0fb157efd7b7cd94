// The catalog of a source of data: the streams it stores (one entry per stream, with its days),
// and every coarser bar interval that can be built from them. Pure TypeScript; runs in the data
// worker (MarketDataRepository, CombinedRepository) and the import worker (dataset-store.ts).

import type { CatalogEntry } from '../core/catalog-entry';
import { BAR_INTERVALS, intervalMs, isBarInterval, type BarInterval, type Interval } from '../core/stream-key';
import type { ChunkKind } from '../core/import-types';
import type { MarketSpec } from '../core/market-spec';
import { DEFAULT_MARKET_ID } from '../core/markets';

/** One stored day of one stream: a row of `bar_days`/`item_days`, or an imported day chunk. */
export interface StoredDay {
  readonly kind: ChunkKind;
  readonly symbol: string;
  readonly interval: Interval;
  readonly day: string;
}

/** A stream's identity in a catalog: `bar|SPY|5m`, `tick|IBM|tick`. */
export function streamId(stream: { readonly type?: string; readonly symbol: string; readonly interval: string }): string {
  return `${stream.type ?? 'bar'}|${stream.symbol}|${stream.interval}`;
}

/** The stored streams of a set of stored days, each with its days ascending (bars carry no `type`). */
export function storedEntries(days: Iterable<StoredDay>): CatalogEntry[] {
  const entries = new Map<string, { type?: 'quote' | 'tick'; symbol: string; interval: Interval; days: string[] }>();
  for (const d of days) {
    const type = d.kind === 'bar' ? undefined : d.kind;
    const id = streamId({ type, symbol: d.symbol, interval: d.interval });
    let entry = entries.get(id);
    if (!entry) entries.set(id, (entry = { ...(type ? { type } : {}), symbol: d.symbol, interval: d.interval, days: [] }));
    entry.days.push(d.day);
  }
  for (const e of entries.values()) e.days.sort();
  return [...entries.values()];
}

/** Entries of a market other than us-equities name it (an absent market is us-equities, as before markets). */
export function withMarkets(entries: readonly CatalogEntry[], marketOf: (symbol: string) => MarketSpec | undefined): CatalogEntry[] {
  return entries.map((e) => {
    const market = marketOf(e.symbol);
    return market === undefined || market === DEFAULT_MARKET_ID ? e : { ...e, market };
  });
}

/** Can `coarser` bars be built from `finer` ones? (Same grid: a whole multiple, or a daily bar.) */
function derivable(finer: BarInterval, coarser: BarInterval): boolean {
  const a = intervalMs(finer);
  const b = intervalMs(coarser);
  return b > a && (coarser === '1d' || b % a === 0);
}

/** A symbol's lines: its bars, then its quotes, then its trade prints. */
const TYPE_RANK = { bar: 0, quote: 1, tick: 2 } as const;

/**
 * What can be replayed: the stored streams, every coarser bar interval aggregated from stored
 * bars (`from`: the stored interval), and bars of every interval from trade prints for a symbol
 * with no stored bars (`from: 'tick'`). Sorted by symbol, then bars, quotes, ticks, then interval.
 */
export function replayableEntries(stored: readonly CatalogEntry[]): CatalogEntry[] {
  const entries = [...stored];
  const known = new Set(stored.map(streamId));
  const add = (source: CatalogEntry, interval: BarInterval, from: Interval) => {
    const id = streamId({ symbol: source.symbol, interval });
    if (known.has(id)) return;
    known.add(id);
    entries.push({ symbol: source.symbol, interval, days: source.days, from, ...(source.market === undefined ? {} : { market: source.market }) });
  };
  for (const e of stored) {
    if (e.type || !isBarInterval(e.interval)) continue;
    const finer = e.interval;
    for (const interval of BAR_INTERVALS) if (derivable(finer, interval)) add(e, interval, finer);
  }
  for (const trades of stored) if (trades.type === 'tick') for (const interval of BAR_INTERVALS) add(trades, interval, 'tick');
  const rank = (e: CatalogEntry) => TYPE_RANK[e.type ?? 'bar'];
  return entries.sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : rank(a) - rank(b) || intervalMs(a.interval) - intervalMs(b.interval)));
}
