// Property test of issue 15: interchange SQLite files and CSVs with random edge structure (several
// intervals per symbol, daily stamps of every kind, ties across symbols, gaps, rows off hours and
// on closed days, a DST change, an early close, duplicates, bad values) read by `db=` and by
// import give the same bars and the same row account; replayed + not replayed = rows in range;
// the imported dataset exported to SQLite replays and re-imports to the same rows. The reference
// is written here, independently of the app's reader: its own calendar (fixed offsets, the one
// holiday and early close of these weeks), its own rules and its own aggregation. Node.
import fc from 'fast-check';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { MarketDataRepository } from './market-data-repository';
import { CombinedRepository } from './combined-repository';
import { inspectFile } from './import-file';
import { DEFAULT_IMPORT_OPTIONS } from './csv-import';
import { storedEntries } from './stream-catalog';
import { dayKey, type DayColumns } from './day-columns';
import { exportInterchange } from './dataset-export';
import { StreamType, type BarInterval } from '../core/stream-key';
import type { Hours } from '../core/trading-hours';
import type { RowAccount } from '../core/row-account';

const SQL = await initSqlJs();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

// ---- The reference calendar: these weeks only, written out by hand. ----
/** Thu, Fri (EDT), Sat, Mon after the DST change (EST), Thanksgiving, the early close after it, Mon. */
const DAYS = ['2013-10-31', '2013-11-01', '2013-11-02', '2013-11-04', '2013-11-28', '2013-11-29', '2013-12-02'] as const;
const CLOSED = new Set(['2013-11-02', '2013-11-28']);
const EARLY = '2013-11-29';
/** New York wall time `minutes` after midnight of `day`, in epoch ms (EDT until 2013-11-03, then EST). */
const wall = (day: string, minutes: number) => Date.parse(`${day}T00:00:00Z`) + (day < '2013-11-03' ? 4 : 5) * HOUR + minutes * MINUTE;
function session(day: string, hours: Hours): { open: number; close: number } | null {
  if (CLOSED.has(day)) return null;
  const close = hours === 'regular' ? (day === EARLY ? 13 * 60 : 16 * 60) : day === EARLY ? 17 * 60 : 20 * 60;
  return { open: wall(day, hours === 'regular' ? 9 * 60 + 30 : 4 * 60), close: wall(day, close) };
}
const SIZE: Record<string, number> = { '1m': MINUTE, '5m': 5 * MINUTE, '15m': 15 * MINUTE, '1h': HOUR };

// ---- What a generated file holds. ----
type Flaw = 'none' | 'highBelowLow' | 'negativeVolume' | 'fractionalVolume' | 'zeroPrice' | 'infinite';
type DailyStamp = 'utcMidnight' | 'nyMidnight' | 'open' | 'close' | 'noon';
interface Row {
  readonly symbol: string;
  readonly interval: '1m' | '5m' | '1d';
  readonly day: string;
  readonly ts: number;
  readonly values: readonly number[];
}

const flaw = fc.constantFrom<Flaw>('none', 'none', 'none', 'none', 'none', 'highBelowLow', 'negativeVolume', 'fractionalVolume', 'zeroPrice', 'infinite');
function values(f: Flaw, price: number, volume: number): number[] {
  const v = [price, price + 1, price - 1, price + 0.5, volume];
  if (f === 'highBelowLow') [v[1], v[2]] = [price - 2, price + 2];
  if (f === 'negativeVolume') v[4] = -volume - 1;
  if (f === 'fractionalVolume') v[4] = volume + 0.5;
  if (f === 'zeroPrice') v[0] = 0;
  if (f === 'infinite') v[1] = Infinity;
  return v;
}
function dailyTs(day: string, stamp: DailyStamp): number {
  if (stamp === 'utcMidnight') return Date.parse(`${day}T00:00:00Z`);
  if (stamp === 'nyMidnight') return wall(day, 0);
  if (stamp === 'open') return wall(day, 9 * 60 + 30);
  if (stamp === 'close') return wall(day, day === EARLY ? 13 * 60 : 16 * 60);
  return wall(day, 12 * 60);
}
/** One symbol-day: its interval and rows (intraday: minutes from 03:00, some off the grid by 30 s). */
const symbolDay = (symbol: string, day: string) =>
  fc.oneof(
    fc.record({ stamp: fc.constantFrom<DailyStamp>('utcMidnight', 'nyMidnight', 'open', 'close', 'noon'), f: flaw, price: fc.integer({ min: 5, max: 50 }), volume: fc.nat(1000) }).map(
      ({ stamp, f, price, volume }): Row[] => [{ symbol, interval: '1d', day, ts: dailyTs(day, stamp), values: values(f, price, volume) }],
    ),
    fc
      .record({
        interval: fc.constantFrom<'1m' | '5m'>('1m', '5m'),
        bars: fc.array(fc.record({ slot: fc.integer({ min: 0, max: 1079 }), off: fc.constantFrom(0, 0, 0, 0, 30_000, MINUTE), f: flaw, price: fc.integer({ min: 5, max: 50 }), volume: fc.nat(1000) }), { minLength: 1, maxLength: 25 }),
      })
      .map(({ interval, bars }): Row[] =>
        bars.map(({ slot, off, f, price, volume }) => ({
          symbol,
          interval,
          day,
          // 03:00 + slot steps: before the 04:00 open, through the sessions, past 20:00
          ts: wall(day, 3 * 60) + (interval === '1m' ? slot : slot % 216) * SIZE[interval] + off,
          values: values(f, price, volume),
        })),
      ),
  );
