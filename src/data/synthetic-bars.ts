// A deterministic synthetic bar generator (seeded): any number of symbols and days of one-minute
// regular-hours bars, as a random walk. Pure TypeScript plus sql.js; used by the benchmark (and
// usable as a "stress" dataset). Days are consecutive weekdays from 2013-10-07.

import type { Database } from 'sql.js';
import { RandomWalk, symbolSeed } from '../core/random-walk';
import { tradingSession } from '../core/trading-hours';
import { encodeFloat64 } from './storage-layout';

export function syntheticDays(count: number): string[] {
  const days: string[] = [];
  for (let t = Date.parse('2013-10-07T12:00:00Z'); days.length < count; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    if (tradingSession(day, 'regular')) days.push(day);
  }
  return days;
}

export const syntheticSymbol = (i: number) => `S${String(i).padStart(4, '0')}`;

/** Writes `symbols` × `days` of 390 bars a day into `db` (columnar bar_days, and optionally the interchange bars table). */
export function writeSyntheticBars(db: Database, symbols: number, days: number, seed: number, interchange: boolean): number {
  const dayList = syntheticDays(days);
  const insertDay = db.prepare('INSERT INTO bar_days VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const insertBar = interchange ? db.prepare('INSERT INTO bars (symbol, ts, open, high, low, close, volume, interval) VALUES (?, ?, ?, ?, ?, ?, ?, ?)') : null;
  let total = 0;
  db.exec('BEGIN');
  for (let s = 0; s < symbols; s++) {
    const symbol = syntheticSymbol(s);
    const walk = new RandomWalk(symbolSeed(symbol, seed), 50 + (s % 200));
    for (const day of dayList) {
      const session = tradingSession(day, 'regular')!;
      const n = (session.close - session.open) / 60_000;
      const ts = new Float64Array(n);
      const cols = [0, 1, 2, 3, 4].map(() => new Float64Array(n));
      for (let i = 0; i < n; i++) {
        const a = walk.next();
        const b = walk.next();
        ts[i] = session.open + i * 60_000;
        cols[0][i] = a.price;
        cols[1][i] = Math.max(a.price, b.price);
        cols[2][i] = Math.min(a.price, b.price);
        cols[3][i] = b.price;
        cols[4][i] = a.size + b.size;
        insertBar?.run([symbol, ts[i], cols[0][i], cols[1][i], cols[2][i], cols[3][i], cols[4][i], '1m']);
      }
      insertDay.run([symbol, '1m', day, n, encodeFloat64(ts), ...cols.map(encodeFloat64)]);
      total += n;
    }
  }
  db.exec('COMMIT');
  insertDay.free();
  insertBar?.free();
  return total;
}
