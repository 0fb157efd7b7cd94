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
