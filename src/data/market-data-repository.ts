// MarketDataRepository: `getBarsBySymbol(symbol, interval, from, to, hours)` over a SQLite file
// with sql.js. Runs in the data worker (data-worker.ts), never on the main thread: a large query
// must not freeze the page. sql.js is injected so unit tests and scripts run it under Node.
//
// Two layouts (storage-layout.ts): the bundled file's columnar `bar_days`, read per query, and a
// user's interchange `bars` table, validated and indexed into the same day chunks once at open.

import type { Database, SqlJsStatic, SqlValue, Statement } from 'sql.js';
import { aggregateBars } from '../core/aggregate-bars';
import { firstAtOrAfter } from '../core/bisect';
import { emitTime } from '../core/emit-time';
import { exchangeDay } from '../core/exchange-time';
import { BAR_FIELDS, fieldsOf, type ItemColumns } from '../core/item-columns';
import { BAR_INTERVALS, intervalMs, isBarInterval, STREAM_TYPE_NAMES, StreamType, type BarInterval, type Interval, type StreamKey } from '../core/stream-key';
import { tradingSession, type Hours } from '../core/trading-hours';
import { DataError } from './data-error';
import { BAR_VALUE_COLUMNS, decodeFloat64, ITEM_TABLES, MIN_EPOCH_MS } from './storage-layout';

export interface CatalogEntry {
  /** Absent for bars; 'quote' (1m quote bars or 'tick' quote updates) or 'tick' (trade prints). */
  readonly type?: 'quote' | 'tick';
  readonly symbol: string;
  readonly interval: Interval;
  /** New York dates with at least one bar, ascending. */
  readonly days: readonly string[];
  /** Stored as such, or aggregated on request from this finer stored interval ('tick': trade prints). */
  readonly from?: Interval;
  /** The imported datasets that hold some of these days (none: all from the bundled or `db=` file). */
  readonly imported?: readonly string[];
}

/** One symbol's bars of one interval on one day: bar starts ascending, values by BAR_VALUE_COLUMNS. */
export interface DayColumns {
  readonly ts: Float64Array;
  readonly values: readonly Float64Array[];
  /** Emit times, when already known (aggregated bars). */
  readonly emit?: Float64Array;
}

/** Can `coarser` bars be built from `finer` ones? (Same grid: a whole multiple, or a daily bar.) */
function derivable(finer: BarInterval, coarser: BarInterval): boolean {
  const a = intervalMs(finer);
  const b = intervalMs(coarser);
  return b > a && (coarser === '1d' || b % a === 0);
}

type Layout = 'columnar' | 'interchange';

const SQLITE_MAGIC = 'SQLite format 3\0';

export class MarketDataRepository {
  private dayStatement: Statement | null = null;

  private constructor(
    private readonly db: Database | null,
    readonly layout: Layout,
    readonly label: string,
    /** What the file stores. */
    private readonly stored: readonly CatalogEntry[],
    /** Interchange files only: chunks keyed `symbol|interval|day`. */
    private readonly chunks: ReadonlyMap<string, DayColumns>,
    /** Quote and tick streams the file holds (bundled layout: table item_days). */
    private readonly items: readonly CatalogEntry[] = [],
  ) {}

