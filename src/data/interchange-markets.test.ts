// The interchange file's optional `markets` table: each symbol's rows are grouped by its market's
// trading days and filtered by its market's hours, and a bad table is refused with the market
// named. Node (Vitest, sql.js).

import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { MarketDataRepository } from './market-data-repository';
import { MARKETS_SCHEMA, writeMarkets } from './interchange-markets';
import { INTERCHANGE_SCHEMA } from './storage-layout';
import { importSqlite } from './sqlite-import';
import type { MarketSpec } from '../core/market-spec';

const SQL = await initSqlJs();
const MIN = 60_000;

function file(rows: [string, number][], markets?: (db: InstanceType<typeof SQL.Database>) => void): Uint8Array {
  const db = new SQL.Database();
  db.exec(INTERCHANGE_SCHEMA);
  db.exec('BEGIN');
  const insert = db.prepare('INSERT INTO bars VALUES (?, ?, 1, 2, 0.5, 1.5, 10, NULL)');
  for (const [symbol, ts] of rows) insert.run([symbol, ts]);
  insert.free();
  db.exec('COMMIT');
  markets?.(db);
  const bytes = db.export();
  db.close();
  return bytes;
}

/** 1m bars from `from` for `count` minutes. */
function minutes(symbol: string, from: string, count: number): [string, number][] {
  const start = Date.parse(from);
  return Array.from({ length: count }, (_, i) => [symbol, start + i * MIN]);
}

describe('the markets table', () => {
  it('keeps every 24/7 row over a weekend, on UTC days, and a file without the table is US equities', () => {
    const rows = minutes('BTCUSD', '2024-03-09T00:00:00Z', 48 * 60);
    const repository = MarketDataRepository.open(SQL, file(rows, (db) => writeMarkets(db, new Map([['BTCUSD', 'crypto-24-7']]))), 'crypto.sqlite');
    const entry = repository.catalog().find((e) => e.symbol === 'BTCUSD' && e.interval === '1m');
    expect(entry?.days).toEqual(['2024-03-09', '2024-03-10']);
    expect(entry?.market).toBe('crypto-24-7');
    expect(repository.catalog().find((e) => e.interval === '1h')?.market).toBe('crypto-24-7');
    const bars = repository.getBarsBySymbol('BTCUSD', '1m', '2024-03-09', '2024-03-10', 'regular');
    expect(bars.tsStart.length).toBe(48 * 60);
    const hours = repository.getBarsBySymbol('BTCUSD', '1h', '2024-03-09', '2024-03-10', 'regular');
    expect(hours.tsStart.length).toBe(48);
    // The same rows without the table are US equities: of a weekend, only Friday 19:00–20:00 New York is open.
    const us = MarketDataRepository.open(SQL, file(rows), 'us.sqlite');
    expect(us.catalog()[0].market).toBeUndefined();
    expect(us.getBarsBySymbol('BTCUSD', '1m', '2024-03-08', '2024-03-10', 'extended').tsStart.length).toBe(60);
  });

  it('groups a custom market by its own days and cuts its bars at its lunch break', () => {
    const definition = { id: 'sgx', zone: 'Asia/Singapore', sessions: [{ open: '09:00', close: '12:00' }, { open: '13:00', close: '17:00' }], weekdays: [1, 2, 3, 4, 5] };
    // 08:30–17:30 Singapore (UTC+8) on Monday 2024-03-11: 30 minutes before, 60 at lunch and 30 after are outside.
    const rows = minutes('D05', '2024-03-11T00:30:00Z', 9 * 60);
    const repository = MarketDataRepository.open(SQL, file(rows, (db) => writeMarkets(db, new Map([['D05', definition]]))), 'sgx.sqlite');
    expect(repository.catalog()[0].days).toEqual(['2024-03-11']);
    expect(repository.getBarsBySymbol('D05', '1m', '2024-03-11', '2024-03-11', 'regular').tsStart.length).toBe(7 * 60);
    const hourly = repository.getBarsBySymbol('D05', '1h', '2024-03-11', '2024-03-11', 'regular');
    expect([...hourly.tsStart].map((t) => new Date(t).toISOString().slice(11, 16))).toEqual(['01:00', '02:00', '03:00', '05:00', '06:00', '07:00', '08:00']);
    const daily = repository.getBarsBySymbol('D05', '1d', '2024-03-11', '2024-03-11', 'regular');
    expect(daily.tsEmit[0]).toBe(Date.parse('2024-03-11T09:00:00Z'));
    expect(daily.fields[4][0]).toBe(7 * 60 * 10);
  });

  it('refuses an unknown market id, overlapping sessions and an invalid zone, naming the row', () => {
    const open = (market: string, definition: string | null) =>
      MarketDataRepository.open(
        SQL,
        file(minutes('X', '2024-03-11T14:00:00Z', 5), (db) => {
          db.exec(MARKETS_SCHEMA);
          db.run('INSERT INTO markets VALUES (?, ?, ?)', ['X', market, definition]);
        }),
        'bad.sqlite',
      );
    expect(() => open('nasdaq-nordic', null)).toThrow('bad.sqlite, markets row with rowid 1: unknown market "nasdaq-nordic"');
    expect(() => open('mine', JSON.stringify({ zone: 'Europe/Paris', sessions: [{ open: '09:00', close: '12:00' }, { open: '11:00', close: '17:00' }], weekdays: [1] }))).toThrow(
      'bad.sqlite, markets row with rowid 1: custom market mine: sessions 09:00–12:00 and 11:00–17:00 overlap',
    );
    expect(() => open('mine', JSON.stringify({ zone: 'Europe/Parris', sessions: [{ open: '09:00', close: '17:00' }], weekdays: [1] }))).toThrow('"Europe/Parris" is not a time zone');
  });
});

