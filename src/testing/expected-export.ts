// An ordering computed independently of the app: straight from a SQLite file with one ORDER BY
// under the documented emit-time rule and tie-break, formatted as the run export. Node side of
// the browser tests and of determinism.test.ts (Node only: it reads files).
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import initSqlJs from 'sql.js';

export const HEADER = 'seq,stream_type,symbol,interval,ts_start,ts_emit,open,high,low,close,volume';

/**
 * One-minute bars of `symbols` in regular hours of `day` (an EDT day: UTC−4), ordered by emit
 * time (start + 1 minute), then symbol in byte order of its upper-case name, then source row order.
 */
export async function expectedExport(db: Uint8Array, symbols: string[], day: string): Promise<string> {
  const SQL = await initSqlJs();
  const database = new SQL.Database(db);
  const open = Date.parse(`${day}T09:30:00-04:00`);
  const close = Date.parse(`${day}T16:00:00-04:00`);
  const result = database.exec(
    `SELECT upper(symbol), ts, ts + 60000 AS emit, open, high, low, close, volume FROM bars
     WHERE upper(symbol) IN (${symbols.map(() => '?').join(',')}) AND ts >= ? AND ts < ?
       AND COALESCE(interval, '1m') = '1m'
     ORDER BY emit, upper(symbol), ts, rowid`,
    [...symbols, open, close],
  );
  database.close();
  const rows = result[0]?.values ?? [];
  return [HEADER, ...rows.map(([symbol, ts, emit, ...values], i) => [i + 1, 'bar', symbol, '1m', ts, emit, ...values].map(String).join(','))].join('\n') + '\n';
}

export function bundledDb(): Uint8Array {
  return new Uint8Array(readFileSync(new URL('../../public/data/bars.sqlite', import.meta.url)));
}

/**
 * One symbol's 1m bars and its 5m bars (aggregated here in SQL on the 09:30 grid) in regular
 * hours of an EDT day, merged by emit time, then interval (1m before 5m) — the documented rule.
 */
export async function expectedOneAndFive(db: Uint8Array, symbol: string, day: string): Promise<string> {
  const SQL = await initSqlJs();
  const database = new SQL.Database(db);
  const open = Date.parse(`${day}T09:30:00-04:00`);
  const close = Date.parse(`${day}T16:00:00-04:00`);
  const one = database.exec(
    `SELECT ts, ts + 60000, open, high, low, close, volume FROM bars WHERE symbol = ? AND ts >= ? AND ts < ? ORDER BY ts, rowid`,
    [symbol, open, close],
  )[0].values;
  const five = database.exec(
    `WITH m AS (SELECT rowid AS r, ts, open, high, low, close, volume, CAST((ts - ?) / 300000 AS INTEGER) AS b FROM bars WHERE symbol = ? AND ts >= ? AND ts < ?)
     SELECT ? + b * 300000 AS start, ? + b * 300000 + 300000,
            (SELECT open FROM m AS f WHERE f.b = m.b ORDER BY ts, r LIMIT 1),
            MAX(high), MIN(low),
            (SELECT close FROM m AS l WHERE l.b = m.b ORDER BY ts DESC, r DESC LIMIT 1),
            SUM(volume)
     FROM m GROUP BY b ORDER BY b`,
    [open, symbol, open, close, open, open],
  )[0].values;
  database.close();
  const rows = [...one.map((r) => ({ interval: '1m', rank: 0, r })), ...five.map((r) => ({ interval: '5m', rank: 1, r }))];
  rows.sort((a, b) => (a.r[1] as number) - (b.r[1] as number) || a.rank - b.rank);
  return [HEADER, ...rows.map(({ interval, r }, i) => [i + 1, 'bar', symbol, interval, ...r].map(String).join(','))].join('\n') + '\n';
}

/**
 * The mixed replay computed straight from the CSV files in data/lean/: SPY 1m bars, SPY 5m
 * bars (aggregated here), IBM quote updates and IBM trade prints on 2013-10-07, regular hours,
 * ordered by (emit time; bar < quote < tick; finer interval first; symbol; file order).
 */
