// CSV import: a file of bars streamed through Papa Parse (a well-kept, streaming RFC 4180
// parser) a chunk at a time, each row checked by the ImportValidator. Runs in the import worker,
// so a 50 MB file never blocks the page (the page reads only DEFAULT_IMPORT_OPTIONS); unit tests
// run it under Node on strings.
//
// The header is read here: common names for each column (ticker, timestamp, o/h/l/c, vol …),
// a timestamp in one column or a date and a time in two.

import Papa from 'papaparse';
import { epochUnitHint, parseDateAndTime, parseTimestamp, TIMESTAMP_FORMS, type ParsedTime } from '../core/timestamp-text';
import { bounded, shown, symbolOf } from '../core/row-rules';
import { isBarInterval, type BarInterval } from '../core/stream-key';
import { isTimeZone } from '../core/exchange-time';
import type { ImportOptions } from '../core/import-types';
import { DataError } from './data-error';
import { checkSymbol, IMPORT_LIMITS, ImportValidator, type DayChunk, type ExistingData, type ImportReport } from './import-validator';
import { ensureDefined } from '../core/assert';
import { importMarket } from './market-rows';

export type { ImportOptions };

export const DEFAULT_IMPORT_OPTIONS: ImportOptions = { zone: 'America/New_York', interval: '1m' };

type Column = 'symbol' | 'interval' | 'ts' | 'date' | 'time' | 'open' | 'high' | 'low' | 'close' | 'volume';

/** Header names accepted for each column (compared lower-case, spaces and dashes as "_"). */
export const COLUMN_NAMES: Record<Column, readonly string[]> = {
  symbol: ['symbol', 'ticker', 'sym', 'instrument', 'security'],
  interval: ['interval', 'timeframe', 'resolution', 'bar_size'],
  ts: ['ts', 'timestamp', 'time_stamp', 'datetime', 'date_time', 't'],
  date: ['date', 'day', 'trade_date'],
  time: ['time', 'time_of_day'],
  open: ['open', 'o', 'open_price'],
  high: ['high', 'h', 'high_price'],
  low: ['low', 'l', 'low_price'],
  close: ['close', 'c', 'close_price', 'last'],
  volume: ['volume', 'vol', 'v'],
};

const PRICE_COLUMNS = ['open', 'high', 'low', 'close', 'volume'] as const;

/** Where each column is, and how timestamps are read. */
interface Layout {
  readonly width: number;
  readonly at: Partial<Record<Column, number>>;
  readonly time: (cells: readonly string[]) => ParsedTime | null;
  readonly timeText: (cells: readonly string[]) => string;
  /** The header's names, as written. */
  readonly names: readonly string[];
}

function normalize(name: string): string {
  return name.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s-]+/g, '_');
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** "1min", "5 minutes", "60m", "hour", "daily" … as one of the lab's intervals, or null. */
export function normalizeInterval(text: string): BarInterval | null {
  const t = text.trim().toLowerCase();
  if (isBarInterval(t)) return t;
  if (/^(1_?)?(d|day|daily)$/.test(t.replace(/\s+/g, '_'))) return '1d';
  if (/^(1\s*)?(h|hr|hour|hourly)$/.test(t)) return '1h';
  if (t === 'minute') return '1m';
  const m = /^(\d+)\s*(m|min|mins|minute|minutes)$/.exec(t);
  if (m) {
    const candidate = Number(m[1]) === 60 ? '1h' : `${Number(m[1])}m`;
    return isBarInterval(candidate) ? candidate : null;
  }
  return null;
}

/** A header wider than this is not a file of bars: refused before any row is read. */
export const MAX_COLUMNS = 64;
/** A line longer than this (one parse chunk) is not a row of bars: the file is refused there. */
export const MAX_LINE_BYTES = 1 << 20;

