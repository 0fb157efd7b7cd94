// The design note's two queries, isRunning() and isBacktestMode(), through whole runs on the
// in-process engine: isRunning() says what the state cell tells the coordinator, and
// isBacktestMode() follows the run's mode. Node; beside system-manager.test.ts.

import { afterEach, describe, expect, it } from 'vitest';
import { Slot } from '../core/control-block';
import { SystemState } from '../core/system-state';
import type { ReplayRequest } from '../core/url-params';
import { createInProcessCoordinator, createInProcessManager } from '../testing/in-process-engine';
import type { CoordinatorHandle } from './coordinator-client';
import type { SystemManager } from './system-manager';

const managers: SystemManager[] = [];
afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.shutdown()));
});

function create() {
  const coordinators: CoordinatorHandle[] = [];
  const manager = createInProcessManager({
    createCoordinator: async (options) => {
      const coordinator = await createInProcessCoordinator(options);
      coordinators.push(coordinator);
      return coordinator;
    },
  });
  managers.push(manager);
  return { manager, coordinators };
}

const backtest = (speed: ReplayRequest['overrides']['speed']): ReplayRequest => ({ configName: 'spy-aig-bac-ibm-2013-10-07', overrides: { speed }, autostart: false });
const live: ReplayRequest = { overrides: { symbols: 'SPY', mode: 'live' }, autostart: false };

/** Bounded polling: fails with `what` after `timeoutMs`. */
function until(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => (predicate() ? resolve() : Date.now() - started > timeoutMs ? reject(new Error(`timed out waiting for ${what}`)) : setTimeout(tick, 2));
    tick();
  });
}

describe('SystemManager.isRunning', () => {
  it('is false before any run, true only once the gate has opened, false once a pause is asked for', async () => {
    const { manager } = create();
    expect(manager.isRunning()).toBe(false);
    const duringSetup: boolean[] = [];
    manager.subscribe(() => manager.snapshot().starting && duringSetup.push(manager.isRunning()));
    expect(await manager.start(backtest(60))).toBe(true);
    expect(duringSetup.length).toBeGreaterThan(3);
    expect(duringSetup.every((running) => !running)).toBe(true);
    expect(manager.isRunning()).toBe(true);
    const paused = manager.pause();
    expect(manager.isRunning()).toBe(false); // the cell reads PAUSED already; the worker has yet to hold
    expect(await paused).toBe(true);
    expect(manager.isRunning()).toBe(false);
    expect(manager.resume()).toBe(true);
    expect(manager.isRunning()).toBe(true);
    await manager.stop();
    expect(manager.isRunning()).toBe(false);
  });

  it('answers as the state cell the coordinator reads, at every change of a run to its end', async () => {
    const { manager, coordinators } = create();
    const mismatches: string[] = [];
    let checked = 0;
    manager.subscribe(() => {
      const coordinator = coordinators.at(-1);
      if (!coordinator) return;
      const cell = coordinator.gate.control.load(Slot.STATE) as SystemState;
      checked++;
      if (manager.isRunning() !== (cell === SystemState.RUNNING)) mismatches.push(`isRunning ${manager.isRunning()} with the cell ${SystemState[cell]}`);
    });
    expect(await manager.start(backtest(600))).toBe(true);
    await until(() => manager.snapshot().emitted >= 4, 'four items');
    expect(await manager.pause()).toBe(true);
    expect(manager.resume()).toBe(true);
    manager.setSpeed('max');
    await until(() => manager.snapshot().runComplete, 'the run to complete');
    expect(manager.isRunning()).toBe(false);
    expect(checked).toBeGreaterThan(10);
    expect(mismatches).toEqual([]);
  });
});

describe('SystemManager.isBacktestMode', () => {
  it('is true before any run and for a replay, false for a live run, true again for the next replay', async () => {
    const { manager } = create();
    expect(manager.isBacktestMode()).toBe(true);
    expect(await manager.start(backtest('max'))).toBe(true);
    expect(manager.isBacktestMode()).toBe(true);
    await until(() => manager.snapshot().runComplete, 'the replay to complete');
    expect(await manager.start(live)).toBe(true);
    expect(manager.isBacktestMode()).toBe(false);
    expect(manager.snapshot().steps.map((s) => s.label)).toContain('state RUNNING (live mode: no gate, no pacing)');
    await manager.stop();
    expect(manager.isBacktestMode()).toBe(false); // the last run was live
    expect(await manager.start(backtest('max'))).toBe(true);
    expect(manager.isBacktestMode()).toBe(true);
    expect(manager.snapshot().steps.map((s) => s.label)).toContain('state RUNNING: the gate opens');
  });
});
