// MarketDataRepository: `getBarsBySymbol(symbol, interval, from, to, hours)` over a SQLite file
// with sql.js, and `getItems` for every stream kind (bars, quote bars, quote updates, trade
// prints). Runs in the data worker (data-worker.ts), never on the main thread: a large query must
// not freeze the page. sql.js is injected so unit tests and scripts run it under Node.
//
// One query path: find the stream in the catalog (stream-catalog.ts), read each day of the stored
// stream it comes from (day-store.ts: the file's storage layout), keep the trading session, and
// join the days (day-columns.ts) — aggregating coarser bars on the way when the catalog says so.

import type { SqlJsStatic, Database } from 'sql.js';
import { aggregateBars } from '../core/aggregate-bars';
import { firstAtOrAfter } from '../core/bisect';
import type { CatalogEntry } from '../core/catalog-entry';
import { fieldsOf, type ItemColumns } from '../core/item-columns';
import { intervalMs, STREAM_TYPE_NAMES, StreamType, type BarInterval, type StreamKey } from '../core/stream-key';
import { marketSessions, type Market } from '../core/market';
import { resolveMarket } from '../core/market-spec';
import { type Hours, type TradingSession } from '../core/trading-hours';
import { DataError } from './data-error';
import { ensureDefined } from '../core/assert';
import type { RefusedRows } from '../core/import-types';
import { dayAccount, type RowAccount } from '../core/row-account';
import { schemaObjects } from './sqlite-import';
import { joinSlices, wholeColumns, type DayColumns, type DaySlice } from './day-columns';
import { MemoryDays, STORAGE_LAYOUTS, type DayStore } from './day-store';
import { barIntervalsByDay, derivable, replayableEntries, streamId } from './stream-catalog';

const SQLITE_MAGIC = 'SQLite format 3\0';

/** How a catalog line is read: from which stored stream, and what a day's rows in the session become. */
interface Derivation {
  source(key: StreamKey, entry: CatalogEntry): StreamKey;
  slice(key: StreamKey, rows: DayColumns, session: TradingSession): DaySlice;
}

/** The rows [begin, end) of a day's columns, as columns of their own (views, not copies). */
function clip(day: DayColumns, begin: number, end: number): DayColumns {
  return { ts: day.ts.subarray(begin, end), values: day.values.map((v) => v.subarray(begin, end)) };
}

const DERIVATIONS = {
  /** Stored as asked: the rows themselves, each emitted at start + interval cut at the close (ticks: at their time). */
  stored: {
    source: (key) => key,
    slice: (key, rows, session) => ({ ...rows, begin: 0, end: rows.ts.length, emit: { step: intervalMs(key.interval), close: session.close } }),
  },
  /** Coarser than stored: the day's finer bars aggregated on the 09:30 grid. */
  finerBars: {
    source: (key, entry) => ({ type: StreamType.BAR, symbol: key.symbol, interval: entry.from ?? key.interval }),
    slice: (key, rows, session) => wholeColumns(aggregateBars(rows, key.interval as BarInterval, session)),
  },
  /** Bars from trade prints: open/high/low/close of the prices, volume the sizes. */
  trades: {
    source: (key) => ({ type: StreamType.TICK, symbol: key.symbol, interval: 'tick' }),
    slice: (key, rows, session) => {
      const [price, size] = rows.values;
      return wholeColumns(aggregateBars({ ts: rows.ts, values: [price, price, price, price, size] }, key.interval as BarInterval, session));
    },
  },
} as const satisfies Record<string, Derivation>;

/** A day's stored source and how it becomes the requested stream. */
interface DayPlan {
  readonly source: StreamKey;
  readonly derivation: Derivation;
}

export class MarketDataRepository {
  private entries: readonly CatalogEntry[] | null = null;
  private index: ReadonlyMap<string, CatalogEntry> | null = null;
  private barDays: ReadonlyMap<string, ReadonlyMap<string, BarInterval>> | null = null;

