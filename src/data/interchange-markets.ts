// The interchange schema's optional `markets` table: which market each symbol trades on (a
// built-in id, or a custom market with its definition as JSON). A file without the table is US
// equities, as every file before markets. Runs in the data worker (reading a `db=` file) and the
// import worker (writing an export); pure TypeScript plus sql.js.

import type { Database } from 'sql.js';
import type { CustomMarketDefinition } from '../core/custom-market';
import { resolveMarket, type MarketSpec } from '../core/market-spec';
import { DEFAULT_MARKET_ID, isBuiltInMarketId } from '../core/markets';
import { DataError } from './data-error';

export const MARKETS_TABLE = 'markets';

export const MARKETS_SCHEMA = `
CREATE TABLE markets (
  symbol TEXT NOT NULL PRIMARY KEY,
  market TEXT NOT NULL,     -- us-equities, crypto-24-7, fx-24-5, xetra, lse, tse, or a custom market's id
  definition TEXT           -- a custom market as JSON: {"zone","sessions":[{"open","close"}],"weekdays","holidays"}
);`;

/** Symbol (upper case) → its market, from the file's `markets` table; empty when the file has none. */
export function readMarkets(db: Database, label: string, tables: ReadonlySet<string>): Map<string, MarketSpec> {
  const markets = new Map<string, MarketSpec>();
  if (!tables.has(MARKETS_TABLE)) return markets;
  const rows = db.exec(`SELECT rowid, symbol, market, ${hasColumn(db, 'definition') ? 'definition' : 'NULL'} FROM ${MARKETS_TABLE} ORDER BY rowid`)[0]?.values ?? [];
  for (const [rowid, symbol, id, definition] of rows) {
    const where = `${label}, markets row with rowid ${rowid}`;
    if (typeof symbol !== 'string' || symbol.trim() === '') throw new DataError(`${where}: symbol must be text`);
    if (typeof id !== 'string' || id.trim() === '') throw new DataError(`${where}: market must be text (a market id)`);
    let spec: MarketSpec = id;
    if (!isBuiltInMarketId(id)) {
      if (typeof definition !== 'string') throw new DataError(`${where}: unknown market "${id}": the markets are us-equities, crypto-24-7, fx-24-5, xetra, lse, tse, or a custom market with its definition (JSON)`);
      try {
        spec = { ...(JSON.parse(definition) as Omit<CustomMarketDefinition, 'id'>), id };
      } catch {
        throw new DataError(`${where}: the definition of market "${id}" is not JSON`);
      }
    }
    try {
      resolveMarket(spec);
    } catch (error) {
      throw new DataError(`${where}: ${(error as Error).message}`);
    }
    markets.set(symbol.toUpperCase(), spec);
  }
  return markets;
}

function hasColumn(db: Database, column: string): boolean {
  return (db.exec(`PRAGMA table_info(${MARKETS_TABLE})`)[0]?.values ?? []).some((r) => String(r[1]).toLowerCase() === column);
}

/** Writes the `markets` table for the symbols whose market is not us-equities (none: no table, the file stays as before). */
export function writeMarkets(db: Database, markets: ReadonlyMap<string, MarketSpec>): void {
  const rows = [...markets].filter(([, spec]) => spec !== DEFAULT_MARKET_ID);
  if (rows.length === 0) return;
  db.exec(MARKETS_SCHEMA);
  const insert = db.prepare(`INSERT INTO ${MARKETS_TABLE} (symbol, market, definition) VALUES (?, ?, ?)`);
  for (const [symbol, spec] of rows) {
    if (typeof spec === 'string') insert.run([symbol, spec, null]);
    else {
      const { id, ...definition } = spec;
      insert.run([symbol, id, JSON.stringify(definition)]);
    }
  }
  insert.free();
}