describe('db= and import read a file with a markets table alike (issue 15 with issue 18)', () => {
  it('refuses the same rows, against the same market days, with the same messages, and keeps the same bars', () => {
    const definition = { id: 'sgx', zone: 'Asia/Singapore', sessions: [{ open: '09:00', close: '12:00' }, { open: '13:00', close: '17:00' }], weekdays: [1, 2, 3, 4, 5] };
    // 08:30–17:30 Singapore on Monday 2024-03-11 (120 rows outside the sessions), and a 24/7 symbol over a weekend (none outside).
    const rows = [...minutes('D05', '2024-03-11T00:30:00Z', 9 * 60), ...minutes('BTCUSD', '2024-03-09T00:00:00Z', 24 * 60)];
    const bytes = file(rows, (db) => writeMarkets(db, new Map<string, MarketSpec>([['D05', definition], ['BTCUSD', 'crypto-24-7']])));
    const repository = MarketDataRepository.open(SQL, bytes, 'both.sqlite');
    const { report, chunks } = importSqlite(SQL, bytes, 'both.sqlite', new Map());
    expect(report.markets).toEqual({ D05: definition, BTCUSD: 'crypto-24-7' });
    expect(report.rowsValid).toBe(7 * 60 + 24 * 60);
    expect(report.refusedByDay).toEqual([{ kind: 'bar', symbol: 'D05', day: '2024-03-11', reason: 'closed', count: 120 }]);
    expect(repository.refused).toEqual(report.refusedByDay);
    expect(report.firstProblems[0].message).toMatch(/^bars rowid 1: 2024-03-11 08:30:00 .* is outside .*'s hours on 2024-03-11/);
    // The bars kept: the same days and rows by either path.
    expect(chunks.map((c) => [c.symbol, c.day, c.ts.length])).toEqual([
      ['BTCUSD', '2024-03-09', 24 * 60],
      ['D05', '2024-03-11', 7 * 60],
    ]);
    expect(repository.getBarsBySymbol('D05', '1m', '2024-03-11', '2024-03-11', 'extended').tsStart.length).toBe(7 * 60);
    expect(repository.getBarsBySymbol('BTCUSD', '1m', '2024-03-09', '2024-03-09', 'extended').tsStart.length).toBe(24 * 60);
    expect(repository.catalog().find((e) => e.symbol === 'D05')?.market).toEqual(definition);
  });

  it('a markets row that cannot be read refuses the file by either path with one message', () => {
    const bytes = file(minutes('X', '2024-03-11T14:00:00Z', 5), (db) => {
      db.exec(MARKETS_SCHEMA);
      db.run('INSERT INTO markets VALUES (?, ?, ?)', ['X', 'nasdaq-nordic', null]);
    });
    const message = 'bad.sqlite, markets row with rowid 1: unknown market "nasdaq-nordic"';
    expect(() => MarketDataRepository.open(SQL, bytes, 'bad.sqlite')).toThrow(message);
    expect(() => importSqlite(SQL, bytes, 'bad.sqlite', new Map())).toThrow(message);
  });
});
