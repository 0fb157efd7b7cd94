// ImportValidator: every row of a file being imported (CSV or SQLite) passes through here before
// anything is stored. It checks each row, counts and keeps examples of the problems, and groups
// the valid rows into the storage layout's day chunks (one Float64 array a column, as the bundled
// file's bar_days). Any thread (pure TypeScript): the import worker runs the validator, the page
// (main thread) calls existingData() and reads the limits, unit tests run it under Node.
//
// Nothing here writes anywhere: finish() hands back the report and the chunks, and the caller
// stores them in one transaction only if the person chooses to.

import { gridBucket } from '../core/aggregate-bars';
import { exchangeDay, exchangeWallToUtc, formatExchangeTime } from '../core/exchange-time';
import { marketDay } from '../core/market-calendar';
import { intervalMs, type BarInterval, type Interval } from '../core/stream-key';
import { REGULAR_OPEN_MINUTE, tradingSession } from '../core/trading-hours';
import type { ChunkKind, ExistingData, ImportReport, Problem, ProblemKind, RefusedRows } from '../core/import-types';
import { atMidnight, barValuesProblem, bounded, dailyBarDay, itemValuesProblem, knownCalendarYears, symbolOf } from '../core/row-rules';
import { DataError } from './data-error';
import { sessionHours, type Market } from '../core/market';
import { US_EQUITIES } from '../core/markets';
import { resolveMarket, tradingDayOf, type MarketSpec } from '../core/market-spec';
import { checkMarketRow, suggestMarket, symbolMarkets } from './market-rows';

// The import's wire types are defined in core (the import worker's protocol imports only core).
export type { ChunkKind, ExistingData, ImportReport, Problem, ProblemKind, RefusedRows };

/** Where a refused row belonged, when that is known: its rows are counted against that symbol-day. */
export interface RowPlace {
  readonly kind: ChunkKind;
  readonly symbol: string;
  readonly day: string;
}

/** One symbol's rows of one kind and interval on one New York day: the storage layout's unit. */
export interface DayChunk {
  readonly kind: ChunkKind;
  readonly symbol: string;
  readonly interval: Interval;
  readonly day: string;
  /** Ascending; ties (ticks only) keep the file's order. */
  readonly ts: Float64Array;
  /** One array per value column, in fieldsOf order. */
  readonly values: Float64Array[];
}

/** Bars of any interval share one key a day: a symbol-day's bars come from one source. */
export function chunkKey(kind: ChunkKind, symbol: string, interval: Interval, day: string): string {
  return kind === 'bar' ? `bar|${symbol}|${day}` : `${kind}|${symbol}|${interval}|${day}`;
}

export const PROBLEM_TITLES: Record<ProblemKind, string> = {
  columns: 'columns not imported',
  fields: 'malformed rows',
  symbol: 'bad symbols',
  interval: 'bad intervals',
  timestamp: 'bad timestamps',
  number: 'values that are not numbers',
  ohlc: 'high or low inconsistent with open and close',
  volume: 'negative volumes or sizes',
  grid: 'timestamps off the interval grid',
  closed: 'rows when the exchange was closed',
  duplicate: 'duplicate rows',
  mixed: 'a symbol-day at two intervals',
  overlap: 'rows already in the lab',
};

/** Limits, stated in messages and the README. */
export const IMPORT_LIMITS = {
  /** A file larger than this is refused before it is read. */
  maxBytes: 256 * 1024 * 1024,
  maxRows: 5_000_000,
  /** A bar's fields are short; a longer one is a broken or hostile file. */
  maxFieldChars: 64,
  /** Examples kept per problem kind, and problems listed in row order. */
  examples: 5,
  firstProblems: 20,
} as const;

/** A symbol as stored (upper case), or null with the problem recorded. */
export function checkSymbol(validator: ImportValidator, row: number, value: unknown): string | null {
  const checked = symbolOf(value);
  if ('symbol' in checked) return checked.symbol;
  validator.problem('symbol', row, checked.problem);
  return null;
}

