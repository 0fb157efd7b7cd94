// The data worker's catalog entries seen the way a replay config is checked (replay-config.ts's
// Catalog and ItemCatalog). Main thread, pure; the SystemManager's setup calls it.

import { assert } from '../core/assert';
import type { Catalog, ItemCatalog } from '../core/replay-config';
import type { CatalogEntry } from '../core/catalog-entry';
import type { MarketSpec } from '../core/market-spec';

/** Bars by symbol and interval. */
export function toCatalog(entries: readonly CatalogEntry[]): Catalog {
  const catalog = new Map<string, Map<string, readonly string[]>>();
  for (const entry of entries.filter((e) => !e.type)) {
    if (!catalog.has(entry.symbol)) catalog.set(entry.symbol, new Map());
    const intervals = catalog.get(entry.symbol);
    assert(intervals, `${entry.symbol} has an interval map`);
    intervals.set(entry.interval, entry.days);
  }
  return catalog;
}

/** Quote and tick streams by `${type}:${interval}|${symbol}`. */
export function toItemCatalog(entries: readonly CatalogEntry[]): ItemCatalog {
  return new Map(entries.filter((e) => e.type).map((e) => [`${e.type}:${e.interval}|${e.symbol}`, e.days]));
}

/** Each symbol's market (market-spec.ts): absent from the data means us-equities. */
export function toMarketCatalog(entries: readonly CatalogEntry[]): Map<string, MarketSpec> {
  const markets = new Map<string, MarketSpec>();
  for (const e of entries) if (e.market !== undefined && !markets.has(e.symbol)) markets.set(e.symbol, e.market);
  return markets;
}