const fileRows = fc
  .tuple(...['LABA', 'LABB'].flatMap((symbol) => DAYS.map((day) => fc.option(symbolDay(symbol, day), { freq: 3 }))))
  .map((days) => days.flatMap((d) => d ?? []))
  .chain((rows) => fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }));

// ---- The reference reader and replay. ----
function kept(rows: readonly Row[]): Row[] {
  const seen = new Set<string>();
  const out: Row[] = [];
  for (const r of rows) {
    const [o, h, l, c, v] = r.values;
    if (!r.values.every(Number.isFinite) || [o, h, l, c].some((p) => p <= 0) || v < 0 || !Number.isInteger(v) || h < Math.max(o, c) || l > Math.min(o, c)) continue;
    const s = session(r.day, 'extended');
    if (s === null) continue;
    let ts = r.ts;
    if (r.interval === '1d') {
      if (r.ts === wall(r.day, 12 * 60)) continue; // noon: not a daily stamp
      ts = wall(r.day, 9 * 60 + 30);
    } else {
      if (ts < s.open || ts >= s.close) continue;
      if ((ts - wall(r.day, 9 * 60 + 30)) % SIZE[r.interval] !== 0) continue;
    }
    const id = `${r.symbol}|${r.interval}|${ts}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ ...r, ts });
  }
  return out;
}

/** The replayed bars of `symbol` at `interval`, each [start, emit, o, h, l, c, v]. */
function replay(rows: readonly Row[], symbol: string, interval: BarInterval, hours: Hours): number[][] {
  const out: number[][] = [];
  for (const day of DAYS) {
    const s = session(day, hours);
    const mine = rows.filter((r) => r.symbol === symbol && r.day === day && s && r.ts >= s.open && r.ts < s.close).sort((a, b) => a.ts - b.ts);
    if (!s || mine.length === 0) continue;
    const size = interval === '1d' ? 0 : SIZE[interval];
    const anchor = wall(day, 9 * 60 + 30);
    const bucketOf = (ts: number) => (mine[0].interval === interval ? ts : interval === '1d' ? s.open : anchor + Math.floor((ts - anchor) / size) * size);
    let last: number[] | null = null;
    let lastBucket = NaN;
    for (const r of mine) {
      const b = bucketOf(r.ts);
      if (last && b === lastBucket) {
        last[3] = Math.max(last[3], r.values[1]);
        last[4] = Math.min(last[4], r.values[2]);
        last[5] = r.values[3];
        last[6] += r.values[4];
        continue;
      }
      lastBucket = b;
      last = [Math.max(b, s.open), interval === '1d' ? s.close : Math.min(b + size, s.close), ...r.values];
      out.push(last);
    }
  }
  return out;
}

// ---- The two paths, and the round trip. ----
function sqliteOf(rows: readonly Row[]): Uint8Array {
  const db = new SQL.Database();
  db.exec('CREATE TABLE bars (symbol TEXT, ts INTEGER, open REAL, high REAL, low REAL, close REAL, volume REAL, interval TEXT)');
  for (const r of rows) db.run('INSERT INTO bars VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [r.symbol, r.ts, ...r.values, r.interval]);
  const bytes = db.export();
  db.close();
  return bytes;
}
const csvOf = (rows: readonly Row[]) =>
  ['symbol,interval,ts,open,high,low,close,volume', ...rows.map((r) => [r.symbol, r.interval, new Date(r.ts).toISOString(), ...r.values.map((v) => (v === Infinity ? '1e400' : String(v)))].join(','))].join('\n');

async function importRepository(name: string, bytes: Uint8Array) {
  const { report, chunks } = await inspectFile(() => Promise.resolve(SQL), { name, bytes }, DEFAULT_IMPORT_OPTIONS, new Map());
  const map = new Map<string, DayColumns>(chunks.map((c) => [dayKey(c.kind, c.symbol, c.interval, c.day), { ts: c.ts, values: c.values }]));
  return { report, chunks, repo: chunks.length > 0 ? MarketDataRepository.fromChunks(name, storedEntries(chunks), map, report.refusedByDay ?? []) : null };
}

interface Outcome {
  readonly bars: Record<string, number[][] | string>;
  readonly account: RowAccount;
}
async function outcome(repo: MarketDataRepository, symbols: readonly string[], interval: BarInterval, hours: Hours): Promise<Outcome> {
  const bars: Record<string, number[][] | string> = {};
  for (const symbol of symbols) {
    try {
      const c = repo.getBarsBySymbol(symbol, interval, DAYS[0], DAYS[DAYS.length - 1], hours);
      bars[symbol] = Array.from(c.tsStart, (t, i) => [t, c.tsEmit[i], ...c.fields.map((f) => f[i])]);
    } catch (error) {
      bars[symbol] = (error as Error).message.replace(/^\S+/, 'FILE');
    }
  }
  const keys = symbols.filter((s) => typeof bars[s] !== 'string').map((symbol) => ({ type: StreamType.BAR, symbol, interval }));
  return { bars, account: await new CombinedRepository([repo]).account(keys, DAYS[0], DAYS[DAYS.length - 1], hours) };
}

describe('db= and import read one file the same way (property)', () => {
  it('same bars, same counts, the reference bars, every row replayed or counted, and the SQLite round trip', async () => {
    await fc.assert(
      fc.asyncProperty(fileRows, fc.constantFrom<Hours>('regular', 'extended'), async (rows, hours) => {
        const good = kept(rows);
        const intervals = new Set(good.map((r) => r.interval));
        // The coarsest interval every kept day can be built at.
        const interval: BarInterval = intervals.has('1d') ? '1d' : intervals.has('5m') ? '15m' : '5m';
        const symbols = [...new Set(good.map((r) => r.symbol))].sort();
        const sqlite = sqliteOf(rows);
        let viaDb: MarketDataRepository | null = null;
        try {
          viaDb = MarketDataRepository.open(SQL, sqlite, 'file.sqlite');
        } catch (error) {
          expect(good, (error as Error).message).toEqual([]);
        }
        const viaCsv = await importRepository('file.csv', new TextEncoder().encode(csvOf(rows)));
        expect(viaCsv.report.rowsValid).toBe(good.length);
        if (good.length === 0 || !viaDb || !viaCsv.repo) {
          expect(viaDb).toBeNull();
          return;
        }
        const fromDb = await outcome(viaDb, symbols, interval, hours);
        const fromCsv = await outcome(viaCsv.repo, symbols, interval, hours);
        expect(fromCsv).toEqual(fromDb);
        for (const symbol of symbols) expect(fromDb.bars[symbol], symbol).toEqual(replay(good, symbol, interval, hours));
        // Every row of the replayed symbols is in range here: replayed, or counted under a reason.
        const inRange = rows.filter((r) => symbols.includes(r.symbol)).length;
        const notReplayed = Object.values(fromDb.account.notReplayed).reduce((a, b) => a + b, 0);
        expect(fromDb.account.rowsInRange).toBe(inRange);
        expect(fromDb.account.replayed + notReplayed).toBe(inRange);
        const inSession = good.filter((r) => symbols.includes(r.symbol) && (({ ts, day }) => { const s = session(day, hours); return s !== null && ts >= s.open && ts < s.close; })(r)).length;
        expect(fromDb.account.replayed).toBe(inSession);
        // The dataset exported to SQLite replays with db= and imports again to the same rows.
        const exported = exportInterchange(SQL, viaCsv.chunks);
        expect((await outcome(MarketDataRepository.open(SQL, exported, 'exported.sqlite'), symbols, interval, hours)).bars).toEqual(fromDb.bars);
        const again = await importRepository('exported.sqlite', exported);
        expect(again.report.problems).toEqual([]);
        expect(again.chunks.map((c) => [c.symbol, c.interval, c.day, [...c.ts], c.values.map((v) => [...v])])).toEqual(viaCsv.chunks.map((c) => [c.symbol, c.interval, c.day, [...c.ts], c.values.map((v) => [...v])]));
      }),
      { numRuns: 60, seed: 15 },
    );
  }, 120_000);
});
