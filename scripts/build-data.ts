// Builds public/data/bars.sqlite from the CSV files in data/lean/ (real one-minute bars,
// © AlgoSeek, redistributed as sample data by QuantConnect LEAN; see data/lean/README.md).
// Runs under Node with sql.js (native SQLite modules download binaries at install, which fails
// on machines without internet). Run: npm run data
//
// The file holds the interchange `bars` table (what db= files use, and what tests query
// independently) and the columnar `bar_days` layout the app reads (storage-layout.ts).

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import initSqlJs from 'sql.js';
import { exchangeDay } from '../src/core/exchange-time';
import { tradingSession } from '../src/core/trading-hours';
import { COLUMNAR_SCHEMA, encodeFloat64, INTERCHANGE_SCHEMA } from '../src/data/storage-layout';

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
db.exec(INTERCHANGE_SCHEMA + COLUMNAR_SCHEMA);
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
console.log(`wrote ${out}: ${total} one-minute bars`);
