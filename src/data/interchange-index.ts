// Indexes a `db=` file in the interchange schema (storage-layout.ts: bars, quote_bars,
// quote_ticks, trade_ticks) once, when it is opened: every row checked, with its rowid in the
// message, and grouped into the same day chunks the columnar layout stores. Runs in the data
// worker (MarketDataRepository.open) and under Node in tests. One table of tables, one loop.

import type { Database, SqlValue } from 'sql.js';
import type { CatalogEntry } from '../core/catalog-entry';
import { exchangeDay } from '../core/exchange-time';
import { BAR_INTERVALS, type Interval } from '../core/stream-key';
import { DataError } from './data-error';
import { dayKey, type DayColumns } from './day-columns';
import type { ChunkKind } from '../core/import-types';
import { BAR_VALUE_COLUMNS, ITEM_TABLES, MIN_EPOCH_MS } from './storage-layout';
import { storedEntries, withMarkets, type StoredDay } from './stream-catalog';
import { readMarkets } from './interchange-markets';
import { resolveMarket, tradingDayOf } from '../core/market-spec';

/** Reads one value cell as a number, or throws a message naming the row and the column. */
type Cell = (value: SqlValue, column: string, where: string) => number;

const number: Cell = (value, column, where) => {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new DataError(`${where}: ${column} must be a number, got ${show(value)}`);
  return value;
};
/** A quote side may be missing (NULL): NaN. */
const numberOrMissing: Cell = (value, column, where) => (value === null ? NaN : number(value, column, where));
/** The exchange letter travels as its char code; none as NaN. */
const exchangeLetter: Cell = (value) => (typeof value === 'string' && value !== '' ? value.charCodeAt(0) : NaN);

/** Columns a table may lack: read as NULL. */
const OPTIONAL_COLUMNS: ReadonlySet<string> = new Set(['exchange']);

interface InterchangeTable {
  readonly kind: ChunkKind;
  readonly table: string;
  /** The value columns, in fieldsOf order. */
  readonly columns: readonly string[];
  /** The intervals its rows may have, and the SQL that reads a row's: bars name theirs (NULL or no column: 1m), the others hold one. */
  readonly intervals: readonly Interval[];
  readonly intervalSql: (present: ReadonlySet<string>) => string;
  readonly cell: (column: string) => Cell;
  /** A present but empty table refuses the file (bars: a `db=` file of nothing is a mistake). */
  readonly needsRows: boolean;
}

export const INTERCHANGE_TABLES: readonly InterchangeTable[] = [
  {
    kind: 'bar',
    table: 'bars',
    columns: BAR_VALUE_COLUMNS,
    intervals: BAR_INTERVALS,
    intervalSql: (present) => (present.has('interval') ? "COALESCE(interval, '1m')" : "'1m'"),
    cell: () => number,
    needsRows: true,
  },
  ...Object.entries(ITEM_TABLES).map(([id, { table, columns }]) => {
    const [kind, interval] = id.split(':') as ['quote' | 'tick', Interval];
    const cell = (column: string) => (column === 'exchange' ? exchangeLetter : numberOrMissing);
    return { kind, table, columns, intervals: [interval], intervalSql: () => `'${interval}'`, cell, needsRows: false };
  }),
];

type DayGroup = StoredDay & { readonly ts: number[]; readonly values: number[][] };

/**
 * Reads every interchange table the file has: what it stores, and its day chunks keyed by
 * dayKey, each sorted by (ts, rowid) — the source's row order breaks ties, whatever order the
 * rows are stored in.
 */