  private constructor(
    readonly label: string,
    /** What the source stores, before the coarser intervals are added. */
    private readonly stored: readonly CatalogEntry[],
    private readonly days: DayStore,
    /** The source's refused rows by symbol-day: a replay of those days counts them. */
    readonly refused: readonly RefusedRows[] = [],
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
      const tables = new Set(schemaObjects(db).keys());
      const layout = ensureDefined(STORAGE_LAYOUTS.find((l) => l.fits(tables)), 'a storage layout');
      const { stored, days, report } = layout.open(db, label, tables);
      return new MarketDataRepository(label, stored, days, report?.refusedByDay ?? []);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /**
   * A repository over day chunks already in memory (an imported dataset's, read from IndexedDB):
   * `entries` lists what is stored, `chunks` holds the days a query needs, keyed by dayKey.
   */
  static fromChunks(label: string, entries: readonly CatalogEntry[], chunks: ReadonlyMap<string, DayColumns>, refused: readonly RefusedRows[] = []): MarketDataRepository {
    return new MarketDataRepository(label, entries, new MemoryDays(label, chunks), refused);
  }

  /** What can be replayed: the stored streams, and every coarser bar interval built from them. */
  catalog(): readonly CatalogEntry[] {
    // Built once: every query looks its stream up here, and a setup makes hundreds of queries.
    return (this.entries ??= replayableEntries(this.stored));
  }

  /** The stored streams a query of `key` from `from` to `to` reads (itself, finer bars of each day, or trade prints). */
  sourcesOf(key: StreamKey, from: string, to: string): StreamKey[] {
    const entry = this.entryOf(key);
    const sources = new Map<string, StreamKey>();
    for (const day of entry.days) {
      if (day < from || day > to) continue;
      const { source } = this.planOf(key, entry, day);
      sources.set(`${source.type}|${source.interval}`, source);
    }
    return [...sources.values()];
  }

  /**
   * Where `key`'s bars of `day` come from: stored as asked, aggregated from the finer bars the day
   * holds, or from trade prints. A day that holds only coarser bars is an error naming it.
   */
  planOf(key: StreamKey, entry: CatalogEntry, day: string): DayPlan {
    if (key.type !== StreamType.BAR) return { source: key, derivation: DERIVATIONS.stored };
    if (entry.from === 'tick') return { source: DERIVATIONS.trades.source(key), derivation: DERIVATIONS.trades };
    this.barDays ??= barIntervalsByDay(this.stored);
    const held = this.barDays.get(key.symbol)?.get(day);
    const interval = key.interval as BarInterval;
    if (held === interval) return { source: key, derivation: DERIVATIONS.stored };
    if (held !== undefined && derivable(held, interval)) return { source: { type: StreamType.BAR, symbol: key.symbol, interval: held }, derivation: DERIVATIONS.finerBars };
    throw new DataError(
      `${this.label}: ${key.symbol} on ${day} holds ${held ?? 'no'} bars, and ${interval} bars cannot be built from them: replay ${held ?? 'another interval'}${held === '1d' ? '' : ' or coarser'}, or leave ${day} out of the dates`,
    );
  }

  /**
   * The bars of one symbol and interval from `from` to `to` (New York dates, inclusive), inside
   * the requested hours, sorted by (start, source row order), with their emit times.
   */
  getBarsBySymbol(symbol: string, interval: BarInterval, from: string, to: string, hours: Hours): ItemColumns {
    return this.getItems({ type: StreamType.BAR, symbol, interval }, from, to, hours);
  }

  /**
   * Any stream's items from `from` to `to` inside the requested hours, sorted by (time, source
   * order): bars and quote bars emitted at their end, quote updates and trade prints at their time.
   */
  getItems(key: StreamKey, from: string, to: string, hours: Hours): ItemColumns {
    const entry = this.entryOf(key);
    const market = resolveMarket(entry.market);
    const slices: DaySlice[] = [];
    for (const day of entry.days) {
      if (day < from || day > to) continue;
      const { source, derivation } = this.planOf(key, entry, day);
      // A closed day (holiday) has no session to replay; Tokyo's has two (the lunch break cuts its bars).
      const sessions = marketSessions(market, day, hours);
      if (sessions.length === 0) continue;
      const rows = this.days.day(source, day);
      const parts = sessions.map((session) => clip(rows, firstAtOrAfter(rows.ts, session.open), firstAtOrAfter(rows.ts, session.close)));
      if (key.interval === '1d') {
        // A daily bar spans the whole day, its sessions' rows only (not a lunch break's).
        const inSessions = parts.length === 1 ? parts[0] : joinParts(parts);
        if (inSessions.ts.length > 0) slices.push(derivation.slice(key, inSessions, wholeDay(sessions)));
      } else {
        parts.forEach((part, i) => {
          if (part.ts.length > 0) slices.push(derivation.slice(key, part, sessions[i]));
        });
      }
    }
    return joinSlices(slices, fieldsOf(key).length);
  }

  /**
   * The stored rows behind `requests` (each stream on its days), each counted once: replayed when
   * inside the requested hours, else outside them. Ticks counted by getItems are not read again.
   */
  account(requests: readonly { readonly key: StreamKey; readonly days: readonly string[] }[], hours: Hours): RowAccount {
    // Summed as counts, not one account a day: a long replay has thousands of stored days.
    let rows = 0;
    let inSession = 0;
    for (const [, { source, day, market }] of this.sourceDays(requests)) {
      // In session: inside any of the day's sessions in the symbol's market (as getItems replays them).
      const ts = this.days.day(source, day).ts;
      rows += ts.length;
      inSession += marketSessions(market, day, hours).reduce((n, session) => n + firstAtOrAfter(ts, session.close) - firstAtOrAfter(ts, session.open), 0);
    }
    return dayAccount(rows, inSession);
  }

  /** The distinct stored (stream, day) pairs `requests` read. */
  sourceDays(requests: readonly { readonly key: StreamKey; readonly days: readonly string[] }[]): Map<string, { source: StreamKey; day: string; market: Market }> {
    const pairs = new Map<string, { source: StreamKey; day: string; market: Market }>();
    for (const { key, days } of requests) {
      const entry = this.entryOf(key);
      const held = new Set(entry.days);
      const market = resolveMarket(entry.market);
      for (const day of days) {
        if (!held.has(day)) continue;
        const { source } = this.planOf(key, entry, day);
        pairs.set(`${source.type}|${source.symbol}|${source.interval}|${day}`, { source, day, market });
      }
    }
    return pairs;
  }

  close(): void {
    this.days.close();
  }

  private entryOf(key: StreamKey): CatalogEntry {
    this.index ??= new Map(this.catalog().map((e) => [streamId(e), e]));
    const type = key.type === StreamType.BAR ? undefined : STREAM_TYPE_NAMES[key.type];
    const entry = this.index.get(streamId({ type, symbol: key.symbol, interval: key.interval }));
    if (entry) return entry;
    const what = key.type === StreamType.TICK ? 'trade prints' : key.interval === 'tick' ? 'quote updates' : `${key.interval} quote bars`;
    throw new DataError(
      key.type === StreamType.BAR
        ? `${this.label} has no ${key.interval} bars for ${key.symbol}, and nothing finer to build them from`
        : `${this.label} has no ${what} for ${key.symbol}`,
    );
  }
}

/** Several sessions' rows as one day's columns. */
function joinParts(parts: readonly DayColumns[]): DayColumns {
  const join = (pick: (part: DayColumns) => Float64Array | ArrayLike<number>) => {
    const out = new Float64Array(parts.reduce((n, p) => n + p.ts.length, 0));
    let at = 0;
    for (const part of parts) {
      const from = pick(part);
      out.set(from, at);
      at += from.length;
    }
    return out;
  };
  return { ts: join((p) => p.ts), values: parts[0].values.map((_, f) => join((p) => p.values[f])) };
}

/** A day's sessions as one, first open to last close: what a daily bar spans (lunch break included). */
function wholeDay(sessions: readonly TradingSession[]): TradingSession {
  const first = sessions[0];
  return { ...first, close: sessions[sessions.length - 1].close };
}
