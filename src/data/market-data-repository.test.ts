import { readFileSync } from 'node:fs';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { PUBLIC_DIR } from '../testing/in-process-engine';
import { allocateColumns } from '../core/item-columns';
import { StreamType } from '../core/stream-key';
import { CombinedRepository, type DaySource } from './combined-repository';
import { DataError } from './data-error';
import { MarketDataRepository } from './market-data-repository';
import { INTERCHANGE_ITEM_SCHEMA, INTERCHANGE_SCHEMA } from './storage-layout';

const SQL = await initSqlJs();
const bundled = MarketDataRepository.open(SQL, new Uint8Array(readFileSync(`${PUBLIC_DIR}data/bars.sqlite`)), 'bars.sqlite');
const EDT = (day: string, hm: string) => Date.parse(`${day}T${hm}:00-04:00`);

function interchange(rows: unknown[][], schema = INTERCHANGE_SCHEMA): Uint8Array {
  const db = new SQL.Database();
  db.exec(schema);
  for (const row of rows) db.run(`INSERT INTO bars VALUES (${row.map(() => '?').join(',')})`, row as never);
  const bytes = db.export();
  db.close();
  return bytes;
}

describe('MarketDataRepository on the bundled file', () => {
  it('lists the six symbols, their days, and the coarser intervals built from 1m', () => {
    const catalog = bundled.catalog();
    expect([...new Set(catalog.map((e) => e.symbol))]).toEqual(['AAPL', 'AIG', 'BAC', 'IBM', 'SPY', 'TWX']);
    expect(catalog.find((e) => e.symbol === 'SPY')!.days).toEqual(['2013-10-04', '2013-10-07', '2013-10-08', '2013-10-09', '2013-10-10', '2013-10-11']);
    expect(catalog.find((e) => e.symbol === 'AAPL')!.days).toEqual(['2014-06-05', '2014-06-06', '2014-06-09']);
    expect(catalog.filter((e) => e.symbol === 'IBM').map((e) => `${e.type ?? 'bar'} ${e.interval}${e.from ? `<${e.from}` : ''}`)).toEqual([
      'bar 1m', 'bar 5m<1m', 'bar 15m<1m', 'bar 30m<1m', 'bar 1h<1m', 'bar 1d<1m', 'quote tick', 'quote 1m', 'tick tick',
    ]);
  });

  it('returns quote bars, quote updates and trade prints in source order, inside the hours', () => {
    const trades = bundled.getItems({ type: StreamType.TICK, symbol: 'IBM', interval: 'tick' }, '2013-10-07', '2013-10-07', 'regular');
    expect(trades.tsStart[0]).toBeGreaterThanOrEqual(EDT('2013-10-07', '09:30'));
    expect(Array.from(trades.tsEmit.subarray(0, 5))).toEqual(Array.from(trades.tsStart.subarray(0, 5)));
    expect(trades.fields.length).toBe(3);
    const all = bundled.getItems({ type: StreamType.TICK, symbol: 'IBM', interval: 'tick' }, '2013-10-07', '2013-10-07', 'extended');
    expect(all.tsStart.length).toBe(24_293);
    const quotes = bundled.getItems({ type: StreamType.QUOTE, symbol: 'IBM', interval: 'tick' }, '2013-10-07', '2013-10-07', 'regular');
    expect(quotes.tsStart.length).toBe(11_252);
    // IBM,2013-10-07T09:30:00.072-04:00,181.69,200,,,Q — the ask side is missing
    expect([0, 1, 2, 3].map((f) => quotes.fields[f][0])).toEqual([181.69, 200, NaN, NaN]);
    expect(String.fromCharCode(quotes.fields[4][0])).toBe('Q');
    const bars = bundled.getItems({ type: StreamType.QUOTE, symbol: 'SPY', interval: '1m' }, '2013-10-04', '2013-10-11', 'regular');
    expect(bars.tsStart.length).toBe(2340);
    expect(bars.tsEmit[0] - bars.tsStart[0]).toBe(60_000);
  });

  it('aggregates coarser bars from 1m on the 09:30 grid, emitted at their end', () => {
    const one = bundled.getBarsBySymbol('SPY', '1m', '2013-10-07', '2013-10-07', 'regular');
    const five = bundled.getBarsBySymbol('SPY', '5m', '2013-10-07', '2013-10-07', 'regular');
    expect(five.tsStart.length).toBe(78);
    expect(five.tsEmit[0]).toBe(EDT('2013-10-07', '09:35'));
    expect(five.tsEmit[1]).toBe(EDT('2013-10-07', '09:40'));
    const firstFive = (f: number) => Array.from(one.fields[f].subarray(0, 5));
    expect([0, 1, 2, 3, 4].map((f) => five.fields[f][0])).toEqual([
      firstFive(0)[0], Math.max(...firstFive(1)), Math.min(...firstFive(2)), firstFive(3)[4], firstFive(4).reduce((a, b) => a + b, 0),
    ]);
    const hours = bundled.getBarsBySymbol('SPY', '1h', '2013-10-07', '2013-10-07', 'regular');
    expect(Array.from(hours.tsEmit).map((t) => new Date(t).toISOString().slice(11, 16))).toEqual(['14:30', '15:30', '16:30', '17:30', '18:30', '19:30', '20:00']);
    const day = bundled.getBarsBySymbol('AIG', '1d', '2013-10-04', '2013-10-11', 'regular');
    expect(day.tsStart.length).toBe(6);
    expect(day.fields[4][1]).toBe(Array.from(bundled.getBarsBySymbol('AIG', '1m', '2013-10-07', '2013-10-07', 'regular').fields[4]).reduce((a, b) => a + b, 0));
  });

  it('returns regular-hours bars with emit times at their end', () => {
    const bars = bundled.getBarsBySymbol('AIG', '1m', '2013-10-07', '2013-10-07', 'regular');
    expect(bars.tsStart.length).toBe(389); // 13:47 had no trades
    expect(bars.tsStart[0]).toBe(EDT('2013-10-07', '09:30'));
    expect(bars.tsEmit[0]).toBe(EDT('2013-10-07', '09:31'));
    expect(bars.tsEmit[388]).toBe(EDT('2013-10-07', '16:00'));
    expect(bars.tsStart.includes(EDT('2013-10-07', '13:47'))).toBe(false);
  });

  it('matches the source CSV counts for regular and extended hours', () => {
    expect(bundled.getBarsBySymbol('SPY', '1m', '2013-10-04', '2013-10-11', 'regular').tsStart.length).toBe(2340);
    expect(bundled.getBarsBySymbol('IBM', '1m', '2013-10-04', '2013-10-11', 'regular').tsStart.length).toBe(2338);
    expect(bundled.getBarsBySymbol('TWX', '1m', '2014-06-05', '2014-06-09', 'regular').tsStart.length).toBe(1167);
    // extended = 04:00–20:00: every bar in the all-hours files
    expect(bundled.getBarsBySymbol('SPY', '1m', '2013-10-04', '2013-10-11', 'extended').tsStart.length).toBe(4839);
  });

  it('returns bars of the first row of the source exactly', () => {
    const bars = bundled.getBarsBySymbol('SPY', '1m', '2013-10-04', '2013-10-04', 'extended');
    // SPY,2013-10-04T04:06:00-04:00,167.65,167.65,167.65,167.65,20000
    expect(bars.tsStart[0]).toBe(EDT('2013-10-04', '04:06'));
    expect([0, 1, 2, 3, 4].map((f) => bars.fields[f][0])).toEqual([167.65, 167.65, 167.65, 167.65, 20000]);
  });
});

