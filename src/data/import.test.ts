// Import under Node, on the committed files: every bad file of tests/fixtures/bad/ gets its own
// message, and the good CSV and SQLite files (the same bars, stored differently) give the same
// chunks. The browser tests run the same files through the page and IndexedDB.
import { readFileSync } from 'node:fs';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { MarketDataRepository } from './market-data-repository';
import { inspectFile } from './import-file';
import { existingData, ImportValidator, type DayChunk } from './import-validator';
import { DEFAULT_IMPORT_OPTIONS, normalizeInterval } from './csv-import';
import { PUBLIC_DIR } from '../testing/in-process-engine';
import { exportInterchange } from './dataset-export';

const fixtures = new URL('../../tests/fixtures/', import.meta.url);
const read = (path: string) => new Uint8Array(readFileSync(new URL(path, fixtures)));
const sqlJs = () => initSqlJs();
const bundled = MarketDataRepository.open(await initSqlJs(), new Uint8Array(readFileSync(`${PUBLIC_DIR}data/bars.sqlite`)), 'data/bars.sqlite');
const existing = existingData([{ label: 'the bundled data', entries: bundled.catalog() }]);
const inspect = (name: string, bytes: Uint8Array, options = DEFAULT_IMPORT_OPTIONS) => inspectFile(sqlJs, { name, bytes }, options, existing);
const text = (s: string) => new TextEncoder().encode(s);

const cases = JSON.parse(readFileSync(new URL('bad/expected.json', fixtures), 'utf8')) as { file: string; expect: string; fatal: boolean }[];

describe('bad files', () => {
  it('the corpus holds at least 30 files, each with its own expected message', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    expect(new Set(cases.map((c) => c.expect)).size).toBe(cases.length);
  });
  for (const c of cases) {
    it(`${c.file}: ${c.expect}`, async () => {
      const attempt = inspect(c.file, read(`bad/${c.file}`));
      if (c.fatal) {
        await expect(attempt).rejects.toThrow(c.expect);
        return;
      }
      const { report } = await attempt;
      const messages = report.problems.flatMap((p) => p.examples.map((e) => e.message));
      expect(messages.join('\n')).toContain(c.expect);
      expect(report.firstProblems.map((p) => p.message).join('\n')).toContain(c.expect);
      expect(report.rowsValid).toBeLessThan(report.rowsRead);
    });
  }
});

function sameChunks(a: DayChunk[], b: DayChunk[]) {
  expect(a.map((c) => `${c.kind}|${c.symbol}|${c.interval}|${c.day}`)).toEqual(b.map((c) => `${c.kind}|${c.symbol}|${c.interval}|${c.day}`));
  a.forEach((c, i) => {
    expect([...c.ts]).toEqual([...b[i].ts]);
    c.values.forEach((v, f) => expect([...v]).toEqual([...b[i].values[f]]));
  });
}

