// SQLite import: a file in the interchange schema (design.md, "Stable hooks": bars, and the
// quote_bars, quote_ticks and trade_ticks tables) read with sql.js, every row through the
// ImportValidator. Runs in the import worker; unit tests run it under Node.
//
// The one reader of an interchange file: `db=` (day-store.ts's interchange layout) reads a file
// through readInterchange exactly as an import does — the same rows kept, the same rows refused
// with the same messages (row-rules.ts), every row read so the problems are counted.

import type { Database, SqlJsStatic, SqlValue } from 'sql.js';
import { isBarInterval } from '../core/stream-key';
import { MAX_EPOCH_MS, MIN_EPOCH_MS } from '../core/timestamp-text';
import { bounded, shown } from '../core/row-rules';
import { DataError } from './data-error';
import { importMarket } from './market-rows';
import { readMarkets } from './interchange-markets';
import type { MarketSpec } from '../core/market-spec';
import { checkSymbol, ImportValidator, type DayChunk, type ExistingData, type ImportReport, type RowPlace } from './import-validator';
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

/** The file's tables and views by lower-case name (SQLite's own names ignore case: `Bars` is bars). */
export function schemaObjects(db: Database): Map<string, { name: string; type: string }> {
  const rows = db.exec("SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view')")[0]?.values ?? [];
  return new Map(rows.map(([name, type]) => [String(name).toLowerCase(), { name: String(name), type: String(type) }]));
}

/** The message for a SQLite file with no interchange table: what it has, and what it needs. */
export function notInterchange(name: string, objects: ReadonlyMap<string, { name: string; type: string }>): string {
  const found = [...objects.values()].map((o) => (o.type === 'view' ? `${o.name} (a view)` : o.name)).join(', ') || 'no tables';
  return bounded(`${name} is SQLite but not in the interchange schema: it needs a table "bars" (or a view of that name) with symbol, ts, open, high, low, close, volume[, interval]. It has no "bars" table, only: ${found}. Rename the table or create a view: CREATE VIEW bars AS SELECT … FROM yours.`);
}

/** A value cell as SQL: SQLite hands Infinity to sql.js as NULL, so it is named here first. */
function cellSql(column: string): string {
  const max = '1.7976931348623157e308';
  return `CASE WHEN typeof(${column}) = 'real' AND ${column} > ${max} THEN 'Infinity' WHEN typeof(${column}) = 'real' AND ${column} < -${max} THEN '-Infinity' ELSE ${column} END`;
}

/** Does the table (or view) have rowids? A WITHOUT ROWID table or a view has none: rows are then numbered in the order read. */
function hasRowid(db: Database, table: string): boolean {
  try {
    db.exec(`SELECT rowid FROM "${table}" LIMIT 0`);
    return true;
  } catch {
    return false;
  }
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
  if (new TextDecoder().decode(bytes.subarray(0, 16)) !== SQLITE_MAGIC) throw new DataError(`${name} is not a SQLite file (it does not start with "SQLite format 3").`);
  let db: Database;
  try {
    db = new SQL.Database(bytes);
  } catch (error) {
    throw new DataError(`${name} is a damaged SQLite file: ${(error as Error).message}.`);
  }
  try {
    return readInterchange(db, name, bytes.byteLength, existing, control, market);
  } finally {
    db.close();
  }
}