describe('MarketDataRepository on interchange files', () => {
  const t = EDT('2013-10-07', '09:30');

  it('sorts rows stored out of order by (ts, row order) and skips rows outside the hours', () => {
    const repo = MarketDataRepository.open(SQL, interchange([
      ['SPY', t + 120_000, 3, 3, 3, 3, 30, null],
      ['SPY', t, 1, 1, 1, 1, 10, '1m'],
      ['SPY', t - 60_000, 9, 9, 9, 9, 90, null], // 09:29: pre-market
      ['spy', t + 60_000, 2, 2, 2, 2, 20, null],
    ]), 'x.sqlite');
    expect(repo.catalog()[0]).toEqual({ symbol: 'SPY', interval: '1m', days: ['2013-10-07'] });
    const bars = repo.getBarsBySymbol('SPY', '1m', '2013-10-07', '2013-10-07', 'regular');
    expect(Array.from(bars.fields[4])).toEqual([10, 20, 30]);
    expect(repo.getBarsBySymbol('SPY', '1m', '2013-10-07', '2013-10-07', 'extended').tsStart.length).toBe(4);
  });

  it('reads quote updates and trade prints from the interchange tables, a missing side as NaN', () => {
    const db = new SQL.Database();
    db.exec(INTERCHANGE_ITEM_SCHEMA);
    db.run('INSERT INTO trade_ticks VALUES (?, ?, ?, ?, ?)', ['ibm', t + 5, 181.5, 100, 'N']);
    db.run('INSERT INTO trade_ticks VALUES (?, ?, ?, ?, ?)', ['IBM', t + 5, 181.6, 200, 'P']);
    db.run('INSERT INTO trade_ticks VALUES (?, ?, ?, ?, ?)', ['IBM', t + 1, 181.4, 50, null]);
    db.run('INSERT INTO quote_ticks VALUES (?, ?, ?, ?, ?, ?, ?)', ['IBM', t + 2, 181.3, 300, null, null, 'Q']);
    const repo = MarketDataRepository.open(SQL, db.export(), 'items.sqlite');
    expect(repo.catalog().filter((e) => e.type).map((e) => `${e.type} ${e.symbol} ${e.interval}`)).toEqual(['quote IBM tick', 'tick IBM tick']);
    const trades = repo.getItems({ type: StreamType.TICK, symbol: 'IBM', interval: 'tick' }, '2013-10-07', '2013-10-07', 'regular');
    expect(Array.from(trades.fields[0])).toEqual([181.4, 181.5, 181.6]); // by time, then row order
    expect(Number.isNaN(trades.fields[2][0])).toBe(true);
    const quotes = repo.getItems({ type: StreamType.QUOTE, symbol: 'IBM', interval: 'tick' }, '2013-10-07', '2013-10-07', 'regular');
    expect(Array.from(quotes.fields.map((f) => f[0]))).toEqual([181.3, 300, NaN, NaN, 'Q'.charCodeAt(0)]);
  });

  it('builds bars of any interval from trade prints when a symbol has no stored bars', () => {
    const db = new SQL.Database();
    db.exec(INTERCHANGE_ITEM_SCHEMA);
    const rows = [[t + 1_000, 10, 100], [t + 20_000, 12, 50], [t + 59_000, 11, 10], [t + 61_000, 9, 5], [t + 400_000, 15, 1]];
    for (const [ts, price, size] of rows) db.run('INSERT INTO trade_ticks VALUES (?, ?, ?, ?, ?)', ['XYZ', ts, price, size, 'N']);
    const repo = MarketDataRepository.open(SQL, db.export(), 'ticks.sqlite');
    expect(repo.catalog().find((e) => !e.type && e.symbol === 'XYZ' && e.interval === '1m')).toMatchObject({ from: 'tick' });
    const minutes = repo.getBarsBySymbol('XYZ', '1m', '2013-10-07', '2013-10-07', 'regular');
    expect(Array.from(minutes.tsStart)).toEqual([t, t + 60_000, t + 360_000]); // 09:30, 09:31, 09:36: 09:32–09:35 had no trades
    expect(minutes.fields.map((f) => f[0])).toEqual([10, 12, 10, 11, 160]);
    const five = repo.getBarsBySymbol('XYZ', '5m', '2013-10-07', '2013-10-07', 'regular');
    expect(five.fields.map((f) => f[0])).toEqual([10, 12, 9, 9, 165]);
    expect(five.tsEmit[0]).toBe(t + 300_000);
  });

  it('accepts a bars table without an interval column', () => {
    const schema = 'CREATE TABLE bars (symbol TEXT, ts INTEGER, open REAL, high REAL, low REAL, close REAL, volume INTEGER)';
    const repo = MarketDataRepository.open(SQL, interchange([['IBM', t, 1, 2, 0.5, 1.5, 7]], schema), 'y.sqlite');
    expect(repo.catalog()[0]).toEqual({ symbol: 'IBM', interval: '1m', days: ['2013-10-07'] });
  });

  it.each([
    [new Uint8Array(0), /x.sqlite is empty/],
    [new TextEncoder().encode('symbol,ts\nSPY,1\n'), /x.sqlite is not a SQLite file/],
    // The import's messages (one reader for db= and import, sqlite-import.ts), for the same rows.
    [interchange([['SPY', 1381152600, 1, 1, 1, 1, 1, null]]), /ts 1381152600 looks like epoch seconds/],
    [interchange([['SPY', t, 'abc', 1, 1, 1, 1, null]]), /open must be a number; got "abc"/],
    [interchange([['SPY', t, 1, 1, 1, 1, 1, '2m']]), /interval "2m" is not one of/],
    [interchange([]), /table "bars" has no rows/],
    [interchange([], 'CREATE TABLE bars (symbol TEXT, ts INTEGER, open REAL)'), /lacks columns high, low, close, volume/],
    [interchange([], 'CREATE TABLE prices (x INTEGER)'), /has no "bars" table/],
  ])('refuses a bad file with a readable message (%#)', (bytes, message) => {
    expect(() => MarketDataRepository.open(SQL, bytes, 'x.sqlite')).toThrow(DataError);
    expect(() => MarketDataRepository.open(SQL, bytes, 'x.sqlite')).toThrow(message);
  });

  it('refuses a truncated SQLite file', () => {
    const bytes = readFileSync(`${PUBLIC_DIR}data/bars.sqlite`).subarray(0, 8192);
    expect(() => MarketDataRepository.open(SQL, new Uint8Array(bytes), 'cut.sqlite')).toThrow(/cut.sqlite/);
  });
});