export function indexInterchange(db: Database, label: string, tables: ReadonlySet<string>): { stored: CatalogEntry[]; chunks: Map<string, DayColumns> } {
  const groups = new Map<string, DayGroup>();
  // A symbol's rows are grouped by its market's trading day (New York dates when the file names no market).
  const markets = readMarkets(db, label, tables);
  const dayOf = (symbol: string): ((ts: number) => string) => {
    const spec = markets.get(symbol);
    if (spec === undefined) return exchangeDay;
    const market = resolveMarket(spec);
    return (ts) => tradingDayOf(market, ts);
  };
  for (const spec of INTERCHANGE_TABLES) if (tables.has(spec.table)) readTable(db, label, spec, groups, dayOf);
  const chunks = new Map<string, DayColumns>();
  const days: StoredDay[] = [];
  // By key, so a symbol's stored bar intervals reach the catalog in one order (it decides which
  // stored interval a coarser one is built from), whatever order the file's rows are in.
  for (const key of [...groups.keys()].sort()) {
    const { ts, values, ...day } = groups.get(key) as DayGroup;
    chunks.set(key, { ts: Float64Array.from(ts), values: values.map((v) => Float64Array.from(v)) });
    days.push(day);
  }
  return { stored: withMarkets(storedEntries(days), (symbol) => markets.get(symbol)), chunks };
}

function readTable(db: Database, label: string, spec: InterchangeTable, groups: Map<string, DayGroup>, dayOf: (symbol: string) => (ts: number) => string): void {
  const { table, columns, intervals, kind } = spec;
  const present = new Set(db.exec(`PRAGMA table_info(${table})`)[0]?.values.map((r) => String(r[1]).toLowerCase()) ?? []);
  const missing = ['symbol', 'ts', ...columns].filter((c) => !present.has(c) && !OPTIONAL_COLUMNS.has(c));
  if (missing.length > 0) throw new DataError(`${label}: table "${table}" lacks column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  const interval = spec.intervalSql(present);
  const select = columns.map((c) => (present.has(c) ? c : 'NULL')).join(', ');
  const cells = columns.map(spec.cell);
  const statement = db.prepare(`SELECT rowid, symbol, ${interval}, ts, ${select} FROM ${table} ORDER BY upper(symbol), ${interval}, ts, rowid`);
  let rows = 0;
  try {
    while (statement.step()) {
      const row = statement.get();
      const where = `${label}, ${table} row with rowid ${row[0]}`;
      const symbol = row[1];
      if (typeof symbol !== 'string' || symbol.trim() === '') throw new DataError(`${where}: symbol must be text, got ${show(symbol)}`);
      const rowInterval = String(row[2]) as Interval;
      if (!intervals.includes(rowInterval)) throw new DataError(`${where}: interval "${rowInterval}" is not one of ${intervals.join(', ')}`);
      const ts = checkTimestamp(where, row[3]);
      const values = cells.map((cell, i) => cell(row[4 + i], columns[i], where));
      const upper = symbol.toUpperCase();
      addToDay(groups, { kind, symbol: upper, interval: rowInterval, day: dayOf(upper)(ts) }, ts, values);
      rows++;
    }
  } finally {
    statement.free();
  }
  if (spec.needsRows && rows === 0) throw new DataError(`${label}: table "${table}" has no rows`);
}

/** Appends one row to its day's group (rows arrive in (ts, rowid) order, so groups stay sorted). */
function addToDay(groups: Map<string, DayGroup>, day: StoredDay, ts: number, values: readonly number[]): void {
  const key = dayKey(day.kind, day.symbol, day.interval, day.day);
  let group = groups.get(key);
  if (!group) groups.set(key, (group = { ...day, ts: [], values: values.map(() => []) }));
  group.ts.push(ts);
  values.forEach((v, i) => group.values[i].push(v));
}

/** An interchange timestamp: an integer number of epoch milliseconds, not seconds. */
function checkTimestamp(where: string, ts: SqlValue): number {
  if (typeof ts !== 'number' || !Number.isInteger(ts)) throw new DataError(`${where}: ts must be an integer (epoch ms), got ${show(ts)}`);
  if (ts < MIN_EPOCH_MS) throw new DataError(`${where}: ts ${ts} looks like seconds; the interchange schema wants epoch milliseconds UTC`);
  return ts;
}

function show(value: SqlValue): string {
  return value instanceof Uint8Array ? `a ${value.byteLength}-byte blob` : JSON.stringify(value);
}
