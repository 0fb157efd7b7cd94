// A stored dataset back out as a SQLite file in the interchange schema (design.md, "Stable
// hooks"), so it can be replayed with db=, imported elsewhere, or read by any SQLite tool.
// Runs in the import worker (pure TypeScript plus sql.js).

import { assert } from '../core/assert';
import type { SqlJsStatic, SqlValue } from 'sql.js';
import { INTERCHANGE_ITEM_SCHEMA, INTERCHANGE_SCHEMA, ITEM_TABLES } from './storage-layout';
import type { DayChunk } from './import-validator';
import { writeMarkets } from './interchange-markets';
import type { MarketSpec } from '../core/market-spec';

/** The CREATE TABLE statement of one interchange item table. */
function itemSchema(table: string): string {
  const statement = INTERCHANGE_ITEM_SCHEMA.split(/(?=CREATE TABLE)/).find((s) => s.includes(`CREATE TABLE ${table} `));
  assert(statement !== undefined, `INTERCHANGE_ITEM_SCHEMA has a CREATE TABLE ${table}`);
  return statement;
}

/** `markets`: symbols of a market other than us-equities, written to the optional markets table. */
export function exportInterchange(SQL: SqlJsStatic, chunks: readonly DayChunk[], markets: ReadonlyMap<string, MarketSpec> = new Map()): Uint8Array {
  const db = new SQL.Database();
  try {
    db.exec('BEGIN');
    const bars = chunks.filter((c) => c.kind === 'bar');
    if (bars.length > 0) {
      db.exec(INTERCHANGE_SCHEMA);
      const insert = db.prepare('INSERT INTO bars (symbol, ts, open, high, low, close, volume, interval) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
      for (const c of bars) for (let i = 0; i < c.ts.length; i++) insert.run([c.symbol, c.ts[i], ...c.values.map((v) => v[i]), c.interval]);
      insert.free();
    }
    for (const [kind, { table, columns }] of Object.entries(ITEM_TABLES)) {
      const items = chunks.filter((c) => `${c.kind}:${c.interval}` === kind);
      if (items.length === 0) continue;
      db.exec(itemSchema(table));
      const insert = db.prepare(`INSERT INTO ${table} (symbol, ts, ${columns.join(', ')}) VALUES (${['?', '?', ...columns.map(() => '?')].join(', ')})`);
      for (const c of items) {
        for (let i = 0; i < c.ts.length; i++) {
          // NaN marks a missing quote side or exchange: NULL in SQLite; the exchange is stored as its letter.
          const values: SqlValue[] = c.values.map((v, f) => (Number.isNaN(v[i]) ? null : columns[f] === 'exchange' ? String.fromCharCode(v[i]) : v[i]));
          insert.run([c.symbol, c.ts[i], ...values]);
        }
      }
      insert.free();
    }
    writeMarkets(db, markets);
    db.exec('COMMIT');
    return db.export();
  } finally {
    db.close();
  }
}