/** Reads every interchange table of an open file through the ImportValidator: the report and the valid rows' day chunks. */
export function readInterchange(
  db: Database,
  name: string,
  byteLength: number,
  existing: ExistingData,
  control: SqliteImportControl = {},
  /** The market chosen in the import form, for symbols the file's markets table does not name (db=: none, us-equities). */
  market?: MarketSpec,
): { report: ImportReport; chunks: DayChunk[] } {
  let objects: Map<string, { name: string; type: string }>;
  try {
    objects = schemaObjects(db);
  } catch (error) {
    throw new DataError(`${name} is a damaged or truncated SQLite file: ${(error as Error).message}.`);
  }
  // The file's own markets table (an export of a dataset of another market) names its symbols'
  // markets, and their rows are checked against those calendars; the rest are `market`.
  const fileMarkets = readMarkets(db, name, new Set(objects.keys()));
  const validator = new ImportValidator({ name, format: 'sqlite', bytes: byteLength }, existing, (symbol) => fileMarkets.get(symbol) ?? market);
  const itemTables = Object.entries(ITEM_TABLES).filter(([, t]) => objects.has(t.table));
  const hasBars = objects.has('bars');
  if (!hasBars && itemTables.length === 0) throw new DataError(notInterchange(name, objects));
  // Columns first: a file lacking one is refused whatever it holds.
  const present = new Map<string, Set<string>>();
  try {
    if (hasBars) present.set('bars', columnsOf(db, 'bars'));
    for (const [, { table }] of itemTables) present.set(table, columnsOf(db, table));
  } catch (error) {
    throw new DataError(`${name} is a damaged or truncated SQLite file: ${(error as Error).message}.`);
  }
  const lacking = (table: string, needed: readonly string[]) => {
    const missing = needed.filter((c) => !present.get(table)?.has(c));
    if (missing.length > 0) throw new DataError(`${name}: table "${table}" lacks column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`);
  };
  if (hasBars) lacking('bars', ['symbol', 'ts', ...BAR_VALUE_COLUMNS]);
  for (const [, { table, columns }] of itemTables) lacking(table, ['symbol', 'ts', ...columns.filter((c) => c !== 'exchange')]);
  const count = (table: string) => Number(db.exec(`SELECT count(*) FROM "${table}"`)[0].values[0][0]);
  let total = 0;
  try {
    total = (hasBars ? count('bars') : 0) + itemTables.reduce((n, [, t]) => n + count(t.table), 0);
  } catch (error) {
    throw new DataError(`${name} is a damaged or truncated SQLite file: ${(error as Error).message}.`);
  }
  if (total === 0) throw new DataError(`${name} has the interchange tables but no rows${hasBars ? ' (table "bars" has no rows)' : ''}.`);
  let done = 0;
  /** Each row of `table`, numbered by rowid, or in the order read where there is none. */
  const each = (table: string, select: string, order: string, visit: (row: number, cells: SqlValue[]) => void) => {
    const rowid = hasRowid(db, table);
    if (!rowid) {
      const what = objects.get(table)?.type === 'view' ? 'a view' : 'a WITHOUT ROWID table';
      validator.note(`"${table}" is ${what}: its rows are numbered in the order SQLite reads them, and that order breaks ties between equal timestamps.`);
      validator.rowLabel = `${table} row`;
    } else validator.rowLabel = `${table} rowid`;
    let statement;
    try {
      statement = db.prepare(`SELECT ${rowid ? 'rowid' : 'NULL'}, ${select} FROM "${table}"${rowid ? ` ${order}` : ''}`);
    } catch (error) {
      throw new DataError(`${name}: "${table}" cannot be read: ${(error as Error).message}.`);
    }
    let read = 0;
    try {
      while (statement.step()) {
        const cells = statement.get();
        read++;
        visit(rowid ? Number(cells[0]) : read, cells.slice(1));
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

  if (hasBars) {
    const interval = present.get('bars')?.has('interval') ? 'interval' : 'NULL';
    each('bars', `symbol, ${interval}, ts, ${BAR_VALUE_COLUMNS.map(cellSql).join(', ')}`, '', (row, r) => {
      validator.countRow();
      const symbol = checkSymbol(validator, row, r[0]);
      if (symbol === null) return;
      const stored = r[1] ?? '1m';
      if (typeof stored !== 'string' || !isBarInterval(stored)) {
        validator.problem('interval', row, `interval ${shown(stored)} is not one of 1m, 5m, 15m, 30m, 1h, 1d`);
        return;
      }
      const ts = timestamp(validator, row, r[2]);
      if (ts === null) return;
      const values = numbers(validator, row, r.slice(3), BAR_VALUE_COLUMNS, false, -1, validator.placeOf('bar', symbol, ts, stored));
      if (values === null) return;
      validator.addBar(row, symbol, stored, ts, values as [number, number, number, number, number]);
    });
  }
  for (const [kind, { table, columns }] of itemTables) {
    const [type, interval] = kind.split(':') as ['quote' | 'tick', '1m' | 'tick'];
    const has = present.get(table) ?? new Set<string>();
    const select = columns.map((c) => (!has.has(c) ? 'NULL' : c === 'exchange' ? c : cellSql(c))).join(', ');
    const sizes = columns.flatMap((c, i) => (SIZE_COLUMNS.has(c) ? [i] : []));
    // Trade prints need a price and a size; a quote may lack one side (NULL).
    const optional = type === 'quote';
    const exchangeAt = (columns as readonly string[]).indexOf('exchange');
    each(table, `symbol, ts, ${select}`, 'ORDER BY rowid', (row, r) => {
      validator.countRow();
      const symbol = checkSymbol(validator, row, r[0]);
      if (symbol === null) return;
      const ts = timestamp(validator, row, r[1]);
      if (ts === null) return;
      const raw = r.slice(2);
      const exchange = exchangeAt >= 0 ? raw[exchangeAt] : null;
      if (exchangeAt >= 0) raw[exchangeAt] = null;
      const values = numbers(validator, row, raw, columns, optional, exchangeAt, validator.placeOf(type, symbol, ts));
      if (values === null) return;
      if (exchangeAt >= 0) values[exchangeAt] = typeof exchange === 'string' && exchange !== '' ? exchange.charCodeAt(0) : NaN;
      validator.addItem(row, type, symbol, interval, ts, values, sizes, columns, exchangeAt);
    });
  }
  control.onProgress?.(1);
  return validator.finish();
}

/** An interchange timestamp: integer epoch milliseconds; seconds and microseconds are refused with a hint. */
function timestamp(validator: ImportValidator, row: number, value: SqlValue): number | null {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    validator.problem('timestamp', row, `ts must be an integer (epoch milliseconds UTC); got ${shown(value)}`);
    return null;
  }
  if (value < MIN_EPOCH_MS) {
    validator.problem('timestamp', row, `ts ${value} looks like epoch seconds; the interchange schema stores epoch milliseconds UTC (multiply by 1000)`);
    return null;
  }
  if (value >= MAX_EPOCH_MS) {
    validator.problem('timestamp', row, `ts ${value} looks like epoch microseconds (or nanoseconds); the interchange schema stores epoch milliseconds UTC (divide by 1000)`);
    return null;
  }
  return value;
}

/** The value columns as numbers (NULL as NaN where a column may be missing), or null with the problem recorded. */
function numbers(validator: ImportValidator, row: number, raw: readonly SqlValue[], names: readonly string[], optional: boolean, skip: number, place: RowPlace): number[] | null {
  const out: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i];
    if (i === skip || (optional && v === null)) out.push(NaN);
    else if (typeof v === 'number' && Number.isFinite(v)) out.push(v);
    else {
      const infinite = v === 'Infinity' || v === '-Infinity';
      validator.problem('number', row, infinite ? `${names[i]} must be a finite number; got ${v}` : `${names[i]} must be a number; got ${v === null ? 'NULL' : shown(v)}`, validator.rowLabel, place);
      return null;
    }
  }
  return out;
}
