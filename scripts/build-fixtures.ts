// Writes the import test files: tests/fixtures/good/ (a CSV and a SQLite file holding the same
// bars of two made-up symbols) and tests/fixtures/bad/ (one file a problem, and expected.json:
// the message each must produce). The files are committed; run this only to change them.
// Run: npm run fixtures

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import initSqlJs from 'sql.js';
import { RandomWalk, symbolSeed } from '../src/core/random-walk';
import { seededRandom } from '../src/core/stats';
import { tradingSession } from '../src/core/trading-hours';
import { INTERCHANGE_SCHEMA } from '../src/data/storage-layout';

const root = fileURLToPath(new URL('../tests/fixtures/', import.meta.url));
const SQL = await initSqlJs();

// --- good: LABX and LABY, regular hours of 2014-06-02 and 2014-06-03 (EDT days) -------------
const GOOD_SYMBOLS = ['LABX', 'LABY'];
const GOOD_DAYS = ['2014-06-02', '2014-06-03'];
type Row = [string, number, number, number, number, number, number];
const rows: Row[] = [];
for (const symbol of GOOD_SYMBOLS) {
  const walk = new RandomWalk(symbolSeed(symbol, 7), symbol === 'LABX' ? 41.5 : 187.25);
  for (const day of GOOD_DAYS) {
    const session = tradingSession(day, 'regular')!;
    for (let t = session.open; t < session.close; t += 60_000) {
      const a = walk.next();
      const b = walk.next();
      rows.push([symbol, t, a.price, Math.max(a.price, b.price), Math.min(a.price, b.price), b.price, a.size + b.size]);
    }
  }
}
const iso = (ms: number) => new Date(ms - 4 * 3_600_000).toISOString().slice(0, 19) + '-04:00';
mkdirSync(`${root}good`, { recursive: true });
writeFileSync(`${root}good/lab-bars.csv`, ['symbol,ts,open,high,low,close,volume', ...rows.map(([s, t, ...v]) => [s, iso(t), ...v].join(','))].join('\n') + '\n');
{
  // The same rows stored in a shuffled order: the import must sort them.
  const db = new SQL.Database();
  db.exec(INTERCHANGE_SCHEMA);
  const random = seededRandom(11);
  const shuffled = [...rows];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  const insert = db.prepare('INSERT INTO bars (symbol, ts, open, high, low, close, volume, interval) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  for (const row of shuffled) insert.run([...row, '1m']);
  insert.free();
  writeFileSync(`${root}good/lab-bars.sqlite`, db.export());
  db.close();
}

// --- bad: one problem a file ---------------------------------------------------------------
interface Case {
  readonly file: string;
  readonly content: string | Uint8Array;
  /** Text the report or the error must contain. */
  readonly expect: string;
  /** True when nothing in the file can be imported (an error, no report). */
  readonly fatal: boolean;
}
const H = 'symbol,ts,open,high,low,close,volume';
const ok = 'LABQ,2013-10-07T09:30:00-04:00,10,11,9,10.5,100';
const csv = (...lines: string[]) => lines.join('\n') + '\n';
function sqlite(build: (db: import('sql.js').Database) => void): Uint8Array {
  const db = new SQL.Database();
  build(db);
  const bytes = db.export();
  db.close();
  return bytes;
}
const goodSqlite = sqlite((db) => {
  db.exec(INTERCHANGE_SCHEMA);
  for (let i = 0; i < 400; i++) db.run('INSERT INTO bars VALUES (?, ?, 10, 11, 9, 10.5, 100, ?)', ['LABQ', Date.parse('2013-10-07T13:30:00Z') + i * 60_000, '1m']);
});
const random = seededRandom(3);
const junk = Uint8Array.from({ length: 4096 }, (_, i) => (i % 97 === 0 ? 0 : Math.floor(random() * 256)));

const cases: Case[] = [
  { file: 'empty.csv', content: '', expect: 'is empty (0 bytes)', fatal: true },
  { file: 'blank-lines.csv', content: '\n\n\n', expect: 'has no header and no rows', fatal: true },
  { file: 'header-only.csv', content: csv(H), expect: 'has a header but no rows', fatal: true },
  { file: 'space-separated.csv', content: csv('symbol ts open high low close volume', 'LABQ 2013-10-07T09:30:00-04:00 10 11 9 10.5 100'), expect: 'not separated by commas', fatal: true },
  { file: 'no-header.csv', content: csv(ok, ok.replace('09:30', '09:31')), expect: 'the first row is data, not a header', fatal: true },
  { file: 'missing-close.csv', content: csv('symbol,ts,open,high,low,volume', 'LABQ,2013-10-07T09:30:00-04:00,10,11,9,100'), expect: 'the header lacks a column: close', fatal: true },
  { file: 'missing-two-columns.csv', content: csv('symbol,ts,open,high,close', 'LABQ,2013-10-07T09:30:00-04:00,10,11,10.5'), expect: 'the header lacks columns: low', fatal: true },
  { file: 'no-timestamp.csv', content: csv('symbol,open,high,low,close,volume', 'LABQ,10,11,9,10.5,100'), expect: 'the header has no timestamp column', fatal: true },
  { file: 'no-symbol.csv', content: csv('ts,open,high,low,close,volume', '2013-10-07T09:30:00-04:00,10,11,9,10.5,100'), expect: 'has no symbol column', fatal: true },
  { file: 'column-twice.csv', content: csv('symbol,ts,open,high,low,close,volume,Open', `${ok},10`), expect: 'the header names open twice', fatal: true },
  { file: 'binary-junk.csv', content: junk, expect: 'is not text (it holds binary bytes)', fatal: true },
  { file: 'compressed.csv.gz', content: gzipSync(csv(H, ok)), expect: 'is gzip-compressed', fatal: true },
  { file: 'archive.zip', content: Uint8Array.from([0x50, 0x4b, 3, 4, 20, 0, 0, 0, 8, 0, ...junk.subarray(0, 200)]), expect: 'is a zip archive', fatal: true },
  { file: 'utf16.csv', content: Uint8Array.from([0xff, 0xfe, ...[...csv(H, ok)].flatMap((c) => [c.charCodeAt(0), 0])]), expect: 'is UTF-16 text', fatal: true },
  { file: 'truncated.sqlite', content: goodSqlite.subarray(0, Math.floor(goodSqlite.byteLength / 2)), expect: 'damaged or truncated SQLite file', fatal: true },
  { file: 'sqlite-header-junk.sqlite', content: Uint8Array.from([...new TextEncoder().encode('SQLite format 3\0'), ...junk]), expect: 'damaged', fatal: true },
  {
    file: 'wrong-schema.sqlite',
    content: sqlite((db) => db.exec('CREATE TABLE prices (sym TEXT, t INTEGER, px REAL); INSERT INTO prices VALUES (1, 2, 3)')),
    expect: 'not in the interchange schema: it needs a table "bars"',
    fatal: true,
  },
  {
    file: 'sqlite-no-volume.sqlite',
    content: sqlite((db) => db.exec('CREATE TABLE bars (symbol TEXT, ts INTEGER, open REAL, high REAL, low REAL, close REAL); INSERT INTO bars VALUES (1, 2, 3, 4, 5, 6)')),
    expect: 'table "bars" lacks column volume',
    fatal: true,
  },
  { file: 'sqlite-no-rows.sqlite', content: sqlite((db) => db.exec(INTERCHANGE_SCHEMA)), expect: 'has the interchange tables but no rows', fatal: true },
  {
    file: 'sqlite-seconds.sqlite',
    content: sqlite((db) => {
      db.exec(INTERCHANGE_SCHEMA);
      db.run('INSERT INTO bars VALUES (?, ?, 10, 11, 9, 10.5, 100, NULL)', ['LABQ', 1381152600]);
    }),
    expect: 'bars rowid 1: ts 1381152600 looks like epoch seconds',
    fatal: false,
  },
  {
    file: 'sqlite-text-price.sqlite',
    content: sqlite((db) => {
      // SQLite keeps text that does not look numeric as text, even in a REAL column.
      db.exec(INTERCHANGE_SCHEMA);
      db.run("INSERT INTO bars VALUES ('LABQ', ?, 'ten', 11, 9, 10.5, 100, '1m')", [Date.parse('2013-10-07T13:30:00Z')]);
    }),
    expect: 'bars rowid 1: open must be a number; got "ten"',
    fatal: false,
  },
  {
    file: 'sqlite-bad-tick.sqlite',
    content: sqlite((db) => {
      db.exec('CREATE TABLE trade_ticks (symbol TEXT, ts INTEGER, price REAL, size INTEGER, exchange TEXT)');
      db.run("INSERT INTO trade_ticks VALUES ('LABQ', ?, 10.5, -100, 'P')", [Date.parse('2013-10-07T13:30:00Z')]);
    }),
    expect: 'trade_ticks rowid 1: a size of -100 is negative',
    fatal: false,
  },
  { file: 'not-a-number.csv', content: csv(H, 'LABQ,2013-10-07T09:30:00-04:00,ten,11,9,10.5,100'), expect: 'row 2: open "ten" is not a number', fatal: false },
  { file: 'empty-field.csv', content: csv(H, 'LABQ,2013-10-07T09:30:00-04:00,10,11,9,,100'), expect: 'row 2: close is empty', fatal: false },
  { file: 'comma-decimal.csv', content: csv(H, 'LABQ,2013-10-07T09:30:00-04:00,"10,5",11,9,10.5,100'), expect: 'row 2: open "10,5" is not a number', fatal: false },
  { file: 'bad-timestamp.csv', content: csv(H, 'LABQ,yesterday at noon,10,11,9,10.5,100'), expect: 'row 2: "yesterday at noon" is not a timestamp', fatal: false },
  { file: 'impossible-date.csv', content: csv(H, 'LABQ,2013-02-30T09:30:00-05:00,10,11,9,10.5,100'), expect: 'row 2: "2013-02-30T09:30:00-05:00" is not a timestamp', fatal: false },
  { file: 'high-below-open.csv', content: csv(H, ok, 'LABQ,2013-10-07T09:31:00-04:00,10,9.5,9,9.2,100'), expect: 'row 3: high 9.5 is below max(open 10, close 9.2)', fatal: false },
  { file: 'low-above-close.csv', content: csv(H, 'LABQ,2013-10-07T09:30:00-04:00,10,11,9.8,9.5,100'), expect: 'row 2: low 9.8 is above min(open 10, close 9.5)', fatal: false },
  { file: 'negative-volume.csv', content: csv(H, 'LABQ,2013-10-07T09:30:00-04:00,10,11,9,10.5,-5'), expect: 'row 2: volume -5 is negative', fatal: false },
  { file: 'duplicate-bar.csv', content: csv(H, ok, ok.replace(',100', ',200')), expect: 'row 3: repeats LABQ 1m at 2013-10-07 09:30:00 New York from row 2', fatal: false },
  { file: 'off-grid-seconds.csv', content: csv(H, 'LABQ,2013-10-07T09:30:30-04:00,10,11,9,10.5,100'), expect: 'row 2: 2013-10-07 09:30:30 New York is not the start of a 1m bar', fatal: false },
  {
    file: 'off-grid-5m.csv',
    content: csv('symbol,interval,ts,open,high,low,close,volume', 'LABQ,5m,2013-10-07T09:31:00-04:00,10,11,9,10.5,100'),
    expect: 'row 2: 2013-10-07 09:31:00 New York is not the start of a 5m bar',
    fatal: false,
  },
  {
    file: 'daily-at-noon.csv',
    content: csv('symbol,interval,ts,open,high,low,close,volume', 'LABQ,1d,2013-10-07T12:00:00-04:00,10,11,9,10.5,100'),
    expect: 'row 2: a daily bar is dated by its day',
    fatal: false,
  },
  { file: 'bad-interval.csv', content: csv('symbol,interval,ts,open,high,low,close,volume', 'LABQ,2m,2013-10-07T09:30:00-04:00,10,11,9,10.5,100'), expect: 'row 2: interval "2m" is not one of', fatal: false },
  { file: 'weekend.csv', content: csv(H, 'LABQ,2013-10-05T09:30:00-04:00,10,11,9,10.5,100'), expect: 'row 2: 2013-10-05 is a weekend day; the exchange was closed', fatal: false },
  { file: 'holiday.csv', content: csv(H, 'LABQ,2013-12-25T09:30:00-05:00,10,11,9,10.5,100'), expect: 'row 2: 2013-12-25 is a market holiday (Christmas Day)', fatal: false },
  { file: 'overnight.csv', content: csv(H, 'LABQ,2013-10-07T02:00:00-04:00,10,11,9,10.5,100'), expect: "row 2: 2013-10-07 02:00:00 New York is outside the exchange's hours", fatal: false },
  { file: 'too-few-fields.csv', content: csv(H, 'LABQ,2013-10-07T09:30:00-04:00,10,11,9'), expect: 'row 2: has 5 fields; the header has 7', fatal: false },
  { file: 'too-many-fields.csv', content: csv(H, `${ok},1,2`), expect: 'row 2: has 9 fields; the header has 7', fatal: false },
  { file: 'unclosed-quote.csv', content: csv(H, ok, 'LABQ,"2013-10-07T09:31:00-04:00,10,11,9,10.5,100', ok.replace('09:30', '09:32')), expect: 'row 3:', fatal: false },
  { file: 'huge-row.csv', content: csv(H, `LABQ,2013-10-07T09:30:00-04:00,10,11,9,10.5,1${'0'.repeat(200_000)}`), expect: 'row 2: field 7 is 200,001 characters long', fatal: false },
  { file: 'hostile-symbol.csv', content: csv(H, '<img src=x onerror=alert(1)>,2013-10-07T09:30:00-04:00,10,11,9,10.5,100'), expect: 'row 2: symbol "<img src=x onerror=alert(1)>" is not a ticker symbol', fatal: false },
  { file: 'formula-symbol.csv', content: csv(H, `"=HYPERLINK(""http://x"")",2013-10-07T09:30:00-04:00,10,11,9,10.5,100`), expect: 'row 2: symbol "=HYPERLINK(\\"http://x\\")" is not a ticker symbol', fatal: false },
  { file: 'overlaps-bundled.csv', content: csv(H, 'SPY,2013-10-07T09:30:00-04:00,168,169,167,168.5,100'), expect: 'row 2: SPY on 2013-10-07 is already in the bundled data', fatal: false },
  // Issue 15: one set of row rules for db= and import, and messages that say what to do.
  { file: 'daily-as-minutes.csv', content: csv('symbol,date,open,high,low,close,volume', 'LABQ,2013-10-07,10,11,9,10.5,100', 'LABQ,2013-10-08,10,11,9,10.5,100'), expect: 'row 2: 2013-10-07 00:00:00 New York is outside the exchange\'s hours that day (04:00–20:00); a bar stamped at midnight looks like a daily bar: choose the interval 1d', fatal: false },
  { file: 'unnamed-time-column.csv', content: csv('symbol,date,open,high,low,close,volume', 'LABQ,2013-10-07,09:31:00,10,11,9,10.5,100'), expect: 'row 2: has 8 fields; the header has 7; field 3 ("09:31:00") looks like a time of day that the header does not name', fatal: false },
  { file: 'microseconds.csv', content: csv(H, 'LABQ,1381152600000000,10,11,9,10.5,100'), expect: 'row 2: "1381152600000000" is not a timestamp (it looks like epoch microseconds', fatal: false },
  { file: 'infinite-value.csv', content: csv(H, 'LABQ,2013-10-07T09:30:00-04:00,10,1e400,9,10.5,100'), expect: 'row 2: high "1e400" is too large to be a finite number', fatal: false },
  { file: 'zero-price.csv', content: csv(H, 'LABQ,2013-10-07T09:30:00-04:00,0,11,0,10.5,100'), expect: 'row 2: open 0 is not a price above zero', fatal: false },
  { file: 'fractional-volume.csv', content: csv(H, 'LABQ,2013-10-07T09:30:00-04:00,10,11,9,10.5,1.5'), expect: 'row 2: volume 1.5 is not a whole number', fatal: false },
  { file: 'early-close-evening.csv', content: csv(H, 'LABQ,2013-11-29T18:00:00-05:00,10,11,9,10.5,100'), expect: "row 2: 2013-11-29 18:00:00 New York is outside the exchange's hours that day (04:00–17:00: an early close, after Thanksgiving)", fatal: false },
  { file: 'wide-header.csv', content: csv(['symbol', 'ts', 'open', 'high', 'low', 'close', 'volume', ...Array.from({ length: 993 }, (_, i) => `c${i}`)].join(','), ok), expect: 'the header has 1,000 columns; a file of bars has at most 64', fatal: true },
  {
    file: 'sqlite-infinity.sqlite',
    content: sqlite((db) => {
      db.exec(INTERCHANGE_SCHEMA);
      db.run("INSERT INTO bars VALUES ('LABQ', ?, 10, 9e999, 9, 10.5, 100, '1m')", [Date.parse('2013-10-07T13:30:00Z')]);
    }),
    expect: 'bars rowid 1: high must be a finite number; got Infinity',
    fatal: false,
  },
  {
    file: 'sqlite-null-symbol.sqlite',
    content: sqlite((db) => {
      db.exec('CREATE TABLE bars (symbol TEXT, ts INTEGER, open REAL, high REAL, low REAL, close REAL, volume INTEGER, interval TEXT)');
      db.run("INSERT INTO bars VALUES (NULL, ?, 10, 11, 9, 10.5, 100, '1m')", [Date.parse('2013-10-07T13:30:00Z')]);
    }),
    expect: 'bars rowid 1: the symbol is missing (NULL)',
    fatal: false,
  },
  {
    file: 'sqlite-microseconds.sqlite',
    content: sqlite((db) => {
      db.exec(INTERCHANGE_SCHEMA);
      db.run("INSERT INTO bars VALUES ('LABQ', ?, 10, 11, 9, 10.5, 100, '1m')", [Date.parse('2013-10-07T13:30:00Z') * 1000]);
    }),
    expect: 'bars rowid 1: ts 1381152600000000 looks like epoch microseconds',
    fatal: false,
  },
  {
    file: 'sqlite-two-intervals.sqlite',
    content: sqlite((db) => {
      db.exec(INTERCHANGE_SCHEMA);
      db.run("INSERT INTO bars VALUES ('LABQ', ?, 10, 11, 9, 10.5, 100, '5m')", [Date.parse('2013-10-07T13:30:00Z')]);
      db.run("INSERT INTO bars VALUES ('LABQ', ?, 10, 11, 9, 10.5, 20, '1m')", [Date.parse('2013-10-07T13:30:00Z')]);
    }),
    expect: "bars rowid 1: LABQ on 2013-10-07 also has 1m bars (bars rowid 2); a symbol's day is kept at one interval",
    fatal: false,
  },
  { file: 'extra-column.csv', content: csv(`${H},comment`, `${ok.replace(',10,', ',10,')},fine`, 'LABQ,2013-10-07T09:31:00-04:00,10,9,9,10.5,100,high too low'), expect: 'row 1: column "comment" is not part of a bar', fatal: false },
];

rmSync(`${root}bad`, { recursive: true, force: true });
mkdirSync(`${root}bad`, { recursive: true });
for (const c of cases) writeFileSync(`${root}bad/${c.file}`, c.content);
writeFileSync(`${root}bad/expected.json`, JSON.stringify(cases.map(({ file, expect, fatal }) => ({ file, expect, fatal })), null, 2) + '\n');
console.log(`wrote ${rows.length} good rows and ${cases.length} bad files`);