  /** Opens a SQLite file's bytes; throws DataError with a readable message when it is unusable. */
  static open(SQL: SqlJsStatic, bytes: Uint8Array, label: string): MarketDataRepository {
    if (bytes.byteLength === 0) throw new DataError(`${label} is empty (0 bytes); expected a SQLite file`);
    const magic = new TextDecoder().decode(bytes.subarray(0, 16));
    if (magic !== SQLITE_MAGIC) throw new DataError(`${label} is not a SQLite file (it does not start with "SQLite format 3")`);
    let db: Database;
    try {
      db = new SQL.Database(bytes);
      db.exec('SELECT count(*) FROM sqlite_master');
    } catch (error) {
      throw new DataError(`${label} is a damaged SQLite file: ${(error as Error).message}`);
    }
    try {
      const tables = new Set(db.exec("SELECT name FROM sqlite_master WHERE type = 'table'")[0]?.values.map((r) => String(r[0])) ?? []);
      if (tables.has('bar_days')) {
        return new MarketDataRepository(db, 'columnar', label, readColumnarCatalog(db), new Map(), tables.has('item_days') ? readItemCatalog(db) : []);
      }
      const itemTables = Object.values(ITEM_TABLES).map((t) => t.table).filter((t) => tables.has(t));
      if (tables.has('bars') || itemTables.length > 0) {
        const { entries, chunks } = tables.has('bars') ? indexInterchange(db, label) : { entries: [], chunks: new Map<string, DayColumns>() };
        const items = indexInterchangeItems(db, label, tables, chunks);
        db.close();
        return new MarketDataRepository(null, 'interchange', label, entries, chunks, items);
      }
      throw new DataError(`${label} has no "bars" table; the interchange schema needs bars(symbol, ts, open, high, low, close, volume)`);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /**
   * A repository over day chunks already in memory (an imported dataset's, read from IndexedDB):
   * `entries` lists what is stored, `chunks` holds the days a query needs, keyed as an
   * interchange file's (`SYMBOL|interval|day` for bars, `type|SYMBOL|interval|day` otherwise).
   */
  static fromChunks(label: string, entries: readonly CatalogEntry[], chunks: ReadonlyMap<string, DayColumns>): MarketDataRepository {
    return new MarketDataRepository(
      null,
      'interchange',
      label,
      entries.filter((e) => !e.type),
      chunks,
      entries.filter((e) => e.type),
    );
  }

  /** What can be replayed: the stored intervals, and every coarser one aggregated from them. */
  catalog(): readonly CatalogEntry[] {
    // Built once: every query looks its stream up here, and a setup makes hundreds of queries.
    return (this.entries ??= this.buildCatalog());
  }

  private entries: readonly CatalogEntry[] | null = null;

  private buildCatalog(): readonly CatalogEntry[] {
    const entries: CatalogEntry[] = [...this.stored, ...this.items];
    for (const entry of this.stored) {
      if (!isBarInterval(entry.interval)) continue;
      for (const interval of BAR_INTERVALS) {
        if (entries.some((e) => e.symbol === entry.symbol && e.interval === interval)) continue;
        if (derivable(entry.interval as BarInterval, interval)) entries.push({ symbol: entry.symbol, interval, days: entry.days, from: entry.interval });
      }
    }
    // Trade prints make bars of every interval for a symbol with no stored bars.
    for (const trades of this.items.filter((e) => e.type === 'tick')) {
      for (const interval of BAR_INTERVALS) {
        if (!entries.some((e) => !e.type && e.symbol === trades.symbol && e.interval === interval)) {
          entries.push({ symbol: trades.symbol, interval, days: trades.days, from: 'tick' });
        }
      }
    }
    const rank = (e: CatalogEntry) => (e.type === 'quote' ? 1 : e.type === 'tick' ? 2 : 0);
    return entries.sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : rank(a) - rank(b) || intervalMs(a.interval) - intervalMs(b.interval)));
  }

  /**
   * The bars of one symbol and interval from `from` to `to` (New York dates, inclusive), inside
   * the requested hours, sorted by (start, source row order), with their emit times.
   */
  getBarsBySymbol(symbol: string, interval: BarInterval, from: string, to: string, hours: Hours): ItemColumns {
    const entry = this.catalog().find((e) => !e.type && e.symbol === symbol && e.interval === interval);
    if (!entry) throw new DataError(`${this.label} has no ${interval} bars for ${symbol}, and nothing finer to build them from`);
    if (entry.from === 'tick') return this.barsFromTrades(symbol, interval, entry.days.filter((d) => d >= from && d <= to), hours);
    const stored = (entry.from ?? interval) as BarInterval;
    const days = entry.days.filter((d) => d >= from && d <= to);
    const pieces: { chunk: DayColumns; begin: number; end: number; close: number }[] = [];
    let total = 0;
    for (const day of days) {
      const session = tradingSession(day, hours);
      if (session === null) continue; // a closed day (holiday) has no trading session to replay
      const raw = this.chunk(symbol, stored, day);
      const begin = firstAtOrAfter(raw.ts, session.open);
      const end = firstAtOrAfter(raw.ts, session.close);
      if (end <= begin) continue;
      if (entry.from) {
        // Coarser than stored: aggregate the day's finer bars inside the session.
        const bars = aggregateBars({ ts: raw.ts.subarray(begin, end), values: raw.values.map((v) => v.subarray(begin, end)) }, interval, session);
        const chunk = { ts: bars.tsStart, values: bars.fields, emit: bars.tsEmit };
        pieces.push({ chunk, begin: 0, end: bars.tsStart.length, close: session.close });
        total += bars.tsStart.length;
      } else {
        pieces.push({ chunk: raw, begin, end, close: session.close });
        total += end - begin;
      }
    }
    const fieldCount = BAR_FIELDS.length;
    const out: ItemColumns = {
      tsStart: new Float64Array(total),
      tsEmit: new Float64Array(total),
      fields: Array.from({ length: fieldCount }, () => new Float64Array(total)),
    };
    let at = 0;
    for (const { chunk, begin, end, close } of pieces) {
      out.tsStart.set(chunk.ts.subarray(begin, end), at);
      for (let f = 0; f < fieldCount; f++) out.fields[f].set(chunk.values[f].subarray(begin, end), at);
      if (chunk.emit) out.tsEmit.set(chunk.emit.subarray(begin, end), at);
      else {
        // emitTime() inlined for the hot path: start + interval, cut at the close.
        const step = intervalMs(interval);
        const ts = chunk.ts;
        const emit = out.tsEmit;
        for (let i = begin; i < end; i++) {
          const e = ts[i] + step;
          emit[at + i - begin] = e < close ? e : close;
        }
      }
      at += end - begin;
    }
    return out;
  }

