// A deterministic synthetic bar generator (seeded): any number of symbols and days of one-minute
// regular-hours bars, as a random walk. Any thread (pure TypeScript, plus sql.js for the file
// writer): the import worker generates the page's "stress" dataset, stored like an import; the
// page reads STRESS_LIMITS; the benchmark writes it to a SQLite file.

import { assert } from '../core/assert';
import type { Database } from 'sql.js';
import { RandomWalk, symbolSeed } from '../core/random-walk';
import { tradingSession } from '../core/trading-hours';
import type { DayChunk } from './import-validator';
import { encodeFloat64 } from './storage-layout';

/** Consecutive trading days from 2013-10-07 (symbols are S0000, S0001 …). */
export function syntheticDays(count: number): string[] {
  const days: string[] = [];
  for (let t = Date.parse('2013-10-07T12:00:00Z'); days.length < count; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    if (tradingSession(day, 'regular')) days.push(day);
  }
  return days;
}

export const syntheticSymbol = (i: number) => `S${String(i).padStart(4, '0')}`;

/** The limits the page offers: enough to stress the engine, small enough for a browser's storage. */
export const STRESS_LIMITS = { symbols: 500, days: 1000, bars: 20_000_000 } as const;

/** `symbols` × `days` day chunks of 1m bars (open, high, low, close, volume), one symbol's walk after another. */
export function* syntheticChunks(symbols: number, days: number, seed: number): Generator<DayChunk> {
  const dayList = syntheticDays(days);
  for (let s = 0; s < symbols; s++) {
    const symbol = syntheticSymbol(s);
    const walk = new RandomWalk(symbolSeed(symbol, seed), 50 + (s % 200));
    for (const day of dayList) {
      const session = tradingSession(day, 'regular');
      assert(session !== null, `${day} is a trading day (syntheticDays lists only those)`);
      const n = (session.close - session.open) / 60_000;
      const ts = new Float64Array(n);
      const values = [0, 1, 2, 3, 4].map(() => new Float64Array(n));
      for (let i = 0; i < n; i++) {
        const a = walk.next();
        const b = walk.next();
        ts[i] = session.open + i * 60_000;
        values[0][i] = a.price;
        values[1][i] = Math.max(a.price, b.price);
        values[2][i] = Math.min(a.price, b.price);
        values[3][i] = b.price;
        values[4][i] = a.size + b.size;
      }
      yield { kind: 'bar', symbol, interval: '1m', day, ts, values };
    }
  }
}

/** Writes the synthetic bars into `db` (columnar bar_days, and optionally the interchange bars table). */
export function writeSyntheticBars(db: Database, symbols: number, days: number, seed: number, interchange: boolean): number {
  const insertDay = db.prepare('INSERT INTO bar_days VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const insertBar = interchange ? db.prepare('INSERT INTO bars (symbol, ts, open, high, low, close, volume, interval) VALUES (?, ?, ?, ?, ?, ?, ?, ?)') : null;
  let total = 0;
  db.exec('BEGIN');
  for (const { symbol, day, ts, values } of syntheticChunks(symbols, days, seed)) {
    if (insertBar) for (let i = 0; i < ts.length; i++) insertBar.run([symbol, ts[i], ...values.map((v) => v[i]), '1m']);
    insertDay.run([symbol, '1m', day, ts.length, encodeFloat64(ts), ...values.map(encodeFloat64)]);
    total += ts.length;
  }
  db.exec('COMMIT');
  insertDay.free();
  insertBar?.free();
  return total;
}