describe('good files', () => {
  it('the CSV and the SQLite file (rows shuffled) give the same chunks, with no problems', async () => {
    const csv = await inspect('lab-bars.csv', read('good/lab-bars.csv'));
    const db = await inspect('lab-bars.sqlite', read('good/lab-bars.sqlite'));
    expect(csv.report).toMatchObject({ format: 'csv', rowsRead: 1560, rowsValid: 1560, problems: [] });
    expect(db.report).toMatchObject({ format: 'sqlite', rowsRead: 1560, rowsValid: 1560, problems: [] });
    expect(csv.report.contents).toEqual([
      { kind: 'bar', symbol: 'LABX', interval: '1m', days: 2, rows: 780 },
      { kind: 'bar', symbol: 'LABY', interval: '1m', days: 2, rows: 780 },
    ]);
    sameChunks(csv.chunks, db.chunks);
  });

  it('reads other column names, a date and a time column in New York time, and epoch seconds or ms', async () => {
    const good = (await inspect('lab-bars.csv', read('good/lab-bars.csv'))).chunks;
    const lines = new TextDecoder().decode(read('good/lab-bars.csv')).trim().split('\n').slice(1).map((l) => l.split(','));
    const wall = lines.map(([s, ts, ...v]) => [s.toLowerCase(), ts.slice(0, 10), ts.slice(11, 16), ...v].join(','));
    const variants = {
      'date-time.csv': ['Ticker,Date,Time,O,H,L,C,Vol', ...wall],
      'epoch-seconds.csv': ['sym;timestamp;open;high;low;close;volume', ...lines.map(([s, ts, ...v]) => [s, Date.parse(ts) / 1000, ...v].join(';'))],
      'epoch-ms.tsv': ['Symbol\tDateTime\tOpen\tHigh\tLow\tClose\tVolume', ...lines.map(([s, ts, ...v]) => [s, Date.parse(ts), ...v].join('\t'))],
      'utc-z.csv': ['symbol,ts,open,high,low,close,volume', ...lines.map(([s, ts, ...v]) => [s, new Date(Date.parse(ts)).toISOString(), ...v].join(','))],
    };
    for (const [name, content] of Object.entries(variants)) {
      const { report, chunks } = await inspect(name, text(`\uFEFF${content.join('\r\n')}\r\n`));
      expect(report.problems, name).toEqual([]);
      sameChunks(chunks, good);
    }
  });

  it('reads wall times in a chosen zone, and a symbol typed for a file without one', async () => {
    const { chunks, report } = await inspect('one.csv', text('date,time,open,high,low,close,volume\n2014-06-02,13:30,1,2,1,2,5\n'), { zone: 'UTC', interval: '1m', symbol: 'labz' });
    expect(report.problems).toEqual([]);
    expect(chunks[0]).toMatchObject({ symbol: 'LABZ', day: '2014-06-02' });
    expect(chunks[0].ts[0]).toBe(Date.parse('2014-06-02T13:30:00Z'));
  });

  it('stores daily bars at the regular open, whichever way the day is written', async () => {
    const rows = ['2014-06-02', '20140603', '2014-06-04T00:00:00Z', '2014-06-05T09:30:00-04:00'];
    const { chunks, report } = await inspect('daily.csv', text(['symbol,ts,open,high,low,close,volume', ...rows.map((d) => `LABD,${d},1,2,1,2,5`)].join('\n')), { ...DEFAULT_IMPORT_OPTIONS, interval: '1d' });
    expect(report.problems).toEqual([]);
    expect(chunks.map((c) => [c.day, c.ts[0]])).toEqual(['02', '03', '04', '05'].map((d) => [`2014-06-${d}`, Date.parse(`2014-06-${d}T09:30:00-04:00`)]));
  });

  it('keeps the valid rows of a file with problems, and counts each kind', async () => {
    const { report, chunks } = await inspect('extra-column.csv', read('bad/extra-column.csv'));
    expect(report.rowsRead).toBe(2);
    expect(report.rowsValid).toBe(1);
    expect(report.problems.map((p) => [p.kind, p.count])).toEqual([
      ['columns', 1],
      ['ohlc', 1],
    ]);
    expect(chunks).toHaveLength(1);
  });

  it('ticks may share a timestamp and keep their file order; the duplicate bar keeps the first row', async () => {
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    db.exec('CREATE TABLE trade_ticks (symbol TEXT, ts INTEGER, price REAL, size INTEGER, exchange TEXT)');
    const t = Date.parse('2014-06-02T13:30:00.250Z');
    for (const [price, size] of [[10, 100], [10.5, 200], [9.5, 300]]) db.run('INSERT INTO trade_ticks VALUES (?, ?, ?, ?, ?)', ['LABT', t, price, size, 'P']);
    const { report, chunks } = await inspect('ticks.sqlite', db.export());
    expect(report.rowsValid).toBe(3);
    expect([...chunks[0].values[0]]).toEqual([10, 10.5, 9.5]);
    const dup = await inspect('duplicate-bar.csv', read('bad/duplicate-bar.csv'));
    expect([...dup.chunks[0].values[4]]).toEqual([100]);
  });
});

describe('limits', () => {
  it('refuses a file over the size limit before reading it, and a file over the row limit', async () => {
    expect(() => new ImportValidator({ name: 'big.csv', format: 'csv', bytes: 300 * 1024 * 1024 })).toThrow('big.csv is 300 MB; the lab imports files up to 256 MB');
    const validator = new ImportValidator({ name: 'long.csv', format: 'csv', bytes: 10 });
    expect(() => {
      for (let i = 0; i <= 5_000_000; i++) validator.countRow();
    }).toThrow('long.csv has more than 5,000,000 rows');
  });

  it('names intervals as vendors write them', () => {
    expect(['1min', '5 minutes', '60m', 'hour', 'daily', 'D', '15m', '2m'].map(normalizeInterval)).toEqual(['1m', '5m', '1h', '1h', '1d', '1d', '15m', null]);
  });
});

describe('dataset export', () => {
  it('writes the interchange schema: imported back, the same chunks; replayed with db=, the same bars', async () => {
    const SQL = await initSqlJs();
    const { chunks } = await inspect('lab-bars.csv', read('good/lab-bars.csv'));
    const ticks = (await inspect('ticks.sqlite', (() => {
      const db = new SQL.Database();
      db.exec('CREATE TABLE quote_ticks (symbol TEXT, ts INTEGER, bid_price REAL, bid_size INTEGER, ask_price REAL, ask_size INTEGER, exchange TEXT)');
      db.run("INSERT INTO quote_ticks VALUES ('LABX', ?, 10, 100, NULL, NULL, 'Q')", [Date.parse('2014-06-02T13:31:00Z')]);
      return db.export();
    })())).chunks;
    const bytes = exportInterchange(SQL, [...chunks, ...ticks]);
    const back = await inspect('exported.sqlite', bytes);
    expect(back.report.problems).toEqual([]);
    sameChunks(back.chunks, [...chunks, ...ticks]);
    const replayed = MarketDataRepository.open(SQL, bytes, 'exported.sqlite');
    const bars = replayed.getBarsBySymbol('LABX', '1m', '2014-06-02', '2014-06-03', 'regular');
    expect([...bars.tsStart]).toEqual([...chunks[0].ts, ...chunks[1].ts]);
  });
});