/** Reads the header row; throws DataError when the file cannot be read as bars at all. */
export function readHeader(cells: readonly string[], name: string, options: ImportOptions, validator: ImportValidator): Layout {
  if (cells.length > MAX_COLUMNS) {
    throw new DataError(`${name}: the header has ${cells.length.toLocaleString('en-US')} columns; a file of bars has at most ${MAX_COLUMNS} (symbol, time, open, high, low, close, volume …). Is this a CSV file of bars?`);
  }
  if (cells.length === 1) {
    const only = cells[0];
    if (/[ ;|\t:]/.test(only.trim())) {
      throw new DataError(`${name}: the header is one column, ${shown(only)}: the values are not separated by commas. Save the file as CSV (commas, tabs, semicolons or | are read).`);
    }
  }
  const names = cells.map(normalize);
  if (cells.some((c) => NUMBER.test(c.trim()) || parseTimestamp(c, 'UTC') !== null)) {
    throw new DataError(`${name}: the first row is data, not a header. Add a header line such as symbol,ts,open,high,low,close,volume.`);
  }
  const at: Partial<Record<Column, number>> = {};
  const extra: string[] = [];
  names.forEach((n, i) => {
    const column = (Object.keys(COLUMN_NAMES) as Column[]).find((c) => COLUMN_NAMES[c].includes(n));
    if (column === undefined) extra.push(n === '' ? `(unnamed column ${i + 1})` : cells[i].trim());
    else if (at[column] !== undefined) throw new DataError(`${name}: the header names ${column} twice (${shown(cells[at[column]!].trim())} and ${shown(cells[i].trim())}); keep one.`);
    else at[column] = i;
  });
  const missing = PRICE_COLUMNS.filter((c) => at[c] === undefined);
  if (missing.length > 0) {
    const list = missing.map((c) => `${c} (or ${COLUMN_NAMES[c].slice(1).join(', ')})`).join('; ');
    throw new DataError(bounded(`${name}: the header lacks ${missing.length === 1 ? 'a column' : 'columns'}: ${list}. Found: ${cells.map((c) => c.trim()).join(', ')}.`, 600));
  }
  if (at.symbol === undefined && !options.symbol) {
    throw new DataError(`${name} has no symbol column: add one (symbol or ticker), or type the symbol for this file in the import form.`);
  }
  if (at.symbol === undefined) {
    // The typed symbol meets the same rule as a symbol in a file (row-rules.ts).
    const typed = symbolOf(ensureDefined(options.symbol, 'the typed symbol'));
    if ('problem' in typed) throw new DataError(`${name} has no symbol column, and the symbol typed for it cannot be one: ${typed.problem}.`);
  }
  if (!isTimeZone(options.zone)) throw new DataError(`"${options.zone}" is not a time zone; use a name such as America/New_York or UTC.`);
  const zone = options.zone;
  let layout: Pick<Layout, 'time' | 'timeText'>;
  if (at.ts !== undefined) {
    const i = at.ts;
    layout = { time: (c) => parseTimestamp(c[i], zone), timeText: (c) => c[i] };
    if (at.date !== undefined) extra.push(cells[at.date].trim());
    if (at.time !== undefined) extra.push(cells[at.time].trim());
  } else if (at.date !== undefined && at.time !== undefined) {
    const [d, t] = [at.date, at.time];
    layout = { time: (c) => parseDateAndTime(c[d], c[t], zone), timeText: (c) => `${c[d]} ${c[t]}` };
    validator.note(`Dates and times are read as ${zone} wall-clock time.`);
  } else if (at.date !== undefined || at.time !== undefined) {
    const i = ensureDefined(at.date ?? at.time, 'the date or time column');
    layout = { time: (c) => parseTimestamp(c[i], zone), timeText: (c) => c[i] };
  } else {
    throw new DataError(bounded(`${name}: the header has no timestamp column (ts, timestamp, datetime, or date and time). Found: ${cells.map((c) => c.trim()).join(', ')}.`));
  }
  if (extra.length > 0) validator.problem('columns', 1, `${extra.length === 1 ? 'column' : 'columns'} ${extra.map((e) => shown(e)).join(', ')} ${extra.length === 1 ? 'is' : 'are'} not part of a bar and will not be imported`);
  validator.note(`Columns: ${(Object.keys(at) as Column[]).map((c) => `${c} ← ${shown(cells[ensureDefined(at[c], c)].trim())}`).join(', ')}.`);
  if (at.symbol === undefined) validator.note(`Every row is ${ensureDefined(options.symbol, 'the symbol typed for this file').toUpperCase()} (the symbol typed for this file).`);
  if (at.interval === undefined) validator.note(`Every row is a ${options.interval} bar (the interval chosen for this file).`);
  validator.note(`Timestamps without an offset are read as ${zone} time.`);
  return { width: cells.length, at, names: cells.map((c) => c.trim()), ...layout };
}

