// Builds public/data/bars.sqlite from the CSV files in data/lean/ (real one-minute bars,
// © AlgoSeek, redistributed as sample data by QuantConnect LEAN; see data/lean/README.md).
// Runs under Node with sql.js (native SQLite modules download binaries at install, which fails
// on machines without internet). Run: npm run data
//
// The file holds the interchange `bars` table (what db= files use, and what tests query
// independently) and the columnar `bar_days` layout the app reads (storage-layout.ts); beside it
// bars-replay.sqlite.gz, the columnar tables alone and gzipped: what the page downloads.

import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import initSqlJs from 'sql.js';
import { exchangeDay } from '../src/core/exchange-time';
import { tradingSession } from '../src/core/trading-hours';
import { exchangeCode } from '../src/core/best-quote';
import { COLUMNAR_SCHEMA, encodeFloat64, INTERCHANGE_ITEM_SCHEMA, INTERCHANGE_SCHEMA, ITEM_TABLES, REPLAY_FILE } from '../src/data/storage-layout';

const root = fileURLToPath(new URL('..', import.meta.url));
const SOURCES = [
  { month: '2013-10', symbols: ['SPY', 'AIG', 'BAC', 'IBM'] },
  { month: '2014-06', symbols: ['AAPL', 'TWX'] },
];

interface Bar {
  symbol: string;
  ts: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

function readBars(path: string): Bar[] {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) throw new Error(`${path}: ${parsed.errors[0].message} (row ${parsed.errors[0].row})`);
  return parsed.data.map((r, i) => {
    const bar = {
      symbol: r.symbol,
      ts: Date.parse(r.ts),
      open: Number(r.open),
      high: Number(r.high),
      low: Number(r.low),
      close: Number(r.close),
      volume: Number(r.volume),
    };
    if (!Object.values(bar).every((v) => v !== '' && !Number.isNaN(v))) throw new Error(`${path}: bad row ${i + 2}`);
    return bar;
  });
}

