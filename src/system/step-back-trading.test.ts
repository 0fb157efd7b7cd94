// A step back with an open position, on the real engine (in one thread, fallback gate): the paper
// desk follows SessionData and the clock back — the fill the step made is undone, the order waits
// again — and after resuming, the trades export is the same as a run where nobody stepped back.
// Expected fills are computed here from the straight run's export (the first SPY 1m bar starting at
// or after the order's time), never from the desk's fill code.
import { afterAll, describe, expect, it } from 'vitest';
import { SystemState } from '../core/system-state';
import type { ReplayRequest } from '../core/url-params';
import { createInProcessManager } from '../testing/in-process-engine';
import { until } from '../testing/until';
import { PaperDesk } from './paper-desk';

const manager = createInProcessManager();
afterAll(() => manager.shutdown());


const DAY = (speed: number | 'max'): ReplayRequest => ({ overrides: { symbols: 'SPY', from: '2013-10-07', to: '2013-10-07', interval: '1m', speed }, autostart: false });
const ny = (time: string) => Date.parse(`2013-10-07T${time}:00-04:00`);

async function pausedAt(target: number): Promise<void> {
  expect(await manager.start(DAY(1))).toBe(true);
  expect(await manager.pause()).toBe(true);
  expect(manager.seek(target)).toBe(true);
  await until('paused at the target', () => manager.snapshot().state === SystemState.PAUSED && !manager.snapshot().seeking);
}

async function step(kind: 'stepBar' | 'stepBack'): Promise<void> {
  const before = manager.snapshot().backtestTime;
  expect(manager[kind]()).toBeNull();
  await until(`the ${kind} to arrive`, () => manager.snapshot().backtestTime !== before);
}

describe('a step back with an open position', () => {
  it('undoes the fill the step made, and resuming trades as a straight run', async () => {
    // The straight run's SPY bars, for the expected fill: the open of the bar starting at 10:00.
    expect(await manager.start(DAY('max'))).toBe(true);
    await until('the straight run', () => manager.snapshot().runComplete);
    const bars = manager.exportCsv().trimEnd().split('\n').slice(1).map((row) => row.split(','));
    const tenOpen = Number(bars.find((b) => Number(b[4]) === ny('10:00'))?.[6]);
    expect(tenOpen).toBeGreaterThan(0);

    // Straight: buy at 10:00 (fills at the 10:00 bar's open), run to the end.
    await pausedAt(ny('10:00'));
    const straightDesk = new PaperDesk(manager);
    expect(straightDesk.place({ symbol: 'SPY', side: 'buy', qty: 100, type: 'market' })).toBeNull();
    manager.setSpeed('max');
    expect(manager.resume()).toBe(true);
    await until('the run to complete', () => manager.snapshot().runComplete);
    const straight = straightDesk.exportCsv();
    expect(straight.trimEnd().split('\n')).toHaveLength(2);
    expect(Number(straight.trimEnd().split('\n')[1]?.split(',')[8])).toBe(tenOpen);

    // With steps: the same order, a bar step fills it, a step back undoes the fill, forward again.
    await pausedAt(ny('10:00'));
    const desk = new PaperDesk(manager);
    expect(desk.place({ symbol: 'SPY', side: 'buy', qty: 100, type: 'market' })).toBeNull();
    await step('stepBar'); // 10:01: the 10:00 bar is emitted, the order fills at its open
    desk.sync();
    expect(desk.view().accounts.find((a) => a.symbol === 'SPY')?.position).toBe(100);
    await step('stepBack'); // back to 10:00: the bar is gone, so is the fill; the order waits again
    desk.sync();
    expect(desk.view().accounts.find((a) => a.symbol === 'SPY')?.position ?? 0).toBe(0);
    expect(desk.view().orders).toHaveLength(1);
    await step('stepBar');
    desk.sync();
    expect(desk.view().accounts.find((a) => a.symbol === 'SPY')?.position).toBe(100);
    manager.setSpeed('max');
    expect(manager.resume()).toBe(true);
    await until('the run to complete', () => manager.snapshot().runComplete);
    expect(desk.exportCsv()).toBe(straight);
  }, 60_000);
});