const TIME_OF_DAY = /^\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/** Why a row has more fields than the header names: the column that looks unnamed, and what to do. */
function unnamedColumn(cells: readonly string[], layout: Layout): string {
  const extra = cells.length - layout.width;
  const time = layout.at.time === undefined && layout.at.ts === undefined ? cells.findIndex((c) => TIME_OF_DAY.test(c.trim())) : -1;
  if (time >= 0) {
    return `; field ${time + 1} (${shown(cells[time].trim())}) looks like a time of day that the header does not name: add a name such as Time after ${shown(layout.names[time - 1] ?? '')} in the header (a date and a time column are read together)`;
  }
  return `; the header names ${layout.width} columns and this row has ${extra} more: ${extra === 1 ? 'a column looks' : 'columns look'} unnamed. Add ${extra === 1 ? 'its name' : 'their names'} to the header`;
}

/** Checks one data row and hands it to the validator. */
function readRow(cells: readonly string[], row: number, layout: Layout, options: ImportOptions, validator: ImportValidator): void {
  if (cells.length !== layout.width) {
    const hint = cells.length > layout.width ? unnamedColumn(cells, layout) : '';
    validator.problem('fields', row, `has ${cells.length.toLocaleString('en-US')} field${cells.length === 1 ? '' : 's'}; the header has ${layout.width}${hint}`);
    return;
  }
  const long = cells.findIndex((c) => c.length > IMPORT_LIMITS.maxFieldChars);
  if (long >= 0) {
    validator.problem('fields', row, `field ${long + 1} is ${cells[long].length.toLocaleString('en-US')} characters long; a bar's fields are at most ${IMPORT_LIMITS.maxFieldChars}`);
    return;
  }
  const { at } = layout;
  const symbol = at.symbol === undefined ? ensureDefined(options.symbol, 'the symbol typed for this file').trim().toUpperCase() : checkSymbol(validator, row, cells[at.symbol]);
  if (symbol === null) return;
  let interval: BarInterval | null = options.interval;
  if (at.interval !== undefined) {
    interval = normalizeInterval(cells[at.interval]);
    if (interval === null) {
      validator.problem('interval', row, `interval ${shown(cells[at.interval])} is not one of 1m, 5m, 15m, 30m, 1h, 1d`);
      return;
    }
  }
  const time = layout.time(cells);
  if (time === null) {
    const text = layout.timeText(cells);
    validator.problem('timestamp', row, `${shown(text)} is not a timestamp (${epochUnitHint(text) ?? TIMESTAMP_FORMS})`);
    return;
  }
  const values = [0, 0, 0, 0, 0] as [number, number, number, number, number];
  for (let f = 0; f < PRICE_COLUMNS.length; f++) {
    const text = cells[at[PRICE_COLUMNS[f]]!].trim();
    if (!NUMBER.test(text)) {
      validator.problem('number', row, `${PRICE_COLUMNS[f]} ${text === '' ? 'is empty' : `${shown(text)} is not a number`}`, validator.rowLabel, validator.placeOf('bar', symbol, time.ms, interval));
      return;
    }
    values[f] = Number(text);
    if (!Number.isFinite(values[f])) {
      validator.problem('number', row, `${PRICE_COLUMNS[f]} ${shown(text)} is too large to be a finite number`, validator.rowLabel, validator.placeOf('bar', symbol, time.ms, interval));
      return;
    }
  }
  validator.addBar(row, symbol, interval, time.ms, values, time.day);
}

/** What the first bytes of a file say it is, before it is read as text. */
export type Sniffed = 'empty' | 'sqlite' | 'gzip' | 'zip' | 'utf16' | 'binary' | 'text';

