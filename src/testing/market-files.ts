// Interchange SQLite files of one-minute bars on non-US markets (Tokyo with its lunch break, 24/7
// crypto across UTC midnight, FX across its Friday close, Berlin beside New York in the weeks only
// one side is on summer time), with their `markets` table. Node; only tests import src/testing.
// The sessions are written out here in UTC by hand, not computed by the app's market code.

import initSqlJs from 'sql.js';
import type { MarketSpec } from '../core/market-spec';
import { writeMarkets } from '../data/interchange-markets';
import { INTERCHANGE_SCHEMA } from '../data/storage-layout';

const MIN = 60_000;

/** One symbol's one-minute bars over UTC spans [from, to) (ISO instants). */
export interface MinuteBars {
  readonly symbol: string;
  readonly spans: readonly (readonly [string, string])[];
}

/** Bar starts of `spans`, one a minute. */
export function minuteStarts(spans: MinuteBars['spans']): number[] {
  const starts: number[] = [];
  for (const [from, to] of spans) for (let t = Date.parse(from); t < Date.parse(to); t += MIN) starts.push(t);
  return starts;
}

/** A SQLite file in the interchange schema with these bars (a gentle deterministic walk) and the symbols' markets. */
export async function marketFile(bars: readonly MinuteBars[], markets: ReadonlyMap<string, MarketSpec>): Promise<Uint8Array> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.exec(INTERCHANGE_SCHEMA);
  db.exec('BEGIN');
  const insert = db.prepare('INSERT INTO bars VALUES (?, ?, ?, ?, ?, ?, ?, NULL)');
  for (const { symbol, spans } of bars) {
    minuteStarts(spans).forEach((ts, i) => {
      const open = 100 + ((i * 7) % 40) / 4;
      const close = open + (i % 2 === 0 ? 0.25 : -0.25);
      insert.run([symbol, ts, open, Math.max(open, close) + 0.5, Math.min(open, close) - 0.5, close, 100 + (i % 13)]);
    });
  }
  insert.free();
  db.exec('COMMIT');
  writeMarkets(db, markets);
  const bytes = db.export();
  db.close();
  return bytes;
}

/** Toyota on the TSE, Monday 2024-03-11: 09:00–11:30 and 12:30–15:00 Tokyo (UTC+9, no DST). */
export const TOKYO: MinuteBars = { symbol: 'TOYOTA', spans: [['2024-03-11T00:00:00Z', '2024-03-11T02:30:00Z'], ['2024-03-11T03:30:00Z', '2024-03-11T06:00:00Z']] };

/** Bitcoin 24/7, Saturday 22:00 to Sunday 02:00 UTC, 2024-03-09/10: across UTC midnight on a weekend. */
export const CRYPTO: MinuteBars = { symbol: 'BTCUSD', spans: [['2024-03-09T22:00:00Z', '2024-03-10T02:00:00Z']] };

/**
 * EUR/USD: Friday 2024-03-08 15:00–17:00 New York (EST, UTC−5) up to the week's close, then the
 * new week from Sunday 2024-03-10 17:00 New York — already EDT (UTC−4), the day New York changed.
 */
export const FX: MinuteBars = { symbol: 'EURUSD', spans: [['2024-03-08T20:00:00Z', '2024-03-08T22:00:00Z'], ['2024-03-10T21:00:00Z', '2024-03-10T23:00:00Z']] };

/**
 * SAP on XETRA (09:00–17:30 Berlin) and SPY (09:30–16:00 New York) on two days when only New York
 * is on summer time: 2024-03-11 (New York EDT since 03-10, Berlin CET until 03-31) and 2024-10-28
 * (Berlin CET since 10-27, New York EDT until 11-03). Berlin: 08:00–16:30 UTC; New York 13:30–20:00 UTC.
 */
export const BERLIN: MinuteBars = {
  symbol: 'SAP',
  spans: [['2024-03-11T08:00:00Z', '2024-03-11T16:30:00Z'], ['2024-10-28T08:00:00Z', '2024-10-28T16:30:00Z']],
};
export const NEW_YORK: MinuteBars = {
  symbol: 'SPY',
  spans: [['2024-03-11T13:30:00Z', '2024-03-11T20:00:00Z'], ['2024-10-28T13:30:00Z', '2024-10-28T20:00:00Z']],
};

/** Every scenario in one file, each symbol with its market (SPY: none, a file's default, US equities). */
export const ALL_MARKETS: ReadonlyMap<string, MarketSpec> = new Map([
  ['TOYOTA', 'tse'],
  ['BTCUSD', 'crypto-24-7'],
  ['EURUSD', 'fx-24-5'],
  ['SAP', 'xetra'],
]);

export const marketsFile = () => marketFile([TOKYO, CRYPTO, FX, BERLIN, NEW_YORK], ALL_MARKETS);