export function expectedMixedFromCsv(): string {
  const read = (path: string) =>
    Papa.parse<Record<string, string>>(readFileSync(new URL(`../../data/lean/${path}`, import.meta.url), 'utf8'), { header: true, skipEmptyLines: true }).data;
  const open = Date.parse('2013-10-07T09:30:00-04:00');
  const close = Date.parse('2013-10-07T16:00:00-04:00');
  const inHours = (ts: number) => ts >= open && ts < close;
  type Row = { emit: number; type: number; interval: number; symbol: string; order: number; cells: string[] };
  const rows: Row[] = [];
  const empty = (n: number) => Array<string>(n).fill('');
  const spy = read('bars/2013-10/1min_rth/SPY.csv').filter((r) => inHours(Date.parse(r.ts)));
  spy.forEach((r, i) => {
    const ts = Date.parse(r.ts);
    rows.push({ emit: ts + 60_000, type: 0, interval: 1, symbol: 'SPY', order: i, cells: ['bar', 'SPY', '1m', String(ts), String(ts + 60_000), r.open, r.high, r.low, r.close, r.volume, ...empty(10)] });
  });
  const buckets = new Map<number, Record<string, string>[]>();
  for (const r of spy) {
    const bucket = open + Math.floor((Date.parse(r.ts) - open) / 300_000) * 300_000;
    buckets.set(bucket, [...(buckets.get(bucket) ?? []), r]);
  }
  [...buckets].forEach(([start, bars], i) => {
    const num = (k: string) => bars.map((b) => Number(b[k]));
    const cells = [String(num('open')[0]), String(Math.max(...num('high'))), String(Math.min(...num('low'))), String(num('close').at(-1)), String(num('volume').reduce((a, b) => a + b, 0))];
    rows.push({ emit: start + 300_000, type: 0, interval: 5, symbol: 'SPY', order: i, cells: ['bar', 'SPY', '5m', String(start), String(start + 300_000), ...cells, ...empty(10)] });
  });
  read('ticks/2013-10/IBM_2013-10-07_quotes_0930-1000.csv').forEach((r, i) => {
    const ts = Date.parse(r.ts);
    if (!inHours(ts)) return;
    const bid = [r.bid_price, r.bid_price, r.bid_price, r.bid_price, r.bid_size];
    const ask = [r.ask_price, r.ask_price, r.ask_price, r.ask_price, r.ask_size];
    rows.push({ emit: ts, type: 1, interval: 0, symbol: 'IBM', order: i, cells: ['quote', 'IBM', 'tick', String(ts), String(ts), ...empty(5), ...bid, ...ask] });
  });
  read('ticks/2013-10/IBM_2013-10-07_trades.csv').forEach((r, i) => {
    const ts = Date.parse(r.ts);
    if (!inHours(ts)) return;
    rows.push({ emit: ts, type: 2, interval: 0, symbol: 'IBM', order: i, cells: ['tick', 'IBM', 'tick', String(ts), String(ts), r.price, r.price, r.price, r.price, r.size, ...empty(10)] });
  });
  rows.sort((a, b) => a.emit - b.emit || a.type - b.type || a.interval - b.interval || (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0) || a.order - b.order);
  const header = `${HEADER},bid_open,bid_high,bid_low,bid_close,bid_size,ask_open,ask_high,ask_low,ask_close,ask_size`;
  return [header, ...rows.map((r, i) => [String(i + 1), ...r.cells].join(','))].join('\n') + '\n';
}

/**
 * One-minute bars of `symbols` inside the given sessions ([open, close) in epoch ms, written out
 * by the test, not computed by the app), each emitted at start + 1 minute cut at its session's
 * close, ordered by emit time, then upper-case symbol, then start, then row order.
 */
export async function expectedOverSessions(db: Uint8Array, symbols: string[], sessions: [number, number][]): Promise<string> {
  const SQL = await initSqlJs();
  const database = new SQL.Database(db);
  database.exec('CREATE TEMP TABLE sessions (open INTEGER, close INTEGER)');
  for (const [open, close] of sessions) database.run('INSERT INTO sessions VALUES (?, ?)', [open, close]);
  const result = database.exec(
    `SELECT upper(symbol), ts, MIN(ts + 60000, s.close) AS emit, b.open, high, low, b.close, volume
     FROM bars AS b JOIN sessions AS s ON b.ts >= s.open AND b.ts < s.close
     WHERE upper(symbol) IN (${symbols.map(() => '?').join(',')}) AND COALESCE(interval, '1m') = '1m'
     ORDER BY emit, upper(symbol), ts, b.rowid`,
    symbols,
  );
  database.close();
  const rows = result[0]?.values ?? [];
  return [HEADER, ...rows.map(([symbol, ts, emit, ...values], i) => [i + 1, 'bar', symbol, '1m', ts, emit, ...values].map(String).join(','))].join('\n') + '\n';
}
