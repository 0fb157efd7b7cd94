// Bar steps and steps back on the real engine (in one thread, fallback gate): a step back cuts
// SessionData, the checker and the clock back to exactly what they were before the last time
// step, across a session boundary and with aggregated intervals, and a run with steps back and
// forward exports the same file as a straight run. Expected contents are computed here from the
// straight run's export (a prefix by emit time), never from the step-back code.
import { afterAll, describe, expect, it } from 'vitest';
import { SystemState } from '../core/system-state';
import type { ReplayRequest } from '../core/url-params';
import { createInProcessManager } from '../testing/in-process-engine';
import { until as waitUntil } from '../testing/until';
import type { Rewound } from './event-intake';

const manager = createInProcessManager();
afterAll(() => manager.shutdown());

const until = (what: string, predicate: () => boolean, timeoutMs?: number) => waitUntil(what, predicate, timeoutMs, () => manager.snapshot().error);

/** Two days (a session boundary between them) in every aggregated interval. */
const TWO_DAYS = (speed: number | 'max'): ReplayRequest => ({
  overrides: { symbols: 'SPY,IBM', from: '2013-10-04', to: '2013-10-07', interval: '1m,5m,15m,1h,1d', speed },
  autostart: false,
});

const ny = (day: string, time: string) => Date.parse(`${day}T${time}:00-04:00`);

/** The export's rows (header dropped) and each row's ts_emit. */
const rows = (csv: string) => csv.trimEnd().split('\n').slice(1);
const emitOf = (row: string) => Number(row.split(',')[5]);
/** The straight run's rows emitted at or before `t`: what SessionData holds at backtest time t. */
const prefixAt = (straight: string[], t: number) => straight.filter((row) => emitOf(row) <= t);

async function straightRun(): Promise<string> {
  expect(await manager.start(TWO_DAYS('max'))).toBe(true);
  await until('the straight run to complete', () => manager.snapshot().runComplete);
  return manager.exportCsv();
}

/** Starts slowly, pauses, and jumps ("go to") to `target`, paused there. */
async function pausedAt(target: number): Promise<void> {
  expect(await manager.start(TWO_DAYS(1))).toBe(true);
  expect(await manager.pause()).toBe(true);
  expect(manager.seek(target)).toBe(true);
  await until('paused at the target', () => manager.snapshot().state === SystemState.PAUSED && !manager.snapshot().seeking);
}

async function stepBack(): Promise<Rewound> {
  const heard = new Promise<Rewound>((resolve) => {
    const off = manager.onRewound((r) => {
      off();
      resolve(r);
    });
  });
  expect(manager.stepBack()).toBeNull();
  return heard;
}

async function stepBar(): Promise<void> {
  const before = manager.snapshot().emitted;
  expect(manager.stepBar()).toBeNull();
  await until('the bar step to arrive', () => manager.snapshot().emitted > before);
}

