// SQLite import: a file in the interchange schema (design.md, "Stable hooks": bars, and the
// quote_bars, quote_ticks and trade_ticks tables) read with sql.js, every row through the
// ImportValidator. Runs in the import worker; unit tests run it under Node.
//
// Unlike `db=` (which replays a file as it is and stops at its first bad row), an import reads
// every row, so the report can count the problems and the person can keep the valid rows.

import type { Database, SqlJsStatic, SqlValue } from 'sql.js';
import { isBarInterval } from '../core/stream-key';
import { MIN_EPOCH_MS } from '../core/timestamp-text';
import { DataError } from './data-error';
import { importMarket } from './csv-import';
import { readMarkets } from './interchange-markets';
import type { MarketSpec } from '../core/market-spec';
import { checkSymbol, ImportValidator, quote, type DayChunk, type ExistingData, type ImportReport } from './import-validator';
import { BAR_VALUE_COLUMNS, ITEM_TABLES } from './storage-layout';

const SQLITE_MAGIC = 'SQLite format 3\0';

/** The value columns of each quote or trade table that are sizes (never negative). */
const SIZE_COLUMNS = new Set(['bid_size', 'ask_size', 'size']);

export interface SqliteImportControl {
  readonly onProgress?: (fraction: number) => void;
  readonly cancelled?: () => boolean;
}

function columnsOf(db: Database, table: string): Set<string> {
  return new Set(db.exec(`PRAGMA table_info("${table}")`)[0]?.values.map((r) => String(r[1]).toLowerCase()) ?? []);
}

