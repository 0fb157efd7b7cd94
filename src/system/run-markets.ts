// The markets of one replay, each with its symbols and its own trading sessions: what each chart
// marks its sessions by, what the clocks show and what "go to" reads a typed time in. Main
// thread; replay-setup.ts builds the list once a run, the snapshot hands it to the page.

import { EXCHANGE_TIME_ZONE } from '../core/exchange-time';
import type { Market } from '../core/market';
import { marketIdOf, resolveMarket, type MarketSpec } from '../core/market-spec';
import type { TradingSession } from '../core/trading-hours';

export interface RunMarket {
  readonly id: string;
  readonly market: Market;
  /** The run's symbols of this market, in the config's order. */
  readonly symbols: readonly string[];
  /** This market's sessions on the days its symbols have data (sorted by open). */
  readonly sessions: readonly TradingSession[];
}

/**
 * The distinct markets of `symbols` (in the order their first symbol comes: the first is the
 * run's first market), each with its symbols and their sessions (sessionsBySymbol's, shared by
 * the symbols of one market).
 */
export function marketsOfRun(symbols: readonly string[], specs: ReadonlyMap<string, MarketSpec>, sessionsOf: ReadonlyMap<string, readonly TradingSession[]>): RunMarket[] {
  const byId = new Map<string, { market: Market; symbols: string[]; sessions: readonly TradingSession[] }>();
  for (const symbol of new Set(symbols)) {
    const sessions = sessionsOf.get(symbol);
    if (!sessions) continue;
    const spec = specs.get(symbol);
    const id = marketIdOf(spec);
    const entry = byId.get(id);
    if (entry) entry.symbols.push(symbol);
    else byId.set(id, { market: resolveMarket(spec), symbols: [symbol], sessions });
  }
  return [...byId].map(([id, entry]) => ({ id, ...entry }));
}

/** The run market `symbol` trades in, if the run has it. */
export function runMarketOf(markets: readonly RunMarket[], symbol: string): RunMarket | undefined {
  return markets.find((m) => m.symbols.includes(symbol));
}

/** The zone `symbol`'s times are read in: its run market's, New York when the run does not have it (before setup, live mode). */
export function zoneOfSymbol(markets: readonly RunMarket[], symbol: string): string {
  return runMarketOf(markets, symbol)?.market.zone ?? EXCHANGE_TIME_ZONE;
}

/** Each symbol of the run with its market's zone (the DataManager's, for the checker's messages). */
export function zonesBySymbol(markets: readonly RunMarket[]): Map<string, string> {
  return new Map(markets.flatMap((m) => m.symbols.map((symbol) => [symbol, m.market.zone] as const)));
}