describe('step back', () => {
  let straight: string[] = [];
  let straightCsv = '';

  it('a straight run first (the reference)', async () => {
    straightCsv = await straightRun();
    straight = rows(straightCsv);
    expect(straight.length).toBeGreaterThan(2 * 390 * 2);
  }, 30_000);

  it('across the session boundary and the 5m/15m/1h/1d bars ending at the close', async () => {
    // Paused just after the first item of Monday (09:31): Friday's close is one step back.
    const friday = ny('2013-10-04', '16:00');
    const monday = ny('2013-10-07', '09:31');
    await pausedAt(monday);
    const exportNow = () => rows(manager.exportCsv());
    expect(exportNow()).toEqual(prefixAt(straight, monday));

    const first = await stepBack();
    expect(first.backtestTime).toBe(friday);
    expect(manager.snapshot().backtestTime).toBe(friday);
    expect(exportNow()).toEqual(prefixAt(straight, friday));
    expect(manager.snapshot().emitted).toBe(prefixAt(straight, friday).length);
    // Friday's 16:00 step holds the 15:59 1m, 15:55 5m, 15:45 15m, 15:30 1h and the day's 1d bar of each symbol.
    const closing = straight.filter((row) => emitOf(row) === friday).map((row) => row.split(',').slice(2, 4).join(' '));
    expect(closing.sort()).toEqual(['IBM 15m', 'IBM 1d', 'IBM 1h', 'IBM 1m', 'IBM 5m', 'SPY 15m', 'SPY 1d', 'SPY 1h', 'SPY 1m', 'SPY 5m']);
    const removed = [...first.removed].reduce((a, b) => a + b, 0);
    expect(removed).toBe(straight.filter((row) => emitOf(row) === monday).length);

    // Again: now the 16:00 step (with the 1d and 1h bars) goes.
    const second = await stepBack();
    expect(second.backtestTime).toBe(ny('2013-10-04', '15:59'));
    expect(exportNow()).toEqual(prefixAt(straight, ny('2013-10-04', '15:59')));
    const streams = manager.snapshot().streams;
    const count = (symbol: string, interval: string) => streams.find((s) => s.symbol === symbol && s.interval === interval)?.emitted;
    expect(count('SPY', '1d')).toBe(0);
    expect(count('SPY', '1h')).toBe(6); // 09:30 … 14:30; 15:30 ends at the close, which was undone

    // The checker saw nothing wrong, and counts only what SessionData holds.
    expect(manager.sessionData.checker.total).toBe(0);
    expect(manager.sessionData.checker.checked).toBe(manager.snapshot().emitted);

    // Forward by bars across the boundary again, then back at a 5m boundary.
    await stepBar();
    await stepBar();
    expect(exportNow()).toEqual(prefixAt(straight, monday));
    await stepBar(); // 09:32
    await stepBar(); // 09:33
    await stepBar(); // 09:34
    await stepBar(); // 09:35: the 09:30 5m bars too
    expect(exportNow()).toEqual(prefixAt(straight, ny('2013-10-07', '09:35')));
    await stepBack();
    expect(exportNow()).toEqual(prefixAt(straight, ny('2013-10-07', '09:34')));

    // Resume: the rest of the run, as if no step had been taken back.
    manager.setSpeed('max');
    expect(manager.resume()).toBe(true);
    await until('the run to complete', () => manager.snapshot().runComplete);
    expect(manager.snapshot().error).toBeNull();
    expect(manager.exportCsv()).toBe(straightCsv);
    expect(manager.sessionData.checker.total).toBe(0);
  }, 60_000);

  it('at the start, nothing to step back over; while running, not allowed; nothing changes', async () => {
    expect(await manager.start(TWO_DAYS(1))).toBe(true);
    expect(manager.stepBack()).toMatch(/paused/);
    expect(await manager.pause()).toBe(true);
    const before = manager.snapshot();
    if (before.emitted === 0) expect(manager.stepBack()).toMatch(/at its start/);
    else {
      // The first item came before the pause: one step back returns to the start, one more is refused.
      await stepBack();
      expect(manager.snapshot().emitted).toBe(0);
      expect(manager.snapshot().backtestTime).toBe(ny('2013-10-04', '09:30'));
      expect(manager.stepBack()).toMatch(/at its start/);
    }
    expect(manager.snapshot().emitted).toBe(0);
    await manager.stop();
    expect(manager.stepBack()).toMatch(/paused/);
    expect(manager.stepBar()).toMatch(/paused/);
  }, 30_000);
});

describe('step bar', () => {
  it('emits exactly the items of the next emit time, across symbols and intervals', async () => {
    const straight = rows(await straightRun());
    await pausedAt(ny('2013-10-04', '09:34'));
    for (const [time, expected] of [
      ['09:35', ['IBM 1m', 'IBM 5m', 'SPY 1m', 'SPY 5m']],
      ['09:36', ['IBM 1m', 'SPY 1m']],
    ] as const) {
      const before = manager.snapshot().emitted;
      await stepBar();
      const added = rows(manager.exportCsv()).slice(before);
      expect(added.map(emitOf).every((t) => t === ny('2013-10-04', time))).toBe(true);
      expect(added.map((row) => row.split(',').slice(2, 4).join(' ')).sort()).toEqual(expected);
      expect(rows(manager.exportCsv())).toEqual(prefixAt(straight, ny('2013-10-04', time)));
      expect(manager.snapshot().backtestTime).toBe(ny('2013-10-04', time));
    }
    await manager.stop();
  }, 60_000);
});