/** The place of a row of `symbol` at `ts` (a daily bar: the day it names). */
export function placeOf(kind: ChunkKind, symbol: string, ts: number, interval?: Interval): RowPlace {
  return { kind, symbol, day: (interval === '1d' ? dailyBarDay(ts) : null) ?? exchangeDay(ts) };
}

interface Group {
  /** How its rows are named in messages ("row", "bars rowid"). */
  readonly rowLabel: string;
  readonly kind: ChunkKind;
  readonly symbol: string;
  readonly interval: Interval;
  readonly day: string;
  readonly ts: number[];
  readonly rows: number[];
  readonly values: number[][];
}

export class ImportValidator {
  private readonly groups = new Map<string, Group>();
  private readonly counts = new Map<ProblemKind, number>();
  private readonly examples = new Map<ProblemKind, Problem[]>();
  private readonly notes: string[] = [];
  /** Refused rows by the symbol-day they belong to, then by reason. */
  private readonly refused = new Map<string, { place: RowPlace; reasons: Map<ProblemKind, number> }>();
  /** Intraday rows refused at midnight, and rows with a time: all at midnight means daily bars. */
  private midnightRows = 0;
  private timedRows = 0;
  /** A day in a year the calendar does not know (weekends checked only). */
  private unknownYearDay: string | null = null;
  private unknownYearRows = 0;
  private rowsRead = 0;
  private rowsValid = 0;
  /** US-equities rows refused as weekend days: many suggest 24/7 data (the report offers crypto-24-7). */
  private weekendRows = 0;
  /** How rows are named in messages: "row" (CSV, the header is row 1), or "bars rowid" (SQLite). */
  rowLabel = 'row';

  constructor(
    private readonly file: { readonly name: string; readonly format: 'csv' | 'sqlite'; readonly bytes: number },
    /** Data already in the lab: rows for these symbol-days are refused (a day comes from one source). */
    private readonly existing: ExistingData = new Map(),
    /** Each symbol's market (the import's choice, or the file's markets table); absent: us-equities, whose checks are below. */
    private readonly marketSpecOf: (symbol: string) => MarketSpec | undefined = () => undefined,
  ) {
    checkFileSize(file.name, file.bytes);
  }

  note(text: string): void {
    this.notes.push(text);
  }

  /** Counts a row read from the file (valid or not); refuses files over the row limit. */
  countRow(): void {
    if (++this.rowsRead > IMPORT_LIMITS.maxRows) {
      throw new DataError(`${this.file.name} has more than ${IMPORT_LIMITS.maxRows.toLocaleString('en-US')} rows; split it by symbol or by month.`);
    }
  }

