// An imported row checked against its market's calendar (any market but us-equities, whose
// long-standing checks stay in import-validator.ts): the trading day it belongs to, the session
// holding it, and its bar grid. Every refusal names the market and its hours that day. Pure
// TypeScript in the import and data workers: the ImportValidator calls it per row, the CSV and
// SQLite readers check the import's chosen market here before any row; unit tests run it under Node.

import { gridBucket } from '../core/aggregate-bars';
import { describeHours, formatZonedTime, marketSessions, marketWallToUtc, type Market } from '../core/market';
import { resolveMarket, tradingDayOf, type MarketSpec } from '../core/market-spec';
import { DEFAULT_MARKET_ID } from '../core/markets';
import type { ImportReport } from '../core/import-types';
import type { Interval } from '../core/stream-key';
import { DataError } from './data-error';

export type MarketRow = { readonly ok: true; readonly day: string; readonly at: number } | { readonly ok: false; readonly kind: 'closed' | 'grid'; readonly message: string };

/** The import's chosen market, checked before any row is read (an unknown id or a bad custom market is refused, nothing stored); undefined for us-equities. */
export function importMarket(spec: MarketSpec | undefined): Market | undefined {
  if (spec === undefined || spec === DEFAULT_MARKET_ID) return undefined;
  try {
    return resolveMarket(spec);
  } catch (error) {
    throw new DataError((error as Error).message);
  }
}

/** A bar or item at `ts` for `market`: where it is stored, or why it is refused. */
export function checkMarketRow(market: Market, interval: Interval, ts: number, namedDay?: string): MarketRow {
  if (interval === '1d') return checkDailyBar(market, ts, namedDay);
  const day = tradingDayOf(market, ts);
  const sessions = marketSessions(market, day, 'extended');
  if (sessions.length === 0) return { ok: false, kind: 'closed', message: `${day}: ${market.name} is ${describeHours(market, day, 'extended')}` };
  const session = sessions.find((s) => ts >= s.open && ts < s.close);
  if (!session) {
    return { ok: false, kind: 'closed', message: `${formatZonedTime(market.zone, ts)} is outside ${market.name}'s hours on ${day} (${describeHours(market, day, 'extended')})` };
  }
  if (interval !== 'tick' && gridBucket(ts, interval, session) !== ts) {
    return { ok: false, kind: 'grid', message: `${formatZonedTime(market.zone, ts)} is not the start of a ${interval} bar (${market.name}'s grid starts at each session's open)` };
  }
  return { ok: true, day, at: ts };
}

/** A daily bar names its day (a date alone, midnight UTC or local, or the first open); it is stored at the day's first open. */
function checkDailyBar(market: Market, ts: number, namedDay?: string): MarketRow {
  let day = namedDay;
  if (day === undefined) {
    const utcDay = new Date(ts).toISOString().slice(0, 10);
    const localDay = tradingDayOf(market, ts);
    if (ts % 86_400_000 === 0) day = utcDay;
    else if (ts === marketWallToUtc(market.zone, localDay, 0) || ts === marketSessions(market, localDay, 'extended')[0]?.open) day = localDay;
  }
  if (day === undefined) return { ok: false, kind: 'grid', message: `a daily bar is dated by its day (or midnight, or its first open); got ${formatZonedTime(market.zone, ts)}` };
  const first = marketSessions(market, day, 'extended')[0];
  if (!first) return { ok: false, kind: 'closed', message: `${day}: ${market.name} is ${describeHours(market, day, 'extended')}` };
  return { ok: true, day, at: first.open };
}

/** What US-equities rows refused as weekend days suggest: data that trades every day. */
export function suggestMarket(weekendRows: number): NonNullable<ImportReport['suggestedMarket']> {
  return { id: 'crypto-24-7', reason: `${weekendRows.toLocaleString('en-US')} row${weekendRows === 1 ? ' falls' : 's fall'} on weekends, when US equities are closed: is this 24/7 data (crypto)?` };
}

/** The symbols of a market other than us-equities and their markets (a dataset remembers them; none: the report is as before markets). */
export function symbolMarkets(symbols: readonly string[], specOf: (symbol: string) => MarketSpec | undefined): Record<string, MarketSpec> {
  const markets: Record<string, MarketSpec> = {};
  for (const symbol of symbols) {
    const spec = specOf(symbol);
    if (spec !== undefined && spec !== DEFAULT_MARKET_ID) markets[symbol] = spec;
  }
  return markets;
}
