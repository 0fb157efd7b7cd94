// Issue 15's findings, one regression test each: a file read by `db=` and by import meets one set
// of rules (row-rules.ts), every row in a replay's symbols and dates is replayed or counted, and
// hostile files are refused early with bounded messages. Node; the browser tests repeat the
// page-level ones (tests/e2e/edge-rows.spec.ts).
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { MarketDataRepository } from './market-data-repository';
import { CombinedRepository } from './combined-repository';
import { inspectFile } from './import-file';
import { DEFAULT_IMPORT_OPTIONS } from './csv-import';
import { storedEntries } from './stream-catalog';
import { dayKey, type DayColumns } from './day-columns';
import { DataError } from './data-error';
import { INTERCHANGE_SCHEMA } from './storage-layout';
import { StreamType } from '../core/stream-key';
import { MESSAGE_LIMIT } from '../core/row-rules';
import type { ImportOptions } from '../core/import-types';

const SQL = await initSqlJs();
const EDT = (day: string, hm: string) => Date.parse(`${day}T${hm}:00-04:00`);
const EST = (day: string, hm: string) => Date.parse(`${day}T${hm}:00-05:00`);
const text = (s: string) => new TextEncoder().encode(s);
const inspect = (name: string, bytes: Uint8Array, options: ImportOptions = DEFAULT_IMPORT_OPTIONS) => inspectFile(() => Promise.resolve(SQL), { name, bytes }, options, new Map());

function sqlite(rows: unknown[][], schema = INTERCHANGE_SCHEMA, table = 'bars'): Uint8Array {
  const db = new SQL.Database();
  db.exec(schema);
  for (const row of rows) db.run(`INSERT INTO ${table} VALUES (${row.map(() => '?').join(',')})`, row as never);
  const bytes = db.export();
  db.close();
  return bytes;
}

/** The repository an import's valid rows make (what the data worker builds from IndexedDB). */
async function imported(name: string, bytes: Uint8Array, options?: ImportOptions): Promise<MarketDataRepository> {
  const { report, chunks } = await inspect(name, bytes, options);
  const map = new Map<string, DayColumns>(chunks.map((c) => [dayKey(c.kind, c.symbol, c.interval, c.day), { ts: c.ts, values: c.values }]));
  return MarketDataRepository.fromChunks(name, storedEntries(chunks), map, report.refusedByDay ?? []);
}

const bars = (repo: MarketDataRepository, symbol: string, interval: '1m' | '5m' | '15m' | '1h' | '1d', from: string, to: string, hours: 'regular' | 'extended' = 'regular') => {
  const c = repo.getBarsBySymbol(symbol, interval, from, to, hours);
  return Array.from(c.tsStart, (t, i) => [t, c.tsEmit[i], ...c.fields.map((f) => f[i])]);
};

describe('a symbol stored at several intervals', () => {
  // LABM: 5m bars on 2013-10-07, 1m bars on 2013-10-08.
  const rows = [
    ...[0, 5, 10].map((m) => ['LABM', EDT('2013-10-07', '09:30') + m * 60_000, 10, 11, 9, 10, 100, '5m']),
    ...[0, 1, 2, 3, 4, 5].map((m) => ['LABM', EDT('2013-10-08', '09:30') + m * 60_000, 20, 21, 19, 20, 10, '1m']),
  ];
  const file = sqlite(rows);
  it('replays every day at a coarser interval, each day aggregated from what it holds (db= and import alike)', async () => {
    const repo = MarketDataRepository.open(SQL, file, 'mixed.sqlite');
    for (const interval of ['5m', '15m', '1h', '1d'] as const) {
      const got = bars(repo, 'LABM', interval, '2013-10-07', '2013-10-08');
      const days = new Set(got.map(([t]) => new Date(t - 4 * 3_600_000).toISOString().slice(0, 10)));
      expect([...days], interval).toEqual(['2013-10-07', '2013-10-08']);
    }
    expect(bars(repo, 'LABM', '5m', '2013-10-08', '2013-10-08').map((b) => b[6])).toEqual([50, 10]); // 09:30–09:34 and 09:35
    const again = await imported('mixed.sqlite', file);
    for (const interval of ['5m', '15m', '1h', '1d'] as const) expect(bars(again, 'LABM', interval, '2013-10-07', '2013-10-08')).toEqual(bars(repo, 'LABM', interval, '2013-10-07', '2013-10-08'));
  });
  it('a finer interval than a day holds is an error naming the day', () => {
    const repo = MarketDataRepository.open(SQL, file, 'mixed.sqlite');
    expect(() => repo.getBarsBySymbol('LABM', '1m', '2013-10-07', '2013-10-08', 'regular')).toThrow(/LABM on 2013-10-07 holds 5m bars, and 1m bars cannot be built/);
    expect(bars(repo, 'LABM', '1m', '2013-10-08', '2013-10-08')).toHaveLength(6);
  });
  it('a day a file holds at two intervals keeps the finer, the other rows counted', async () => {
    const both = sqlite([['LABM', EDT('2013-10-07', '09:30'), 10, 11, 9, 10, 100, '5m'], ['LABM', EDT('2013-10-07', '09:30'), 10, 11, 9, 10, 20, '1m']]);
    const { report } = await inspect('both.sqlite', both);
    expect(report.rowsValid).toBe(1);
    expect(report.problems.find((p) => p.kind === 'mixed')?.examples[0].message).toMatch(/LABM on 2013-10-07 also has 1m bars/);
  });
});