const SQL = await initSqlJs();
const db = new SQL.Database();
db.exec(INTERCHANGE_SCHEMA + INTERCHANGE_ITEM_SCHEMA + COLUMNAR_SCHEMA);
db.exec('BEGIN');
const insertBar = db.prepare('INSERT INTO bars (symbol, ts, open, high, low, close, volume, interval) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
const insertDay = db.prepare('INSERT INTO bar_days VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
let total = 0;
for (const { month, symbols } of SOURCES) {
  for (const symbol of symbols) {
    const all = readBars(`${root}data/lean/bars/${month}/1min_all_hours/${symbol}.csv`);
    const regular = readBars(`${root}data/lean/bars/${month}/1min_rth/${symbol}.csv`);
    // The regular-hours file must be exactly the all-hours rows inside 09:30–16:00: a check that
    // the session arithmetic and the source agree before anything is written.
    const inside = all.filter((b) => {
      const s = tradingSession(exchangeDay(b.ts), 'regular');
      if (s === null) throw new Error(`${symbol}: a bar on a closed day, ${exchangeDay(b.ts)}`);
      return b.ts >= s.open && b.ts < s.close;
    });
    if (JSON.stringify(inside) !== JSON.stringify(regular)) throw new Error(`${symbol}: regular-hours rows disagree with the all-hours file`);
    const byDay = new Map<string, Bar[]>();
    for (const bar of all) {
      insertBar.run([bar.symbol, bar.ts, bar.open, bar.high, bar.low, bar.close, bar.volume, '1m']);
      const day = exchangeDay(bar.ts);
      if (!byDay.has(day)) byDay.set(day, []);
      byDay.get(day)!.push(bar);
    }
    for (const [day, bars] of byDay) {
      bars.sort((a, b) => a.ts - b.ts);
      const column = (pick: (b: Bar) => number) => encodeFloat64(Float64Array.from(bars, pick));
      insertDay.run([
        symbol, '1m', day, bars.length,
        column((b) => b.ts), column((b) => b.open), column((b) => b.high),
        column((b) => b.low), column((b) => b.close), column((b) => b.volume),
      ]);
    }
    total += all.length;
  }
}
insertBar.free();
insertDay.free();

// Quote bars (1m, regular hours), IBM's trade prints and its quote updates (09:30–10:00).
const ITEM_SOURCES = [
  ...['SPY', 'AIG', 'BAC', 'IBM'].map((symbol) => ({ kind: 'quote:1m' as const, path: `quotes/2013-10/1min_rth/${symbol}.csv` })),
  { kind: 'tick:tick' as const, path: 'ticks/2013-10/IBM_2013-10-07_trades.csv' },
  { kind: 'quote:tick' as const, path: 'ticks/2013-10/IBM_2013-10-07_quotes_0930-1000.csv' },
];
const CSV_COLUMN: Record<string, string> = { bid_size: 'last_bid_size', ask_size: 'last_ask_size' };
const insertItemDay = db.prepare('INSERT INTO item_days VALUES (?, ?, ?, ?, ?, ?, ?)');
for (const { kind, path } of ITEM_SOURCES) {
  const { table, columns } = ITEM_TABLES[kind];
  const [type, interval] = kind.split(':');
  const parsed = Papa.parse<Record<string, string>>(readFileSync(`${root}data/lean/${path}`, 'utf8'), { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) throw new Error(`${path}: ${parsed.errors[0].message}`);
  const insert = db.prepare(`INSERT INTO ${table} (symbol, ts, ${columns.join(', ')}) VALUES (${['?', '?', ...columns.map(() => '?')].join(', ')})`);
  const byDay = new Map<string, { symbol: string; ts: number; values: number[] }[]>();
  for (const row of parsed.data) {
    const ts = Date.parse(row.ts);
    const cells = columns.map((c) => row[c] ?? row[CSV_COLUMN[c]] ?? '');
    insert.run([row.symbol, ts, ...cells.map((v, i) => (v === '' ? null : columns[i] === 'exchange' ? v : Number(v)))]);
    // Columnar: numbers, the exchange letter as its char code, a missing side as NaN.
    const values = cells.map((v, i) => (v === '' ? NaN : columns[i] === 'exchange' ? exchangeCode(v) : Number(v)));
    const day = exchangeDay(ts);
    if (!byDay.has(day)) byDay.set(day, []);
    byDay.get(day)!.push({ symbol: row.symbol, ts, values });
  }
  insert.free();
  for (const [day, items] of byDay) {
    // A stable sort: items with one timestamp keep the file's order.
    const sorted = items.map((item, i) => ({ item, i })).sort((a, b) => a.item.ts - b.item.ts || a.i - b.i).map((x) => x.item);
    const fields = new Float64Array(sorted.length * columns.length);
    columns.forEach((_, c) => sorted.forEach((item, i) => (fields[c * sorted.length + i] = item.values[c])));
    insertItemDay.run([type, sorted[0].symbol, interval, day, sorted.length, encodeFloat64(Float64Array.from(sorted, (x) => x.ts)), encodeFloat64(fields)]);
  }
  total += parsed.data.length;
}
insertItemDay.free();
const info = db.prepare('INSERT INTO dataset_info VALUES (?, ?)');
for (const [key, value] of Object.entries({
  source: 'QuantConnect LEAN sample data (github.com/QuantConnect/Lean, Data/equity/usa/minute), commit 24863901deffa9ec7985e21ef8fbdb0258efb9e4',
  vendor: 'AlgoSeek — data provided by AlgoSeek, all rights reserved; redistributed as sample data by QuantConnect',
  prices: 'raw (unadjusted) US dollars; volume in shares; ts = bar start, epoch ms UTC',
})) info.run([key, value]);
info.free();
db.exec('COMMIT');
db.exec('CREATE INDEX bars_by_symbol ON bars (symbol, interval, ts)');
db.exec('VACUUM');
const out = `${root}public/data/bars.sqlite`;
writeFileSync(out, db.export());
console.log(`wrote ${out}: ${total} rows (bars, quote bars, trade prints and quote updates)`);

// What the page downloads (storage-layout.ts, REPLAY_FILE): the columnar tables alone — the
// interchange tables hold the same items again — gzipped, since static hosts compress only text.
for (const table of ['bars', ...Object.values(ITEM_TABLES).map((t) => t.table)]) db.exec(`DROP TABLE ${table}`);
db.exec('VACUUM');
const replay = `${root}public/data/${REPLAY_FILE}`;
writeFileSync(replay, gzipSync(db.export(), { level: 9 }));
console.log(`wrote ${replay}: the columnar tables, gzipped`);
