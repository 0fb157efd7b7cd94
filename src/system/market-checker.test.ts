// The invariant checker on every built-in market, on the real engine (in one thread, on the
// fallback gate): a correct replay of Tokyo (a bar ending at the lunch break), 24/7 crypto across
// UTC midnight, FX across its Friday close and Berlin beside New York in the weeks only one side
// is on summer time gives no violation; the teaching flaws on those streams are caught under the
// same names as on the bundled US data. Node (Vitest); data from src/testing/market-files.ts.

import { afterAll, describe, expect, it } from 'vitest';
import type { ReplayConfigInput } from '../core/replay-config';
import { createInProcessData, createInProcessManager, TEST_BASE_URL } from '../testing/in-process-engine';
import { BERLIN, CRYPTO, FX, marketsFile, minuteStarts, NEW_YORK, TOKYO } from '../testing/market-files';
import { until } from '../testing/until';
import { EXPERIMENTS, runExperiment, type TeachingExperiment } from './experiments';

const FILE = 'mem/markets.sqlite';
const files = new Map([[FILE, await marketsFile()]]);
const manager = createInProcessManager({ createData: () => createInProcessData(files) });
afterAll(() => manager.shutdown());

const on = (overrides: ReplayConfigInput) => ({ dbUrl: TEST_BASE_URL + FILE, overrides: { speed: 'max' as const, ...overrides }, autostart: false });

/** A completed run's export as (symbol interval, start ISO, emit ISO), coarser bars only. */
function coarserBars(): string[] {
  return manager
    .exportCsv()
    .split('\n')
    .slice(1)
    .filter((line) => line !== '' && line.split(',')[3] !== '1m')
    .map((line) => {
      const [, , symbol, interval, start, emit] = line.split(',');
      return `${symbol} ${interval} ${new Date(Number(start)).toISOString().slice(5, 16)} → ${new Date(Number(emit)).toISOString().slice(5, 16)}`;
    });
}

async function replay(overrides: ReplayConfigInput) {
  expect(await manager.start(on(overrides))).toBe(true);
  await until('the run to complete or fail', () => manager.snapshot().runComplete || manager.snapshot().error !== null);
  const snap = manager.snapshot();
  expect(snap.error).toBeNull();
  return snap;
}

describe('a correct replay on every market: no violation', () => {
  it('Tokyo: the 11:00 half hour and the 11:00 hour end at the 11:30 lunch break; the afternoon has its own grid', async () => {
    const snap = await replay({ symbols: TOKYO.symbol, from: '2024-03-11', interval: '1m,30m,1h' });
    expect(snap.invariants.total).toBe(0);
    expect(snap.emitted).toBe(300 + 10 + 6);
    const bars = coarserBars();
    // Times in UTC: Tokyo is UTC+9, so 11:00–11:30 Tokyo is 02:00–02:30, and 12:30 is 03:30.
    expect(bars).toContain('TOYOTA 30m 03-11T02:00 → 03-11T02:30');
    expect(bars).toContain('TOYOTA 1h 03-11T02:00 → 03-11T02:30');
    expect(bars.filter((b) => b.startsWith('TOYOTA 1h'))).toEqual([
      'TOYOTA 1h 03-11T00:00 → 03-11T01:00',
      'TOYOTA 1h 03-11T01:00 → 03-11T02:00',
      'TOYOTA 1h 03-11T02:00 → 03-11T02:30',
      'TOYOTA 1h 03-11T03:30 → 03-11T04:30',
      'TOYOTA 1h 03-11T04:30 → 03-11T05:30',
      'TOYOTA 1h 03-11T05:30 → 03-11T06:00',
    ]);
  });

  it('24/7: a stream across UTC midnight, with its daily bars ending at 24:00 UTC', async () => {
    const snap = await replay({ symbols: CRYPTO.symbol, from: '2024-03-09', to: '2024-03-10', interval: '1m,1h,1d' });
    expect(snap.invariants.total).toBe(0);
    expect(snap.emitted).toBe(minuteStarts(CRYPTO.spans).length + 4 + 2);
    expect(coarserBars()).toContain('BTCUSD 1h 03-09T23:00 → 03-10T00:00');
    expect(coarserBars()).toContain('BTCUSD 1d 03-09T00:00 → 03-10T00:00');
  });

  it("FX: Friday's last hour ends at the 17:00 New York close (EST) and the week reopens Sunday 17:00 (EDT)", async () => {
    const snap = await replay({ symbols: FX.symbol, from: '2024-03-08', to: '2024-03-11', interval: '1m,1h,1d' });
    expect(snap.invariants.total).toBe(0);
    expect(coarserBars()).toEqual([
      'EURUSD 1h 03-08T20:00 → 03-08T21:00',
      'EURUSD 1h 03-08T21:00 → 03-08T22:00',
      'EURUSD 1d 03-07T22:00 → 03-08T22:00',
      'EURUSD 1h 03-10T21:00 → 03-10T22:00',
      'EURUSD 1h 03-10T22:00 → 03-10T23:00',
      'EURUSD 1d 03-10T21:00 → 03-11T21:00',
    ]);
  });

  it('Berlin beside New York in both weeks when only New York is on summer time', async () => {
    const snap = await replay({ symbols: `${BERLIN.symbol},${NEW_YORK.symbol}`, from: '2024-03-11', to: '2024-10-28', interval: '1m,1h' });
    expect(snap.invariants.total).toBe(0);
    expect(snap.emitted).toBe(minuteStarts(BERLIN.spans).length + minuteStarts(NEW_YORK.spans).length + 2 * (9 + 7));
    const bars = coarserBars();
    // XETRA closes at 17:30 CET = 16:30 UTC, an hour after the 15:30 UTC it would be in summer time.
    expect(bars).toContain('SAP 1h 03-11T16:00 → 03-11T16:30');
    expect(bars).toContain('SAP 1h 10-28T16:00 → 10-28T16:30');
    expect(bars).toContain('SPY 1h 10-28T19:30 → 10-28T20:00');
  });

  it('extended hours on the same days: New York 04:00–20:00 beside Berlin (which has none), still clean', async () => {
    const snap = await replay({ symbols: `${BERLIN.symbol},${NEW_YORK.symbol}`, from: '2024-03-11', to: '2024-10-28', interval: '1m,15m', hours: 'extended' });
    expect(snap.invariants.total).toBe(0);
    expect(snap.emitted).toBe(minuteStarts(BERLIN.spans).length + minuteStarts(NEW_YORK.spans).length + 2 * (34 + 26));
  });
});

