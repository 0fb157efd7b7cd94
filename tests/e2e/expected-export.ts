// An ordering computed independently of the app: straight from a SQLite file with one ORDER BY
// under the documented emit-time rule and tie-break, formatted as the run export. Node side of
// the browser tests.
import { readFileSync } from 'node:fs';
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