describe('CombinedRepository catalog', () => {
  const source = (label: string, days: string[], datasetName?: string): DaySource => ({
    label,
    datasetName,
    catalog: () => [{ symbol: 'LABX', interval: '1m', days }],
    getBarsBySymbol: () => allocateColumns(0, 5),
    getItems: () => allocateColumns(0, 5),
  });
  it('merges each stream’s days across sources and names the imported datasets that hold some', () => {
    const combined = new CombinedRepository([source('data/bars.sqlite', ['2014-06-02']), source('dataset "a"', ['2014-06-04', '2014-06-03'], 'a'), source('dataset "b"', ['2014-06-05'], 'b')]);
    expect(combined.catalog()).toEqual([{ symbol: 'LABX', interval: '1m', days: ['2014-06-02', '2014-06-03', '2014-06-04', '2014-06-05'], imported: ['a', 'b'] }]);
    expect(new CombinedRepository([source('data/bars.sqlite', ['2014-06-02'])]).catalog()[0]).not.toHaveProperty('imported');
  });

  it('asks each source for its runs of consecutive days, the first source winning a shared day', async () => {
    const calls: string[] = [];
    const asked = (label: string, days: string[]): DaySource => ({
      ...source(label, days),
      getBarsBySymbol: (_symbol, _interval, from, to) => {
        calls.push(`${label} ${from}..${to}`);
        return { tsStart: Float64Array.of(calls.length), tsEmit: Float64Array.of(calls.length), fields: [0, 1, 2, 3, 4].map(() => Float64Array.of(0)) };
      },
    });
    const combined = new CombinedRepository([asked('a', ['2014-06-02', '2014-06-03', '2014-06-05', '2014-06-06']), asked('b', ['2014-06-04', '2014-06-05'])]);
    const bars = await combined.getBarsBySymbol('LABX', '1m', '2014-06-03', '2014-06-05', 'regular');
    expect(calls).toEqual(['a 2014-06-03..2014-06-03', 'b 2014-06-04..2014-06-04', 'a 2014-06-05..2014-06-05']);
    expect(Array.from(bars.tsStart)).toEqual([1, 2, 3]);
  });
});