describe('daily bars, however they are stamped', () => {
  const stamps: [string, number][] = [
    ['midnight UTC', Date.parse('2013-10-07T00:00:00Z')],
    ['midnight New York', EDT('2013-10-08', '00:00')],
    ['the open', EDT('2013-10-09', '09:30')],
    ['the close', EDT('2013-10-10', '16:00')],
    ['an early close', EST('2013-11-29', '13:00')],
  ];
  const file = sqlite(stamps.map(([, ts], i) => ['LABD', ts, 10 + i, 12 + i, 9 + i, 11 + i, 1000, '1d']));
  it('are all replayed by db= and by import, each dated by its day', async () => {
    const repo = MarketDataRepository.open(SQL, file, 'daily.sqlite');
    const got = bars(repo, 'LABD', '1d', '2013-10-01', '2013-12-01');
    expect(got.map((b) => b[2])).toEqual([10, 11, 12, 13, 14]);
    expect(got.map(([t]) => t)).toEqual(['2013-10-07', '2013-10-08', '2013-10-09', '2013-10-10'].map((d) => EDT(d, '09:30')).concat(EST('2013-11-29', '09:30')));
    expect(bars(await imported('daily.sqlite', file), 'LABD', '1d', '2013-10-01', '2013-12-01')).toEqual(got);
    const csv = ['symbol,interval,ts,open,high,low,close,volume', ...stamps.map(([, ts], i) => `LABD,1d,${ts},${10 + i},${12 + i},${9 + i},${11 + i},1000`)].join('\n');
    expect(bars(await imported('daily.csv', text(csv)), 'LABD', '1d', '2013-10-01', '2013-12-01')).toEqual(got);
  });
  it('a CSV of midnight stamps read as 1m is named as daily, with 1d to choose', async () => {
    const csv = 'Date,Open,High,Low,Close,Volume\n2013-10-07,10,11,9,10,100\n2013-10-08,10,11,9,10,100\n';
    const { report } = await inspect('daily.csv', text(csv), { ...DEFAULT_IMPORT_OPTIONS, symbol: 'LABD' });
    expect(report.looksDaily).toBe(true);
    expect(report.problems[0].examples[0].message).toMatch(/looks like a daily bar: choose the interval 1d/);
    expect(report.notes.join(' ')).toMatch(/these look like daily bars/);
    const daily = await inspect('daily.csv', text(csv), { ...DEFAULT_IMPORT_OPTIONS, symbol: 'LABD', interval: '1d' });
    expect(daily.report.rowsValid).toBe(2);
    expect(daily.report.looksDaily).toBeUndefined();
  });
});