export function sniff(head: Uint8Array): Sniffed {
  if (head.byteLength === 0) return 'empty';
  const ascii = String.fromCharCode(...head.subarray(0, 16));
  if (ascii.startsWith('SQLite format 3')) return 'sqlite';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (ascii.startsWith('PK\u0003\u0004')) return 'zip';
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return 'utf16';
  if (head.includes(0)) return 'binary';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    return 'binary';
  }
  return 'text';
}

/** The message for a file that is not CSV text. */
export function notText(kind: Exclude<Sniffed, 'text' | 'sqlite'>, name: string): string {
  switch (kind) {
    case 'empty':
      return `${name} is empty (0 bytes).`;
    case 'gzip':
      return `${name} is gzip-compressed: unpack it first and import the .csv inside.`;
    case 'zip':
      return `${name} is a zip archive: unpack it first and import the .csv inside.`;
    case 'utf16':
      return `${name} is UTF-16 text: save it as UTF-8 CSV and import it again.`;
    case 'binary':
      return `${name} is not text (it holds binary bytes): choose a CSV file of bars or a SQLite file.`;
  }
}

export interface CsvImportControl {
  readonly onProgress?: (fraction: number) => void;
  /** Checked between chunks: a cancelled import stops reading. */
  readonly cancelled?: () => boolean;
}

/**
 * Reads a CSV file (a File or Blob in the browser; a string in unit tests) into a report and the
 * valid rows' chunks. Throws DataError when nothing in it can be read as bars.
 */
export function importCsv(
  source: Blob | string,
  name: string,
  options: ImportOptions,
  existing: ExistingData,
  control: CsvImportControl = {},
): Promise<{ report: ImportReport; chunks: DayChunk[] }> {
  const bytes = typeof source === 'string' ? new TextEncoder().encode(source).byteLength : source.size;
  const market = importMarket(options.market);
  const validator = new ImportValidator({ name, format: 'csv', bytes }, existing, () => options.market);
  if (market !== undefined) validator.note(`Market: ${market.name}, ${market.zone}; every row is checked against its calendar (${market.calendarSource}).`);
  let layout: Layout | null = null;
  let row = 0;
  let failure: unknown = null;
  return new Promise((resolve, reject) => {
    Papa.parse<string[]>(source as File, {
      header: false,
      skipEmptyLines: false,
      delimitersToGuess: [',', '\t', ';', '|'],
      chunkSize: 1 << 20,
      chunk(results, parser) {
        try {
          // Papa Parse holds back a line that runs past the chunk: a chunk with no whole line
          // means a line over MAX_LINE_BYTES. Refused here, before the rest is read.
          if (results.data.length === 0 && results.meta.cursor < bytes) {
            throw new DataError(`${name}: line ${(row + 1).toLocaleString('en-US')} is longer than ${MAX_LINE_BYTES / 1024 / 1024} MB with no line break; a row of bars is a few dozen characters. Is this a CSV file of bars?`);
          }
          const bad = new Set(results.errors.filter((e) => e.type === 'Quotes' && e.row !== undefined).map((e) => e.row!));
          results.data.forEach((cells, i) => {
            row++;
            if (layout === null) {
              if (cells.length === 1 && cells[0].trim() === '') return; // blank lines before the header
              layout = readHeader(cells, name, options, validator);
              return;
            }
            if (cells.length === 1 && cells[0].trim() === '') return; // a blank line
            validator.countRow();
            if (bad.has(i)) validator.problem('fields', row, 'a quoted field is not closed properly (a stray or missing ")');
            else readRow(cells, row, layout, options, validator);
          });
          control.onProgress?.(Math.min(1, results.meta.cursor / Math.max(1, bytes)));
          if (control.cancelled?.()) throw new DataError('the import was cancelled');
        } catch (error) {
          failure = error;
          parser.abort();
        }
      },
      complete() {
        if (failure) return reject(failure);
        if (layout === null) return reject(new DataError(`${name} has no header and no rows.`));
        const result = validator.finish();
        if (result.report.rowsRead === 0) return reject(new DataError(`${name} has a header but no rows of bars.`));
        resolve(result);
      },
      error(error: Error) {
        reject(new DataError(`${name} could not be read: ${error.message}`));
      },
    });
  });
}