  /** Records a refused row (or a note on the file, row 0); `place` counts it against its symbol-day. */
  problem(kind: ProblemKind, row: number, message: string, rowLabel = this.rowLabel, place?: RowPlace): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    const list = this.examples.get(kind) ?? [];
    if (list.length < IMPORT_LIMITS.firstProblems) list.push({ row, message: bounded(row > 0 ? `${rowLabel} ${row}: ${message}` : message) });
    this.examples.set(kind, list);
    if (place) {
      const id = `${place.kind}|${place.symbol}|${place.day}`;
      let entry = this.refused.get(id);
      if (!entry) this.refused.set(id, (entry = { place: { kind: place.kind, symbol: place.symbol, day: place.day }, reasons: new Map() }));
      entry.reasons.set(kind, (entry.reasons.get(kind) ?? 0) + 1);
    }
  }

  /**
   * A bar whose fields have their types: checks the values (row-rules.ts), the day, the grid and
   * the exchange's hours, then keeps it. Returns false when it was refused (the problem is recorded).
   */
  addBar(row: number, symbol: string, interval: BarInterval, ts: number, values: readonly [number, number, number, number, number], namedDay?: string): boolean {
    const place = namedDay !== undefined ? { kind: 'bar' as const, symbol, day: namedDay } : this.placeOf('bar', symbol, ts, interval);
    const bad = barValuesProblem(values);
    if (bad) {
      this.problem(bad.kind, row, bad.message, this.rowLabel, place);
      return false;
    }
    this.timedRows++;
    const midnight = namedDay !== undefined || atMidnight(ts);
    if (midnight) this.midnightRows++;
    const market = this.marketOf(symbol);
    if (market !== US_EQUITIES) return this.keepInMarket(market, row, 'bar', symbol, interval, ts, values, place, namedDay);
    let at = ts;
    let day = place.day;
    if (interval === '1d') {
      // A daily bar names a day: a date alone, midnight UTC or New York, the 09:30 open or the close.
      if (namedDay === undefined && dailyBarDay(ts) === null) {
        this.problem('grid', row, `a daily bar is dated by its day (00:00 UTC or New York, the 09:30 open or the close); got ${formatExchangeTime(ts)} New York`, this.rowLabel, place);
        return false;
      }
      at = exchangeWallToUtc(day, REGULAR_OPEN_MINUTE); // stored at the regular open, as aggregated daily bars are
    }
    if (!this.tradingDay(row, day, place)) return false;
    const session = tradingSession(day, 'extended');
    if (interval !== '1d' && session !== null) {
      if (ts < session.open || ts >= session.close) {
        const hint = midnight ? `; a bar stamped at midnight looks like a daily bar: choose the interval 1d` : '';
        this.problem('closed', row, `${formatExchangeTime(ts)} New York is outside the exchange's hours that day (${hoursOf(day)})${hint}`, this.rowLabel, place);
        return false;
      }
      // The extended session's first bucket starts at the 04:00 open (aggregate-bars.ts does the same).
      if (Math.max(gridBucket(ts, interval, session), session.open) !== ts) {
        this.problem('grid', row, `${formatExchangeTime(ts)} New York is not the start of a ${interval} bar (the grid is aligned to 09:30)`, this.rowLabel, place);
        return false;
      }
    }
    return this.keep(row, 'bar', symbol, interval, day, at, values);
  }

  /** A quote bar, quote update or trade print whose fields have their types (NaN: a missing side). */
  addItem(row: number, kind: 'quote' | 'tick', symbol: string, interval: Interval, ts: number, values: readonly number[], sizeFields: readonly number[], names: readonly string[] = [], skip = -1): boolean {
    const place = this.placeOf(kind, symbol, ts);
    const bad = itemValuesProblem(values, names, new Set(sizeFields), skip);
    if (bad) {
      this.problem(bad.kind, row, bad.message, this.rowLabel, place);
      return false;
    }
    const market = this.marketOf(symbol);
    if (market !== US_EQUITIES) return this.keepInMarket(market, row, kind, symbol, interval, ts, values, place);
    const day = place.day;
    if (!this.tradingDay(row, day, place)) return false;
    const session = tradingSession(day, 'extended');
    if (session === null || ts < session.open || ts >= session.close) {
      this.problem('closed', row, `${formatExchangeTime(ts)} New York is outside the exchange's hours that day (${hoursOf(day)})`, this.rowLabel, place);
      return false;
    }
    if (interval !== 'tick' && ts % 60_000 !== 0) {
      this.problem('grid', row, `${formatExchangeTime(ts)} New York is not the start of a 1m quote bar`, this.rowLabel, place);
      return false;
    }
    return this.keep(row, kind, symbol, interval, day, ts, values);
  }

  /** False (with the problem recorded) when the exchange was closed on `day`; notes days the calendar does not know. */
  private tradingDay(row: number, day: string, place: RowPlace): boolean {
    const { kind, reason, known } = marketDay(day);
    if (kind === 'weekend' || kind === 'holiday') {
      if (kind === 'weekend') this.weekendRows++;
      this.problem('closed', row, `${day} is ${kind === 'weekend' ? 'a weekend day' : `a market holiday (${reason})`}; the exchange was closed`, this.rowLabel, place);
      return false;
    }
    if (!known) {
      this.unknownYearDay ??= day;
      this.unknownYearRows++;
    }
    return true;
  }

  /** Sorts each day, drops repeated bars (the first one stays), and returns what can be stored. */
  finish(): { report: ImportReport; chunks: DayChunk[] } {
    const chunks: DayChunk[] = [];
    const contents = new Map<string, { kind: ChunkKind; symbol: string; interval: Interval; days: number; rows: number }>();
    for (const group of [...this.groups.values()].sort((a, b) => (chunkOrder(a) < chunkOrder(b) ? -1 : 1))) {
      if (this.coarserThanHeld(group)) continue;
      const order = group.ts.map((_, i) => i).sort((a, b) => group.ts[a] - group.ts[b] || group.rows[a] - group.rows[b]);
      const kept: number[] = [];
      for (const i of order) {
        const previous = kept[kept.length - 1];
        // Ticks may share a timestamp (the file's order is kept); bars and quote bars may not.
        if (previous !== undefined && group.interval !== 'tick' && group.ts[previous] === group.ts[i]) {
          this.problem('duplicate', group.rows[i], `repeats ${group.symbol} ${group.interval} at ${formatExchangeTime(group.ts[i])} New York from ${group.rowLabel} ${group.rows[previous]}`, group.rowLabel, group);
          this.rowsValid--;
          continue;
        }
        kept.push(i);
      }
      chunks.push({
        kind: group.kind,
        symbol: group.symbol,
        interval: group.interval,
        day: group.day,
        ts: Float64Array.from(kept, (i) => group.ts[i]),
        values: group.values.map((column) => Float64Array.from(kept, (i) => column[i])),
      });
      const id = `${group.kind}|${group.symbol}|${group.interval}`;
      const entry = contents.get(id) ?? { kind: group.kind, symbol: group.symbol, interval: group.interval, days: 0, rows: 0 };
      entry.days++;
      entry.rows += kept.length;
      contents.set(id, entry);
    }
    if (this.unknownYearDay !== null) {
      const { first, last } = knownCalendarYears();
      this.note(`Holidays and early closes are known for ${first}–${last} only: ${this.unknownYearRows.toLocaleString('en-US')} rows on days of other years (the first: ${this.unknownYearDay}) were checked for weekends only.`);
    }
    const looksDaily = this.timedRows > 0 && this.midnightRows === this.timedRows && (this.counts.get('closed') ?? 0) > 0;
    if (looksDaily) this.note('Every timestamp is at midnight: these look like daily bars. Choose the interval 1d and read the file again.');
    const refusedByDay: RefusedRows[] = [...this.refused.values()].flatMap(({ place, reasons }) => [...reasons].map(([reason, count]) => ({ ...place, reason, count })));
    const problems = [...this.counts].map(([kind, count]) => ({ kind, title: PROBLEM_TITLES[kind], count, examples: (this.examples.get(kind) ?? []).slice(0, IMPORT_LIMITS.examples) }));
    const firstProblems = [...this.examples.values()]
      .flat()
      .sort((a, b) => a.row - b.row)
      .slice(0, IMPORT_LIMITS.firstProblems);
    // The symbols of a market other than us-equities, so the dataset remembers them (none: the report is as before markets).
    const markets = symbolMarkets([...contents.values()].map((c) => c.symbol), this.marketSpecOf);
    return {
      report: {
        ...this.file,
        file: this.file.name,
        rowsRead: this.rowsRead,
        rowsValid: this.rowsValid,
        problems,
        firstProblems,
        contents: [...contents.values()],
        notes: this.notes,
        ...(Object.keys(markets).length > 0 ? { markets } : {}),
        ...(this.weekendRows > 0 ? { suggestedMarket: suggestMarket(this.weekendRows) } : {}),
        ...(refusedByDay.length > 0 ? { refusedByDay } : {}),
        ...(looksDaily ? { looksDaily } : {}),
      },
      chunks,
    };
  }

  /** The symbol-day a row belongs to (refused rows count against it): New York's (placeOf), or its market's trading day. */
  placeOf(kind: ChunkKind, symbol: string, ts: number, interval?: Interval): RowPlace {
    const market = this.marketOf(symbol);
    if (market === US_EQUITIES) return placeOf(kind, symbol, ts, interval);
    const daily = interval === '1d' ? checkMarketRow(market, interval, ts) : null;
    return { kind, symbol, day: daily?.ok ? daily.day : tradingDayOf(market, ts) };
  }

  private marketOf(symbol: string): Market {
    return resolveMarket(this.marketSpecOf(symbol));
  }

  /** A row of a market other than us-equities: checked against that market's calendar (market-rows.ts), then kept. */
  private keepInMarket(market: Market, row: number, kind: ChunkKind, symbol: string, interval: Interval, ts: number, values: readonly number[], place: RowPlace, namedDay?: string): boolean {
    const checked = checkMarketRow(market, interval, ts, namedDay);
    if (!checked.ok) {
      this.problem(checked.kind, row, checked.message, this.rowLabel, place);
      return false;
    }
    return this.keep(row, kind, symbol, interval, checked.day, checked.at, values);
  }

  /**
   * True (its rows refused) when the group's symbol-day also holds finer bars: a day of a symbol
   * is stored at one interval, the finer one, which builds every coarser.
   */
  private coarserThanHeld(group: Group): boolean {
    if (group.kind !== 'bar') return false;
    let finest: Group | undefined;
    for (const other of this.groups.values()) {
      if (other.kind === 'bar' && other.symbol === group.symbol && other.day === group.day && (!finest || intervalMs(other.interval) < intervalMs(finest.interval))) finest = other;
    }
    if (!finest || finest === group) return false;
    for (const row of group.rows) {
      this.problem('mixed', row, `${group.symbol} on ${group.day} also has ${finest.interval} bars (${group.rowLabel} ${finest.rows[0]}); a symbol's day is kept at one interval, the finer, so this ${group.interval} bar is not`, group.rowLabel, group);
      this.rowsValid--;
    }
    return true;
  }

  private keep(row: number, kind: ChunkKind, symbol: string, interval: Interval, day: string, ts: number, values: readonly number[]): boolean {
    const owner = this.existing.get(chunkKey(kind, symbol, interval, day));
    if (owner !== undefined) {
      this.problem('overlap', row, `${symbol} on ${day} is already in ${owner}; a symbol's day comes from one source (delete that dataset first to replace it)`, this.rowLabel, { kind, symbol, day });
      return false;
    }
    const id = `${kind}|${symbol}|${interval}|${day}`;
    let group = this.groups.get(id);
    if (!group) this.groups.set(id, (group = { rowLabel: this.rowLabel, kind, symbol, interval, day, ts: [], rows: [], values: values.map(() => []) }));
    group.ts.push(ts);
    group.rows.push(row);
    for (let f = 0; f < values.length; f++) group.values[f].push(values[f]);
    this.rowsValid++;
    return true;
  }
}

