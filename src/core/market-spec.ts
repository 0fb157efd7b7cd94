// How data names its market: a built-in id, or a custom market's definition (what a catalog
// entry, an imported dataset and an interchange file's `markets` table carry), and the trading
// day a timestamp belongs to in that market. Pure TypeScript, any thread.

import { customMarket, type CustomMarketDefinition } from './custom-market';
import { zoneOffsetMs } from './exchange-time';
import type { Market } from './market';
import { builtInMarket, DEFAULT_MARKET_ID } from './markets';

/** A built-in market's id, or a custom market's definition. Absent everywhere means us-equities. */
export type MarketSpec = string | CustomMarketDefinition;

const custom = new Map<string, Market>();

/** The Market a spec names; an Error with a message a person can act on for an unknown id or a bad definition. */
export function resolveMarket(spec: MarketSpec | undefined): Market {
  if (spec === undefined) return builtInMarket(DEFAULT_MARKET_ID);
  if (typeof spec === 'string') return builtInMarket(spec);
  const key = JSON.stringify(spec);
  let market = custom.get(key);
  if (!market) {
    const result = customMarket(spec);
    if (!result.ok) throw new Error(result.error);
    custom.set(key, (market = result.market));
  }
  return market;
}

/** The market's id (a custom market's own id). */
export function marketIdOf(spec: MarketSpec | undefined): string {
  return spec === undefined ? DEFAULT_MARKET_ID : typeof spec === 'string' ? spec : spec.id;
}

const shifts = new WeakMap<Market, number>();

/**
 * How far before its local midnight a market's trading day may open (FX: 7 h, Sunday 17:00 New
 * York begins Monday's day); 0 for every other built-in market.
 */
function dayShiftMs(market: Market): number {
  let shift = shifts.get(market);
  if (shift === undefined) {
    let earliest = 0;
    for (const era of market.eras) for (const week of [era.regular, era.extended ?? []]) for (const day of week) for (const s of day) earliest = Math.min(earliest, s.open);
    shifts.set(market, (shift = -earliest * 60_000));
  }
  return shift;
}

/** The trading day (YYYY-MM-DD) `utcMs` belongs to in `market`: its local date, or the next for FX after 17:00 New York. */
export function tradingDayOf(market: Market, utcMs: number): string {
  const local = utcMs + zoneOffsetMs(market.zone, utcMs) + dayShiftMs(market);
  return new Date(local).toISOString().slice(0, 10);
}