export function importSqlite(
  SQL: SqlJsStatic,
  bytes: Uint8Array,
  name: string,
  existing: ExistingData,
  control: SqliteImportControl = {},
  /** The market chosen in the import form, for symbols the file's markets table does not name. */
  market?: MarketSpec,
): { report: ImportReport; chunks: DayChunk[] } {
  importMarket(market);
  // The file's own markets table (an export of a dataset of another market) names its symbols' markets; the rest are `market`.
  let fileMarkets = new Map<string, MarketSpec>();
  const validator = new ImportValidator({ name, format: 'sqlite', bytes: bytes.byteLength }, existing, (symbol) => fileMarkets.get(symbol) ?? market);
  if (new TextDecoder().decode(bytes.subarray(0, 16)) !== SQLITE_MAGIC) throw new DataError(`${name} is not a SQLite file (it does not start with "SQLite format 3").`);
  let db: Database;
  try {
    db = new SQL.Database(bytes);
  } catch (error) {
    throw new DataError(`${name} is a damaged SQLite file: ${(error as Error).message}.`);
  }
  try {
    let tables: Set<string>;
    try {
      tables = new Set(db.exec("SELECT name FROM sqlite_master WHERE type = 'table'")[0]?.values.map((r) => String(r[0])) ?? []);
    } catch (error) {
      throw new DataError(`${name} is a damaged or truncated SQLite file: ${(error as Error).message}.`);
    }
    fileMarkets = readMarkets(db, name, tables);
    const itemTables = Object.entries(ITEM_TABLES).filter(([, t]) => tables.has(t.table));
    if (!tables.has('bars') && itemTables.length === 0) {
      const found = [...tables].join(', ') || 'no tables';
      throw new DataError(`${name} is SQLite but not in the interchange schema: it needs a table "bars" (symbol, ts, open, high, low, close, volume[, interval]); it has ${found}.`);
    }
    const count = (table: string) => Number(db.exec(`SELECT count(*) FROM "${table}"`)[0].values[0][0]);
    let total = 0;
    try {
      total = (tables.has('bars') ? count('bars') : 0) + itemTables.reduce((n, [, t]) => n + count(t.table), 0);
    } catch (error) {
      throw new DataError(`${name} is a damaged or truncated SQLite file: ${(error as Error).message}.`);
    }
    if (total === 0) throw new DataError(`${name} has the interchange tables but no rows.`);
    let done = 0;
    const each = (sql: string, visit: (row: SqlValue[]) => void) => {
      const statement = db.prepare(sql);
      try {
        while (statement.step()) {
          visit(statement.get());
          if (++done % 20_000 === 0) {
            control.onProgress?.(done / total);
            if (control.cancelled?.()) throw new DataError('the import was cancelled');
          }
        }
      } catch (error) {
        if (error instanceof DataError) throw error;
        throw new DataError(`${name} is a damaged or truncated SQLite file: ${(error as Error).message}.`);
      } finally {
        statement.free();
      }
    };

    if (tables.has('bars')) {
      const present = columnsOf(db, 'bars');
      const missing = ['symbol', 'ts', ...BAR_VALUE_COLUMNS].filter((c) => !present.has(c));
      if (missing.length > 0) throw new DataError(`${name}: table "bars" lacks column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`);
      validator.rowLabel = 'bars rowid';
      const interval = present.has('interval') ? 'interval' : 'NULL';
      each(`SELECT rowid, symbol, ${interval}, ts, ${BAR_VALUE_COLUMNS.join(', ')} FROM bars`, (r) => {
        validator.countRow();
        const row = Number(r[0]);
        const symbol = checkSymbol(validator, row, r[1]);
        if (symbol === null) return;
        const stored = r[2] ?? '1m';
        if (typeof stored !== 'string' || !isBarInterval(stored)) {
          validator.problem('interval', row, `interval ${quote(stored)} is not one of 1m, 5m, 15m, 30m, 1h, 1d`);
          return;
        }
        const ts = timestamp(validator, row, r[3]);
        const values = numbers(validator, row, r.slice(4), BAR_VALUE_COLUMNS, false);
        if (ts === null || values === null) return;
        validator.addBar(row, symbol, stored, ts, values as [number, number, number, number, number]);
      });
    }
    for (const [kind, { table, columns }] of itemTables) {
      const [type, interval] = kind.split(':') as ['quote' | 'tick', '1m' | 'tick'];
      const present = columnsOf(db, table);
      const missing = ['symbol', 'ts', ...columns].filter((c) => !present.has(c) && c !== 'exchange');
      if (missing.length > 0) throw new DataError(`${name}: table "${table}" lacks column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`);
      validator.rowLabel = `${table} rowid`;
      const select = columns.map((c) => (present.has(c) ? c : 'NULL')).join(', ');
      const sizes = columns.flatMap((c, i) => (SIZE_COLUMNS.has(c) ? [i] : []));
      // Trade prints need a price and a size; a quote may lack one side (NULL).
      const optional = type === 'quote';
      each(`SELECT rowid, symbol, ts, ${select} FROM ${table} ORDER BY rowid`, (r) => {
        validator.countRow();
        const row = Number(r[0]);
        const symbol = checkSymbol(validator, row, r[1]);
        if (symbol === null) return;
        const ts = timestamp(validator, row, r[2]);
        const exchangeAt = (columns as readonly string[]).indexOf('exchange');
        const raw = r.slice(3);
        const exchange = exchangeAt >= 0 ? raw[exchangeAt] : null;
        if (exchangeAt >= 0) raw[exchangeAt] = null;
        const values = numbers(validator, row, raw, columns, optional, exchangeAt);
        if (ts === null || values === null) return;
        if (exchangeAt >= 0) values[exchangeAt] = typeof exchange === 'string' && exchange !== '' ? exchange.charCodeAt(0) : NaN;
        validator.addItem(row, type, symbol, interval, ts, values, sizes);
      });
    }
    control.onProgress?.(1);
    return validator.finish();
  } finally {
    db.close();
  }
}

/** An interchange timestamp: integer epoch milliseconds; seconds are refused with a hint. */
function timestamp(validator: ImportValidator, row: number, value: SqlValue): number | null {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    validator.problem('timestamp', row, `ts must be an integer (epoch milliseconds UTC); got ${quote(value)}`);
    return null;
  }
  if (value < MIN_EPOCH_MS) {
    validator.problem('timestamp', row, `ts ${value} looks like epoch seconds; the interchange schema stores epoch milliseconds UTC`);
    return null;
  }
  return value;
}

/** The value columns as numbers (NULL as NaN where a column may be missing), or null with the problem recorded. */
function numbers(validator: ImportValidator, row: number, raw: readonly SqlValue[], names: readonly string[], optional: boolean, skip = -1): number[] | null {
  const out: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i];
    if (i === skip || (optional && v === null)) out.push(NaN);
    else if (typeof v === 'number' && Number.isFinite(v)) out.push(v);
    else {
      validator.problem('number', row, `${names[i]} must be a number; got ${v === null ? 'NULL' : quote(v)}`);
      return null;
    }
  }
  return out;
}