/** A bundled experiment's flaws and scenario on this file's streams. */
function onMarkets(id: string, overrides: ReplayConfigInput, scenario?: TeachingExperiment['scenario']): TeachingExperiment {
  const experiment = EXPERIMENTS.find((e) => e.id === id);
  if (!experiment) throw new Error(`no experiment ${id}`);
  return { ...experiment, request: on(overrides), scenario: scenario ?? experiment.scenario };
}

const kinds = (counts: Readonly<Record<string, number>>) =>
  Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([kind]) => kind)
    .sort();

describe('the teaching flaws on non-US streams: caught under the names they have on US data', () => {
  const cases: { experiment: TeachingExperiment; first: RegExp }[] = [
    {
      experiment: onMarkets('one-minute-bar-end', { symbols: TOKYO.symbol, from: '2024-03-11', interval: '1m,30m' }),
      first: /^TOYOTA 30m from 03-11 09:00 ends at 03-11 09:30 but was emitted at 03-11 09:01 \(Tokyo time\)$/,
    },
    {
      experiment: onMarkets('one-minute-bar-end', { symbols: CRYPTO.symbol, from: '2024-03-09', to: '2024-03-10', interval: '1m,1h' }),
      first: /^BTCUSD 1h from 03-09 22:00 ends at 03-09 23:00 but was emitted at 03-09 22:01 \(UTC time\)$/,
    },
    { experiment: onMarkets('look-ahead', { symbols: TOKYO.symbol, from: '2024-03-11' }), first: /^TOYOTA 1m ending 03-11 09:01 was in SessionData at 03-11 09:00 \(Tokyo time\)$/ },
    // The gate flaws on Berlin and Tokyo alone: Tokyo's day (00:00–06:00 UTC) is over before Berlin's (08:00–16:30 UTC) opens.
    {
      experiment: onMarkets('no-gate', { symbols: `${BERLIN.symbol},${TOKYO.symbol}`, from: '2024-03-11' }, { lateSymbol: { symbol: TOKYO.symbol } }),
      first: /the coordinator refused its item: bar:TOYOTA:1m/,
    },
    {
      experiment: onMarkets('late-gate-check', { symbols: `${BERLIN.symbol},${TOKYO.symbol}`, from: '2024-03-11' }, { lateSymbol: { symbol: TOKYO.symbol } }),
      first: /the coordinator refused its item: bar:TOYOTA:1m/,
    },
    {
      experiment: onMarkets('empty-as-done', { symbols: `${BERLIN.symbol},${NEW_YORK.symbol}`, from: '2024-03-11', to: '2024-10-28' }, { lagging: { symbol: BERLIN.symbol, fraction: 0.5 } }),
      first: /the coordinator refused its item: bar:SAP:1m/,
    },
  ];
  for (const { experiment, first } of cases) {
    const symbols = String(experiment.request.overrides.symbols);
    it(`${experiment.id} on ${symbols}: ${experiment.expected.join(', ')}; the fixed run is clean; twice the same`, async () => {
      const flawed = await runExperiment(manager, experiment, 'flawed');
      expect(flawed.error).toBeNull();
      expect(kinds(flawed.counts)).toEqual([...experiment.expected].sort());
      expect(flawed.violations[0]?.message).toMatch(first);
      const again = await runExperiment(manager, experiment, 'flawed');
      expect(again.violations).toEqual(flawed.violations);
      expect(again.counts).toEqual(flawed.counts);
      const fixed = await runExperiment(manager, experiment, 'fixed');
      expect(fixed.error).toBeNull();
      expect(fixed.total).toBe(0);
    }, 30_000);
  }
});