  /**
   * Quote bars, quote updates or trade prints of one symbol from `from` to `to`, inside the
   * requested hours, sorted by (time, source order), each emitted at its end (quote bars) or at
   * its own time (ticks).
   */
  getItems(key: StreamKey, from: string, to: string, hours: Hours): ItemColumns {
    if (key.type === StreamType.BAR) return this.getBarsBySymbol(key.symbol, key.interval as BarInterval, from, to, hours);
    const type = STREAM_TYPE_NAMES[key.type];
    const entry = this.items.find((e) => e.type === type && e.symbol === key.symbol && e.interval === key.interval);
    if (!entry) throw new DataError(`${this.label} has no ${type} ${key.interval} data for ${key.symbol}`);
    const fieldCount = fieldsOf(key).length;
    const parts: ItemColumns[] = [];
    if (this.layout === 'interchange') {
      for (const day of entry.days.filter((d) => d >= from && d <= to)) {
        const session = tradingSession(day, hours);
        const chunk = this.chunks.get(`${type}|${key.symbol}|${key.interval}|${day}`);
        if (session === null || !chunk) continue;
        const begin = firstAtOrAfter(chunk.ts, session.open);
        const end = firstAtOrAfter(chunk.ts, session.close);
        const tsStart = chunk.ts.slice(begin, end);
        parts.push({ tsStart, tsEmit: tsStart.map((t) => emitTime(t, key.interval, session.close)), fields: chunk.values.map((v) => v.slice(begin, end)) });
      }
      return concatColumns(parts, fieldCount);
    }
    const statement = this.db!.prepare('SELECT rows, ts, fields FROM item_days WHERE type = ? AND symbol = ? AND interval = ? AND day = ?');
    try {
      for (const day of entry.days.filter((d) => d >= from && d <= to)) {
        const session = tradingSession(day, hours);
        if (session === null) continue;
        statement.bind([type, key.symbol, key.interval, day]);
        if (!statement.step()) continue;
        const [rows, tsBlob, fieldsBlob] = statement.get() as [number, Uint8Array, Uint8Array];
        statement.reset();
        const ts = decodeFloat64(tsBlob);
        const all = decodeFloat64(fieldsBlob);
        const begin = firstAtOrAfter(ts, session.open);
        const end = firstAtOrAfter(ts, session.close);
        const tsStart = ts.slice(begin, end);
        parts.push({
          tsStart,
          tsEmit: tsStart.map((t) => emitTime(t, key.interval, session.close)),
          fields: Array.from({ length: fieldCount }, (_, f) => all.slice(f * rows + begin, f * rows + end)),
        });
      }
    } finally {
      statement.free();
    }
    return concatColumns(parts, fieldCount);
  }

  /** Bars built from trade prints: per session, open/high/low/close of the prices, volume the sizes. */
  private barsFromTrades(symbol: string, interval: BarInterval, days: readonly string[], hours: Hours): ItemColumns {
    const key: StreamKey = { type: StreamType.TICK, symbol, interval: 'tick' };
    const parts: ItemColumns[] = [];
    for (const day of days) {
      const session = tradingSession(day, hours);
      if (session === null) continue;
      const trades = this.getItems(key, day, day, hours);
      const [price, size] = trades.fields;
      parts.push(aggregateBars({ ts: trades.tsStart, values: [price, price, price, price, size] }, interval, session));
    }
    return concatColumns(parts, BAR_FIELDS.length);
  }

