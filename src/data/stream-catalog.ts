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
export function derivable(finer: BarInterval, coarser: BarInterval): boolean {
  const a = intervalMs(finer);
  const b = intervalMs(coarser);
  return b > a && (coarser === '1d' || b % a === 0);
}

/** A symbol's lines: its bars, then its quotes, then its trade prints. */
const TYPE_RANK = { bar: 0, quote: 1, tick: 2 } as const;

/**
 * What can be replayed: the stored streams, and for each symbol with stored bars every bar
 * interval that some day of it can be built at, listing all of the symbol's bar days (a symbol may
 * hold 5m bars one day and 1m the next: each day is aggregated from what it holds, and a day that
 * holds only coarser bars is named by the query as an error, never skipped). `from`: the finest
 * stored interval aggregated from; absent when every day is stored at that interval. Bars of every
 * interval from trade prints for a symbol with no stored bars (`from: 'tick'`). Sorted by symbol,
 * then bars, quotes, ticks, then interval.
 */
export function replayableEntries(stored: readonly CatalogEntry[]): CatalogEntry[] {
  const entries: CatalogEntry[] = stored.filter((e) => e.type || !isBarInterval(e.interval));
  const known = new Set<string>();
  const bars = new Map<string, CatalogEntry[]>();
  for (const e of stored) if (!e.type && isBarInterval(e.interval)) bars.set(e.symbol, [...(bars.get(e.symbol) ?? []), e]);
  for (const [symbol, held] of bars) {
    const allDays = [...new Set(held.flatMap((e) => e.days))].sort();
    // A symbol trades on one market: the built streams name it as the stored ones do.
    const market = marketOf(held[0]);
    for (const interval of BAR_INTERVALS) {
      const usable = held.filter((e) => e.interval === interval || derivable(e.interval as BarInterval, interval));
      if (usable.length === 0) continue;
      known.add(streamId({ symbol, interval }));
      const exact = usable.find((e) => e.interval === interval);
      if (exact && exact.days.length === allDays.length) {
        entries.push(exact);
        continue;
      }
      const finer = usable.filter((e) => e.interval !== interval).sort((a, b) => intervalMs(a.interval) - intervalMs(b.interval))[0];
      entries.push({ symbol, interval, days: allDays, ...(finer ? { from: finer.interval } : {}), ...market });
    }
  }
  for (const trades of stored) {
    if (trades.type !== 'tick') continue;
    for (const interval of BAR_INTERVALS) {
      const id = streamId({ symbol: trades.symbol, interval });
      if (known.has(id)) continue;
      known.add(id);
      entries.push({ symbol: trades.symbol, interval, days: trades.days, from: 'tick', ...marketOf(trades) });
    }
  }
  const rank = (e: CatalogEntry) => TYPE_RANK[e.type ?? 'bar'];
  return entries.sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : rank(a) - rank(b) || intervalMs(a.interval) - intervalMs(b.interval)));
}

/** The entry's market as a field to spread (none for us-equities, as before markets). */
function marketOf(e: CatalogEntry): { market?: MarketSpec } {
  return e.market === undefined ? {} : { market: e.market };
}

/** Each symbol's stored bar interval on each day (the finest, should a day hold two). */
export function barIntervalsByDay(stored: readonly CatalogEntry[]): Map<string, Map<string, BarInterval>> {
  const out = new Map<string, Map<string, BarInterval>>();
  for (const e of stored) {
    if (e.type || !isBarInterval(e.interval)) continue;
    let days = out.get(e.symbol);
    if (!days) out.set(e.symbol, (days = new Map()));
    for (const day of e.days) {
      const held = days.get(day);
      if (held === undefined || intervalMs(e.interval) < intervalMs(held)) days.set(day, e.interval);
    }
  }
  return out;
}