describe('one set of rules on both paths', () => {
  const t = EDT('2013-10-07', '09:30');
  const bad: [string, unknown[], RegExp][] = [
    ['high below low', ['LABR', t, 10, 9, 11, 10, 1, '1m'], /high 9 is below/],
    ['negative volume', ['LABR', t, 10, 11, 9, 10, -1, '1m'], /volume -1 is negative/],
    ['fractional volume', ['LABR', t, 10, 11, 9, 10, 1.5, '1m'], /volume 1.5 is not a whole number/],
    ['a 1m bar at 09:40:30', ['LABR', t + 630_000, 10, 11, 9, 10, 1, '1m'], /09:40:30 New York is not the start of a 1m bar/],
    ['a zero price', ['LABR', t, 0, 11, 0, 10, 1, '1m'], /open 0 is not a price above zero/],
    ['a negative price', ['LABR', t, -1, 11, -2, 10, 1, '1m'], /open -1 is not a price above zero/],
    ['Infinity', ['LABR', t, 10, 1e400, 9, 10, 1, '1m'], /high must be a finite number; got Infinity/],
    ['a NULL symbol', [null, t, 10, 11, 9, 10, 1, '1m'], /the symbol is missing \(NULL\)/],
    ['a 1 MB symbol', ['X'.repeat(1 << 20), t, 10, 11, 9, 10, 1, '1m'], /symbol "X{40}…" is not a ticker symbol/],
    ['microseconds', ['LABR', t * 1000, 10, 11, 9, 10, 1, '1m'], /looks like epoch microseconds/],
  ];
  // No NOT NULL: a file from elsewhere need not have one.
  const loose = 'CREATE TABLE bars (symbol TEXT, ts INTEGER, open REAL, high REAL, low REAL, close REAL, volume INTEGER, interval TEXT)';
  it.each(bad)('%s: import refuses the row, db= refuses it the same way', async (_name, row, message) => {
    const file = sqlite([row], loose);
    const { report } = await inspect('bad.sqlite', file);
    expect(report.rowsValid).toBe(0);
    expect(report.firstProblems[0].message).toMatch(message);
    expect(report.firstProblems[0].message.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    expect(() => MarketDataRepository.open(SQL, file, 'bad.sqlite')).toThrow(message);
    // With a good row beside it, db= replays the good row and counts the bad one.
    const withGood = sqlite([['LABR', t + 60_000, 10, 11, 9, 10, 5, '1m'], row], loose);
    const repo = MarketDataRepository.open(SQL, withGood, 'two.sqlite');
    expect(bars(repo, 'LABR', '1m', '2013-10-07', '2013-10-07')).toEqual(bars(await imported('two.sqlite', withGood), 'LABR', '1m', '2013-10-07', '2013-10-07'));
  });
  it('duplicates: the first row stays on both paths, the second is counted', async () => {
    const file = sqlite([['LABR', t, 10, 11, 9, 10, 1, '1m'], ['LABR', t, 10, 11, 9, 10, 2, '1m']]);
    const repo = MarketDataRepository.open(SQL, file, 'dup.sqlite');
    expect(bars(repo, 'LABR', '1m', '2013-10-07', '2013-10-07').map((b) => b[6])).toEqual([1]);
    const account = await new CombinedRepository([repo]).account([{ type: StreamType.BAR, symbol: 'LABR', interval: '1m' }], '2013-10-07', '2013-10-07', 'regular');
    expect(account).toEqual({ rowsInRange: 2, replayed: 1, notReplayed: { duplicate: 1 } });
  });
  it('a CSV value of 1e400 is refused (it would be stored as Infinity)', async () => {
    const { report } = await inspect('big.csv', text('symbol,ts,open,high,low,close,volume\nLABR,2013-10-07T09:30:00-04:00,10,1e400,9,10,1\n'));
    expect(report.firstProblems[0].message).toBe('row 2: high "1e400" is too large to be a finite number');
  });
  it.each(['<b>x</b>', '-ABC', '.X', 'A B', 'é'])('the typed symbol %s is refused', async (symbol) => {
    const csv = text('ts,open,high,low,close,volume\n2013-10-07T09:30:00-04:00,10,11,9,10,1\n');
    await expect(inspect('typed.csv', csv, { ...DEFAULT_IMPORT_OPTIONS, symbol })).rejects.toThrow(/the symbol typed for it cannot be one: symbol .* is not a ticker symbol/);
  });
  it('an extended-hours 1h bar at 04:00 is on the grid (the app aggregates one there)', async () => {
    const { report } = await inspect('hour.sqlite', sqlite([['LABH', EDT('2013-10-07', '04:00'), 10, 11, 9, 10, 1, '1h'], ['LABH', EDT('2013-10-07', '04:30'), 10, 11, 9, 10, 1, '1h']]));
    expect(report.rowsValid).toBe(2);
  });
});

describe('messages that say what was found and what to do', () => {
  it('a header with fewer names than the rows have fields names the unnamed column (backtrader’s minute file)', async () => {
    const csv = 'Date,Open,High,Low,Close,Volume,OpenInterest\n2013-10-07,09:31:00,10,11,9,10,100,0\n';
    const { report } = await inspect('minute.csv', text(csv), { ...DEFAULT_IMPORT_OPTIONS, symbol: 'LABT' });
    expect(report.problems.find((p) => p.kind === 'fields')?.examples[0].message).toMatch(/has 8 fields; the header has 7; field 2 \("09:31:00"\) looks like a time of day that the header does not name: add a name such as Time/);
  });
  it('microsecond timestamps in a CSV get a hint', async () => {
    const { report } = await inspect('us.csv', text(`symbol,ts,open,high,low,close,volume\nLABU,${EDT('2013-10-07', '09:30') * 1000},10,11,9,10,1\n`));
    expect(report.firstProblems[0].message).toMatch(/looks like epoch microseconds/);
  });
  it('an early-close day names its own hours', async () => {
    const { report } = await inspect('early.sqlite', sqlite([['LABE', EST('2013-11-29', '18:00'), 10, 11, 9, 10, 1, '1m']]));
    expect(report.firstProblems[0].message).toMatch(/outside the exchange's hours that day \(04:00–17:00: an early close, Day after Thanksgiving\)/);
  });
  it('days in years the calendar does not know are said to be checked for weekends only', async () => {
    // The US calendar knows 1990–2035 (us-equity-calendar.ts): 2036 is outside it.
    const { report } = await inspect('2036.sqlite', sqlite([['LABY', Date.parse('2036-07-07T13:30:00Z'), 10, 11, 9, 10, 1, '1m']]));
    expect(report.notes.join(' ')).toMatch(/Holidays and early closes are known for 1990–2035 only: 1 rows on days of other years \(the first: 2036-07-07\)/);
  });
  it('a WITHOUT ROWID table, a table named Bars and a view named bars are read, rows numbered in read order', async () => {
    const t = EDT('2013-10-07', '09:30');
    const schemas = [
      'CREATE TABLE bars (symbol TEXT, ts INTEGER, open REAL, high REAL, low REAL, close REAL, volume INTEGER, interval TEXT, PRIMARY KEY (symbol, ts)) WITHOUT ROWID',
      INTERCHANGE_SCHEMA.replace('TABLE bars', 'TABLE Bars'),
    ];
    for (const schema of schemas) {
      const file = sqlite([['LABW', t, 10, 11, 9, 10, 1, '1m'], ['LABW', t + 60_000, 10, 9, 11, 10, 1, '1m']], schema);
      const { report } = await inspect('w.sqlite', file);
      expect(report.rowsValid).toBe(1);
      expect(bars(MarketDataRepository.open(SQL, file, 'w.sqlite'), 'LABW', '1m', '2013-10-07', '2013-10-07')).toHaveLength(1);
    }
    const view = sqlite([['LABW', t, 10, 11, 9, 10, 1, '1m']], 'CREATE TABLE raw (symbol TEXT, ts INTEGER, open REAL, high REAL, low REAL, close REAL, volume INTEGER, interval TEXT); CREATE VIEW bars AS SELECT * FROM raw', 'raw');
    const { report } = await inspect('view.sqlite', view);
    expect(report.rowsValid).toBe(1);
    expect(report.notes.join(' ')).toMatch(/"bars" is a view: its rows are numbered in the order SQLite reads them/);
  });
  it('a SQLite file without bars says what it has and how to make a view', async () => {
    const file = sqlite([], 'CREATE TABLE prices (x INTEGER)');
    await expect(inspect('p.sqlite', file)).rejects.toThrow(/has no "bars" table, only: prices\. Rename the table or create a view/);
    expect(() => MarketDataRepository.open(SQL, file, 'p.sqlite')).toThrow(/has no "bars" table, only: prices/);
  });
  it('trade prints missing from a file are named in words, not "tick tick"', () => {
    const repo = MarketDataRepository.open(SQL, sqlite([['LABR', EDT('2013-10-07', '09:30'), 10, 11, 9, 10, 1, '1m']]), 'x.sqlite');
    expect(() => repo.getItems({ type: StreamType.TICK, symbol: 'ESTX', interval: 'tick' }, '2013-10-07', '2013-10-07', 'regular')).toThrow('x.sqlite has no trade prints for ESTX');
  });
});

describe('hostile files: refused early, messages bounded', () => {
  it('a header of 10^6 columns is refused with a short message', async () => {
    const header = Array.from({ length: 1_000_000 }, (_, i) => (i < 7 ? ['symbol', 'ts', 'open', 'high', 'low', 'close', 'volume'][i] : 'x')).join(',');
    const attempt = inspect('wide.csv', text(`${header}\nLABX,2013-10-07T09:30:00-04:00,10,11,9,10,1\n`));
    await expect(attempt).rejects.toThrow(DataError);
    const message = await attempt.then(() => '', (e: Error) => e.message);
    expect(message.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
  });
  it('a 3 MB line without a break is refused after the first megabyte', async () => {
    const attempt = inspect('one-line.csv', text(`symbol,ts,open,high,low,close,volume\n${'9'.repeat(3 << 20)}`));
    await expect(attempt).rejects.toThrow(/line 2 is longer than 1 MB with no line break/);
  });
  it('a row of 100,000 extra fields gives a bounded example', async () => {
    const { report } = await inspect('fields.csv', text(`symbol,ts,open,high,low,close,volume\nLABX,2013-10-07T09:30:00-04:00,10,11,9,10,1${',x'.repeat(100_000)}\n`));
    expect(report.firstProblems[0].message.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    expect(report.firstProblems[0].message).toMatch(/^row 2: has 100,007 fields; the header has 7/);
  });
});

describe('every row replayed or counted', () => {
  it('rows outside the requested hours and refused rows are counted; replayed + not replayed = rows in range', async () => {
    const t = EDT('2013-10-07', '09:30');
    const file = sqlite([
      ['LABC', t - 60_000, 10, 11, 9, 10, 1, '1m'], // 09:29: extended only
      ['LABC', t, 10, 11, 9, 10, 1, '1m'],
      ['LABC', t + 60_000, 10, 9, 11, 10, 1, '1m'], // high below low
      ['LABC', EDT('2013-10-05', '09:30'), 10, 11, 9, 10, 1, '1m'], // a Saturday
      ['LABC', EDT('2013-10-09', '09:30'), 10, 11, 9, 10, 1, '1m'], // outside the dates
      ['LABO', t, 10, 11, 9, 10, 1, '1m'], // another symbol
    ]);
    const key = { type: StreamType.BAR, symbol: 'LABC', interval: '5m' as const };
    for (const repo of [MarketDataRepository.open(SQL, file, 'c.sqlite'), await imported('c.sqlite', file)]) {
      const account = await new CombinedRepository([repo]).account([key], '2013-10-04', '2013-10-08', 'regular');
      expect(account).toEqual({ rowsInRange: 4, replayed: 1, notReplayed: { 'exchange closed that day or hour': 1, 'high or low inconsistent': 1, 'outside the requested hours': 1 } });
      const extended = await new CombinedRepository([repo]).account([key, { ...key, interval: '1m' }], '2013-10-04', '2013-10-08', 'extended');
      expect(extended.replayed).toBe(2);
      expect(extended.rowsInRange).toBe(4);
    }
  });
  it('the catalog holds a daily-only symbol, and a 5m symbol at every coarser interval (the replay panel lists them, symbol-list.ts)', () => {
    const repo = MarketDataRepository.open(SQL, sqlite([['LABD', Date.parse('2013-10-07T00:00:00Z'), 10, 11, 9, 10, 1, '1d'], ['LABM', EDT('2013-10-07', '09:30'), 10, 11, 9, 10, 1, '5m']]), 'd.sqlite');
    expect(repo.catalog().map((e) => `${e.symbol} ${e.interval}`)).toEqual(['LABD 1d', 'LABM 5m', 'LABM 15m', 'LABM 30m', 'LABM 1h', 'LABM 1d']);
  });
});

describe('numeric ticker symbols (Tokyo, Hong Kong, Shanghai)', () => {
  it('a SQLite file of 7203 bars replays through db= and import alike, and the typed symbol 0700.HK is taken', async () => {
    const rows = [0, 1, 2].map((m) => ['7203', EDT('2013-10-07', '09:30') + m * 60_000, 10, 11, 9, 10, 100, '1m']);
    const file = sqlite(rows);
    const direct = bars(MarketDataRepository.open(SQL, file, 'tokyo.sqlite'), '7203', '1m', '2013-10-07', '2013-10-07');
    expect(direct).toHaveLength(3);
    expect(bars(await imported('tokyo.sqlite', file), '7203', '1m', '2013-10-07', '2013-10-07')).toEqual(direct);
    const csv = text('ts,open,high,low,close,volume\n2013-10-07T09:30:00-04:00,10,11,9,10,1\n');
    const { report } = await inspect('typed.csv', csv, { ...DEFAULT_IMPORT_OPTIONS, symbol: '0700.hk' });
    expect(report.firstProblems).toEqual([]);
    expect(report.contents.map((c) => c.symbol)).toEqual(['0700.HK']);
  });
});
