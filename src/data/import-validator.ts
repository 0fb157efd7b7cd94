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
import type { BarInterval, Interval } from '../core/stream-key';
import { REGULAR_OPEN_MINUTE, tradingSession } from '../core/trading-hours';
import type { ChunkKind, ExistingData, ImportReport, Problem, ProblemKind } from '../core/import-types';
import { DataError } from './data-error';
import type { Market } from '../core/market';
import { DEFAULT_MARKET_ID, US_EQUITIES } from '../core/markets';
import { resolveMarket, type MarketSpec } from '../core/market-spec';
import { checkMarketRow } from './market-rows';

// The import's wire types are defined in core (the import worker's protocol imports only core).
export type { ChunkKind, ExistingData, ImportReport, Problem, ProblemKind };

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

const SYMBOL_PATTERN = /^[A-Z][A-Z0-9.\-]{0,11}$/;

/** A value from a file, shown in a message: quoted, cut short, never markup (the UI prints text). */
export function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : value instanceof Uint8Array ? `<${value.byteLength}-byte blob>` : String(value);
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/** A symbol as stored (upper case), or null with the problem recorded. */
export function checkSymbol(validator: ImportValidator, row: number, value: unknown): string | null {
  const symbol = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (SYMBOL_PATTERN.test(symbol)) return symbol;
  validator.problem('symbol', row, `symbol ${quote(value)} is not a ticker symbol (a letter, then letters, digits, "." or "-", up to 12)`);
  return null;
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

  problem(kind: ProblemKind, row: number, message: string, rowLabel = this.rowLabel): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    const list = this.examples.get(kind) ?? [];
    if (list.length < IMPORT_LIMITS.firstProblems) list.push({ row, message: row > 0 ? `${rowLabel} ${row}: ${message}` : message });
    this.examples.set(kind, list);
  }

  /**
   * A bar whose fields have their types: checks prices, volume, the grid and the exchange's
   * hours, then keeps it. Returns false when it was refused (the problem is recorded).
   */
  addBar(row: number, symbol: string, interval: BarInterval, ts: number, values: readonly [number, number, number, number, number], namedDay?: string): boolean {
    const [open, high, low, close, volume] = values;
    if (high < Math.max(open, close) || low > Math.min(open, close)) {
      const which = high < Math.max(open, close) ? `high ${high} is below max(open ${open}, close ${close})` : `low ${low} is above min(open ${open}, close ${close})`;
      this.problem('ohlc', row, which);
      return false;
    }
    if (volume < 0) {
      this.problem('volume', row, `volume ${volume} is negative`);
      return false;
    }
    const market = this.marketOf(symbol);
    if (market !== US_EQUITIES) return this.keepInMarket(market, row, 'bar', symbol, interval, ts, values, namedDay);
    let at = ts;
    let day = namedDay ?? exchangeDay(ts);
    if (interval === '1d') {
      // A daily bar names a day: a date alone, midnight UTC or New York, or the 09:30 open.
      if (namedDay === undefined && ts % 86_400_000 === 0) day = new Date(ts).toISOString().slice(0, 10);
      else if (namedDay === undefined && ts !== exchangeWallToUtc(day, 0) && ts !== exchangeWallToUtc(day, REGULAR_OPEN_MINUTE)) {
        this.problem('grid', row, `a daily bar is dated by its day (or 00:00 or 09:30 New York); got ${formatExchangeTime(ts)} New York`);
        return false;
      }
      at = exchangeWallToUtc(day, REGULAR_OPEN_MINUTE); // stored at the regular open, as aggregated daily bars are
    }
    const session = tradingSession(day, 'extended');
    if (session === null) {
      const { kind, reason } = marketDay(day);
      if (kind === 'weekend') this.weekendRows++;
      this.problem('closed', row, `${day} is ${kind === 'weekend' ? 'a weekend day' : `a market holiday (${reason})`}; the exchange was closed`);
      return false;
    }
    if (interval !== '1d') {
      if (ts < session.open || ts >= session.close) {
        this.problem('closed', row, `${formatExchangeTime(ts)} New York is outside the exchange's hours (04:00–20:00)`);
        return false;
      }
      if (gridBucket(ts, interval, session) !== ts) {
        this.problem('grid', row, `${formatExchangeTime(ts)} New York is not the start of a ${interval} bar (the grid is aligned to 09:30)`);
        return false;
      }
    }
    return this.keep(row, 'bar', symbol, interval, day, at, values);
  }

  /** A quote bar, quote update or trade print whose fields have their types (NaN: a missing side). */
  addItem(row: number, kind: 'quote' | 'tick', symbol: string, interval: Interval, ts: number, values: readonly number[], sizeFields: readonly number[]): boolean {
    for (const f of sizeFields) {
      if (values[f] < 0) {
        this.problem('volume', row, `a size of ${values[f]} is negative`);
        return false;
      }
    }
    const market = this.marketOf(symbol);
    if (market !== US_EQUITIES) return this.keepInMarket(market, row, kind, symbol, interval, ts, values);
    const day = exchangeDay(ts);
    const session = tradingSession(day, 'extended');
    if (session === null || ts < session.open || ts >= session.close) {
      this.problem('closed', row, `${formatExchangeTime(ts)} New York is not inside the exchange's hours`);
      return false;
    }
    if (interval !== 'tick' && ts % 60_000 !== 0) {
      this.problem('grid', row, `${formatExchangeTime(ts)} New York is not the start of a 1m quote bar`);
      return false;
    }
    return this.keep(row, kind, symbol, interval, day, ts, values);
  }

  /** Sorts each day, drops repeated bars (the first one stays), and returns what can be stored. */
  finish(): { report: ImportReport; chunks: DayChunk[] } {
    const chunks: DayChunk[] = [];
    const contents = new Map<string, { kind: ChunkKind; symbol: string; interval: Interval; days: number; rows: number }>();
    for (const group of [...this.groups.values()].sort((a, b) => (chunkOrder(a) < chunkOrder(b) ? -1 : 1))) {
      const order = group.ts.map((_, i) => i).sort((a, b) => group.ts[a] - group.ts[b] || group.rows[a] - group.rows[b]);
      const kept: number[] = [];
      for (const i of order) {
        const previous = kept[kept.length - 1];
        // Ticks may share a timestamp (the file's order is kept); bars and quote bars may not.
        if (previous !== undefined && group.interval !== 'tick' && group.ts[previous] === group.ts[i]) {
          this.problem('duplicate', group.rows[i], `repeats ${group.symbol} ${group.interval} at ${formatExchangeTime(group.ts[i])} New York from ${group.rowLabel} ${group.rows[previous]}`, group.rowLabel);
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
    const problems = [...this.counts].map(([kind, count]) => ({ kind, title: PROBLEM_TITLES[kind], count, examples: (this.examples.get(kind) ?? []).slice(0, IMPORT_LIMITS.examples) }));
    const firstProblems = [...this.examples.values()]
      .flat()
      .sort((a, b) => a.row - b.row)
      .slice(0, IMPORT_LIMITS.firstProblems);
    // The symbols of a market other than us-equities, so the dataset remembers them (none: the report is as before markets).
    const markets: Record<string, MarketSpec> = {};
    for (const { symbol } of contents.values()) {
      const spec = this.marketSpecOf(symbol);
      if (spec !== undefined && spec !== DEFAULT_MARKET_ID) markets[symbol] = spec;
    }
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
      },
      chunks,
    };
  }

  private marketOf(symbol: string): Market {
    return resolveMarket(this.marketSpecOf(symbol));
  }

  /** A row of a market other than us-equities: checked against that market's calendar (market-rows.ts), then kept. */
  private keepInMarket(market: Market, row: number, kind: ChunkKind, symbol: string, interval: Interval, ts: number, values: readonly number[], namedDay?: string): boolean {
    const checked = checkMarketRow(market, interval, ts, namedDay);
    if (!checked.ok) {
      this.problem(checked.kind, row, checked.message);
      return false;
    }
    return this.keep(row, kind, symbol, interval, checked.day, checked.at, values);
  }

  private keep(row: number, kind: ChunkKind, symbol: string, interval: Interval, day: string, ts: number, values: readonly number[]): boolean {
    const owner = this.existing.get(chunkKey(kind, symbol, interval, day));
    if (owner !== undefined) {
      this.problem('overlap', row, `${symbol} on ${day} is already in ${owner}; a symbol's day comes from one source (delete that dataset first to replace it)`);
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

/** What weekend rows suggest: data that trades every day. */
function suggestMarket(weekendRows: number): NonNullable<ImportReport['suggestedMarket']> {
  return { id: 'crypto-24-7', reason: `${weekendRows.toLocaleString('en-US')} row${weekendRows === 1 ? ' falls' : 's fall'} on weekends, when US equities are closed: is this 24/7 data (crypto)?` };
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

/**
 * The report for chunks made by the lab itself (the stress generator): valid by construction,
 * so only days already in the lab are refused, a whole day at a time.
 */
export function reportGenerated(name: string, chunks: Iterable<DayChunk>, existing: ExistingData): { report: ImportReport; chunks: DayChunk[] } {
  const validator = new ImportValidator({ name, format: 'csv', bytes: 0 }, existing);
  const kept: DayChunk[] = [];
  const contents = new Map<string, { kind: ChunkKind; symbol: string; interval: Interval; days: number; rows: number }>();
  let rows = 0;
  for (const chunk of chunks) {
    rows += chunk.ts.length;
    const owner = existing.get(chunkKey(chunk.kind, chunk.symbol, chunk.interval, chunk.day));
    if (owner !== undefined) {
      validator.problem('overlap', 0, `${chunk.symbol} on ${chunk.day} is already in ${owner} (${chunk.ts.length} bars not added)`);
      continue;
    }
    kept.push(chunk);
    const id = `${chunk.kind}|${chunk.symbol}|${chunk.interval}`;
    const entry = contents.get(id) ?? { kind: chunk.kind, symbol: chunk.symbol, interval: chunk.interval, days: 0, rows: 0 };
    entry.days++;
    entry.rows += chunk.ts.length;
    contents.set(id, entry);
  }
  const { report } = validator.finish();
  const valid = kept.reduce((n, c) => n + c.ts.length, 0);
  return { report: { ...report, format: 'generated', rowsRead: rows, rowsValid: valid, contents: [...contents.values()], notes: ['Generated by the lab: seeded random-walk one-minute bars in regular hours.'] }, chunks: kept };
}