/** A trading day's extended hours from US_EQUITIES ("04:00–20:00", or "04:00–17:00: an early close, …"). */
function hoursOf(day: string): string {
  const { kind, reason } = marketDay(day);
  const hours = sessionHours(US_EQUITIES, day, 'extended');
  return kind === 'early-close' ? `${hours}: an early close, ${reason}` : hours;
}

function chunkOrder(g: Group): string {
  return `${g.kind}|${g.symbol}|${g.interval}|${g.day}`;
}

/** Refuses a file over the size limit before it is read. */
export function checkFileSize(name: string, bytes: number): void {
  if (bytes > IMPORT_LIMITS.maxBytes) {
    throw new DataError(`${name} is ${megabytes(bytes)}; the lab imports files up to ${megabytes(IMPORT_LIMITS.maxBytes)}. Split it by symbol or by month.`);
  }
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

/** The chunks the lab already holds, from each source's catalog, named by the source's label. */
export function existingData(sources: readonly { readonly label: string; readonly entries: readonly { readonly type?: 'quote' | 'tick'; readonly symbol: string; readonly interval: Interval; readonly days: readonly string[] }[] }[]): Map<string, string> {
  const existing = new Map<string, string>();
  for (const { label, entries } of sources) {
    for (const e of entries) {
      for (const day of e.days) {
        const key = chunkKey(e.type ?? 'bar', e.symbol, e.interval, day);
        if (!existing.has(key)) existing.set(key, label);
      }
    }
  }
  return existing;
}