  close(): void {
    this.dayStatement?.free();
    this.db?.close();
  }

  private chunk(symbol: string, interval: BarInterval, day: string): DayColumns {
    if (this.layout === 'interchange') return this.chunks.get(`${symbol}|${interval}|${day}`)!;
    // One prepared statement for the repository's life: a day is one row, read thousands of times in a setup.
    const statement = (this.dayStatement ??= this.db!.prepare('SELECT ts, open, high, low, close, volume FROM bar_days WHERE symbol = ? AND interval = ? AND day = ?'));
    try {
      statement.bind([symbol, interval, day]);
      if (!statement.step()) throw new DataError(`${this.label}: the catalog lists ${symbol} ${interval} on ${day} but it has no rows`);
      const row = statement.get();
      return { ts: decodeFloat64(row[0] as Uint8Array), values: row.slice(1).map((v) => decodeFloat64(v as Uint8Array)) };
    } finally {
      statement.reset();
    }
  }
}

function readItemCatalog(db: Database): CatalogEntry[] {
  const rows = db.exec('SELECT type, symbol, interval, day FROM item_days ORDER BY type, symbol, interval, day')[0]?.values ?? [];
  const entries = new Map<string, { type: 'quote' | 'tick'; symbol: string; interval: Interval; days: string[] }>();
  for (const [type, symbol, interval, day] of rows) {
    const key = `${type}|${symbol}|${interval}`;
    if (!entries.has(key)) entries.set(key, { type: type as 'quote' | 'tick', symbol: String(symbol), interval: String(interval) as Interval, days: [] });
    entries.get(key)!.days.push(String(day));
  }
  return [...entries.values()];
}

export function concatColumns(parts: readonly ItemColumns[], fieldCount: number): ItemColumns {
  const total = parts.reduce((n, p) => n + p.tsStart.length, 0);
  const out: ItemColumns = { tsStart: new Float64Array(total), tsEmit: new Float64Array(total), fields: Array.from({ length: fieldCount }, () => new Float64Array(total)) };
  let at = 0;
  for (const part of parts) {
    out.tsStart.set(part.tsStart, at);
    out.tsEmit.set(part.tsEmit, at);
    part.fields.forEach((f, i) => out.fields[i].set(f, at));
    at += part.tsStart.length;
  }
  return out;
}

function readColumnarCatalog(db: Database): CatalogEntry[] {
  const rows = db.exec('SELECT symbol, interval, day FROM bar_days ORDER BY symbol, interval, day')[0]?.values ?? [];
  const entries = new Map<string, { symbol: string; interval: BarInterval; days: string[] }>();
  for (const [symbol, interval, day] of rows) {
    const key = `${symbol}|${interval}`;
    if (!entries.has(key)) entries.set(key, { symbol: String(symbol), interval: String(interval) as BarInterval, days: [] });
    entries.get(key)!.days.push(String(day));
  }
  return [...entries.values()];
}

/**
 * Reads an interchange `bars` table once: validates every row (with its row number in the message)
 * and groups rows into day chunks sorted by (ts, rowid) — the source's row order breaks ties,
 * whatever order the rows are stored in.
 */
function indexInterchange(db: Database, label: string): { entries: CatalogEntry[]; chunks: Map<string, DayColumns> } {
  const columns = new Set(db.exec('PRAGMA table_info(bars)')[0]?.values.map((r) => String(r[1]).toLowerCase()) ?? []);
  const required = ['symbol', 'ts', ...BAR_VALUE_COLUMNS];
  const missing = required.filter((c) => !columns.has(c));
  if (missing.length > 0) throw new DataError(`${label}: table "bars" lacks column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  const intervalExpr = columns.has('interval') ? "COALESCE(interval, '1m')" : "'1m'";
  const statement = db.prepare(
    `SELECT rowid, symbol, ${intervalExpr}, ts, open, high, low, close, volume FROM bars ORDER BY upper(symbol), ${intervalExpr}, ts, rowid`,
  );
  const groups: DayGroups = new Map();
  try {
    while (statement.step()) {
      const row = statement.get();
      const where = `${label}, bars row with rowid ${row[0]}`;
      const symbol = row[1];
      if (typeof symbol !== 'string' || symbol.trim() === '') throw new DataError(`${where}: symbol must be text, got ${show(symbol)}`);
      const interval = String(row[2]);
      if (!isBarInterval(interval)) throw new DataError(`${where}: interval "${interval}" is not one of 1m, 5m, 15m, 30m, 1h, 1d`);
      const ts = checkTimestamp(where, row[3]);
      const values = row.slice(4).map((v, i) => {
        if (typeof v !== 'number' || !Number.isFinite(v)) throw new DataError(`${where}: ${BAR_VALUE_COLUMNS[i]} must be a number, got ${show(v)}`);
        return v;
      });
      addToDay(groups, `${symbol.toUpperCase()}|${interval}|${exchangeDay(ts)}`, ts, values);
    }
  } finally {
    statement.free();
  }
  if (groups.size === 0) throw new DataError(`${label}: table "bars" has no rows`);
  const chunks = new Map<string, DayColumns>();
  const entries = new Map<string, { symbol: string; interval: BarInterval; days: string[] }>();
  for (const [key, group] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [symbol, interval, day] = key.split('|');
    chunks.set(key, { ts: Float64Array.from(group.ts), values: group.values.map((v) => Float64Array.from(v)) });
    const entryKey = `${symbol}|${interval}`;
    if (!entries.has(entryKey)) entries.set(entryKey, { symbol, interval: interval as BarInterval, days: [] });
    entries.get(entryKey)!.days.push(day);
  }
  return { entries: [...entries.values()], chunks };
}

/**
 * Reads the interchange quote and tick tables (quote_bars, quote_ticks, trade_ticks) once: rows
 * validated, grouped into day chunks keyed `type|symbol|interval|day` in (ts, rowid) order. The
 * exchange letter travels as its char code; a missing quote side (NULL) as NaN.
 */
function indexInterchangeItems(db: Database, label: string, tables: ReadonlySet<string>, chunks: Map<string, DayColumns>): CatalogEntry[] {
  const entries = new Map<string, { type: 'quote' | 'tick'; symbol: string; interval: Interval; days: string[] }>();
  for (const [kind, { table, columns }] of Object.entries(ITEM_TABLES)) {
    if (!tables.has(table)) continue;
    const [type, interval] = kind.split(':') as ['quote' | 'tick', Interval];
    const present = new Set(db.exec(`PRAGMA table_info(${table})`)[0]?.values.map((r) => String(r[1]).toLowerCase()) ?? []);
    const missing = ['symbol', 'ts', ...columns].filter((c) => !present.has(c) && c !== 'exchange');
    if (missing.length > 0) throw new DataError(`${label}: table "${table}" lacks column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
    const select = columns.map((c) => (present.has(c) ? c : 'NULL')).join(', ');
    const statement = db.prepare(`SELECT rowid, upper(symbol), ts, ${select} FROM ${table} ORDER BY upper(symbol), ts, rowid`);
    const groups: DayGroups = new Map();
    try {
      while (statement.step()) {
        const row = statement.get();
        const where = `${label}, ${table} row with rowid ${row[0]}`;
        if (typeof row[1] !== 'string' || row[1] === '') throw new DataError(`${where}: symbol must be text, got ${show(row[1])}`);
        const ts = checkTimestamp(where, row[2]);
        const values = row.slice(3).map((v, i) => {
          if (columns[i] === 'exchange') return typeof v === 'string' && v !== '' ? v.charCodeAt(0) : NaN;
          if (v === null) return NaN;
          if (typeof v !== 'number' || !Number.isFinite(v)) throw new DataError(`${where}: ${columns[i]} must be a number, got ${show(v)}`);
          return v;
        });
        addToDay(groups, `${type}|${row[1]}|${interval}|${exchangeDay(ts)}`, ts, values);
      }
    } finally {
      statement.free();
    }
    for (const [key, group] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const [, symbol, , day] = key.split('|');
      chunks.set(key, { ts: Float64Array.from(group.ts), values: group.values.map((v) => Float64Array.from(v)) });
      const entryKey = `${type}|${symbol}|${interval}`;
      if (!entries.has(entryKey)) entries.set(entryKey, { type, symbol, interval, days: [] });
      entries.get(entryKey)!.days.push(day);
    }
  }
  return [...entries.values()];
}

type DayGroups = Map<string, { ts: number[]; values: number[][] }>;

/** Appends one row to its day's group (rows arrive in (ts, rowid) order, so groups stay sorted). */
function addToDay(groups: DayGroups, key: string, ts: number, values: readonly number[]): void {
  let group = groups.get(key);
  if (!group) groups.set(key, (group = { ts: [], values: values.map(() => []) }));
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
