import { afterEach, describe, expect, it } from 'vitest';
import { Slot, WorkerPhase } from '../core/control-block';
import { SystemState } from '../core/system-state';
import type { ReplayRequest } from '../core/url-params';
import { createInProcessCoordinator, createInProcessData, createInProcessManager, TEST_BASE_URL } from '../testing/in-process-engine';
import type { CoordinatorEvent } from '../worker/coordinator-api';
import type { CoordinatorHandle } from './coordinator-client';
import { LIVE_STEP_MS } from './live-feed';
import type { SystemManager } from './system-manager';

const managers: SystemManager[] = [];
afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.shutdown()));
});

function create(options: { slowData?: boolean; slowCoordinator?: boolean } = {}) {
  const coordinators: CoordinatorHandle[] = [];
  /** Every event the coordinators sent, in order (the manager gets each one too). */
  const events: CoordinatorEvent[] = [];
  const manager = createInProcessManager({
    createCoordinator: async (o) => {
      if (options.slowCoordinator) await new Promise((r) => setTimeout(r, 50));
      const c = await createInProcessCoordinator({ ...o, onEvent: (event) => (events.push(event), o.onEvent(event)) });
      coordinators.push(c);
      return c;
    },
    createData: () => {
      const data = createInProcessData();
      if (!options.slowData) return data;
      return { ...data, getItems: async (...args) => { await new Promise((r) => setTimeout(r, 30)); return data.getItems(...args); } };
    },
  });
  managers.push(manager);
  return { manager, coordinators, events };
}

/**
 * Proof that the coordinator has looked again, without sleeping: stores the state it already has
 * `turns` times and waits for each acknowledgement ('state-seen'). The worker posts every batch
 * before an acknowledgement, and goes on to a full turn of its loop after it; so once the last one
 * is in, whatever it emitted in the turns between is in the manager's count.
 */
async function coordinatorTurns(coordinator: CoordinatorHandle, events: readonly CoordinatorEvent[], turns = 2): Promise<void> {
  for (let i = 0; i < turns; i++) {
    const seq = coordinator.gate.setState(coordinator.gate.control.load(Slot.STATE));
    await until(() => events.some((e) => e.kind === 'state-seen' && e.stateSeq >= seq));
  }
}

const request = (overrides: ReplayRequest['overrides'] = {}): ReplayRequest => ({ configName: 'spy-aig-bac-ibm-2013-10-07', overrides, autostart: false });

/** Polls `predicate`; fails before the test's own 5 s timeout, naming the condition it waited for. */
function until(predicate: () => boolean, timeoutMs = 4_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => (predicate() ? resolve() : Date.now() - started > timeoutMs ? reject(new Error(`timed out after ${timeoutMs} ms waiting for ${predicate}`)) : setTimeout(tick, 2));
    tick();
  });
}

describe('SystemManager', () => {
  it('prepare() creates the coordinator ahead of start(), and start() uses that one: never two', async () => {
    const { manager, coordinators } = create({ slowCoordinator: true });
    manager.prepare();
    expect(await manager.start(request({ speed: 'max' }))).toBe(true);
    await until(() => manager.snapshot().runComplete);
    expect(coordinators).toHaveLength(1);
  });

  it('bumps its version on every change except items arriving (the UI draws those at its own pace)', async () => {
    const { manager } = create();
    const seen: { version: number; emitted: number; state: SystemState }[] = [];
    manager.subscribe(() => seen.push({ version: manager.version, emitted: manager.snapshot().emitted, state: manager.snapshot().state }));
    expect(await manager.start(request({ speed: 'max' }))).toBe(true);
    await until(() => manager.snapshot().runComplete);
    // Batches: items arrive, the version stays. State changes: the version moves.
    const pairs = seen.slice(1).map((s, i) => [seen[i], s] as const);
    const batches = pairs.filter(([a, b]) => b.emitted > a.emitted && b.state === a.state && b.state === SystemState.RUNNING);
    expect(batches.length).toBeGreaterThan(0);
    expect(batches.every(([a, b]) => a.version === b.version)).toBe(true);
    const stateChanges = pairs.filter(([a, b]) => a.state !== b.state);
    expect(stateChanges.length).toBeGreaterThanOrEqual(2); // RUNNING, then STOPPED at completion
    expect(stateChanges.every(([a, b]) => b.version > a.version)).toBe(true);
    expect(new Set(seen.map((s) => s.version)).size).toBeGreaterThan(3); // setup steps, RUNNING, completion
    expect(seen.at(-1)!.version).toBeGreaterThan(seen[0].version);
  });

  it('sets every stream up while STOPPED, then opens the gate and runs to completion', async () => {
    const { manager, coordinators } = create();
    const cellDuringSetup: number[] = [];
    const stateDuringSetup: SystemState[] = [];
    // Collected here, asserted after: an expect() thrown inside a listener would land in the manager, not here.
    manager.subscribe(() => {
      const snap = manager.snapshot();
      if (snap.starting && coordinators[0]) cellDuringSetup.push(coordinators[0].gate.control.load(Slot.STATE));
      if (snap.starting) stateDuringSetup.push(snap.state);
    });
    expect(await manager.start(request({ speed: 'max' }))).toBe(true);
    expect(stateDuringSetup.length).toBeGreaterThanOrEqual(4);
    expect(stateDuringSetup.every((s) => s === SystemState.STOPPED)).toBe(true);
    expect(cellDuringSetup.length).toBeGreaterThanOrEqual(4); // at least once per stream set up
    expect(cellDuringSetup.every((s) => s === SystemState.STOPPED)).toBe(true);
    await until(() => manager.snapshot().runComplete);
    const snap = manager.snapshot();
    expect(snap.state).toBe(SystemState.STOPPED);
    expect(snap.emitted).toBe(4 * 390 - 1); // AIG has no 13:47 bar that day
    expect(snap.error).toBeNull();
    const labels = snap.steps.map((s) => s.label);
    expect(labels.indexOf('load config')).toBeLessThan(labels.indexOf('stop existing streams'));
    expect(labels.findIndex((l) => l.startsWith('feed 390 SPY'))).toBeLessThan(labels.indexOf('state RUNNING: the gate opens'));
    expect(labels.indexOf('state RUNNING: the gate opens')).toBeLessThan(labels.indexOf('coordinator wakes: sees RUNNING'));
    expect(labels.indexOf('coordinator wakes: sees RUNNING')).toBeLessThan(labels.indexOf('first item emitted'));
    expect(snap.gateOpenLatencyMs).toBeGreaterThanOrEqual(0);
  });

  it('refuses start while a setup is under way, and from RUNNING and PAUSED', async () => {
    const { manager } = create();
    const first = manager.start(request({ speed: 1 }));
    expect(await manager.start(request())).toBe(false);
    expect(await first).toBe(true);
    expect(manager.snapshot().state).toBe(SystemState.RUNNING);
    expect(await manager.start(request())).toBe(false);
    expect(await manager.pause()).toBe(true);
    expect(manager.snapshot().state).toBe(SystemState.PAUSED);
    expect(await manager.start(request())).toBe(false);
  });

  it('refuses illegal moves without changing anything', async () => {
    const { manager } = create();
    expect(await manager.pause()).toBe(false);
    expect(manager.resume()).toBe(false);
    expect(manager.step()).toBe(false);
    await manager.stop();
    expect(manager.snapshot().state).toBe(SystemState.STOPPED);
    await manager.start(request({ speed: 1 }));
    expect(manager.resume()).toBe(false);
    expect(manager.step()).toBe(false);
    expect(manager.snapshot().state).toBe(SystemState.RUNNING);
  });

  it('stop() during setup cancels it cleanly, and the next start works', async () => {
    const { manager } = create({ slowData: true });
    const setup = manager.start(request({ speed: 'max' }));
    await until(() => manager.snapshot().steps.some((s) => s.label.startsWith('fetch')));
    await manager.stop();
    expect(await setup).toBe(false);
    const snap = manager.snapshot();
    expect(snap.state).toBe(SystemState.STOPPED);
    expect(snap.starting).toBe(false);
    expect(snap.error).toBeNull();
    expect(snap.emitted).toBe(0);
    expect(await manager.start(request({ speed: 'max' }))).toBe(true);
    await until(() => manager.snapshot().runComplete);
    expect(manager.snapshot().emitted).toBe(1559);
  });

  it('pause holds exactly, step lets one item through, resume and stop work', async () => {
    const { manager, coordinators, events } = create();
    await manager.start(request({ speed: 600 }));
    await until(() => manager.snapshot().emitted >= 8);
    expect(await manager.pause()).toBe(true);
    const held = manager.snapshot().emitted;
    // The coordinator's own report: it holds the next item, having emitted exactly `held`.
    const worker = coordinators[0].gate.control;
    await until(() => worker.load(Slot.WORKER_PHASE) === WorkerPhase.PAUSED && worker.load(Slot.EMITTED) === held);
    await coordinatorTurns(coordinators[0], events); // two more looks at the gate while PAUSED: still held
    expect(manager.snapshot().emitted).toBe(held);
    expect(worker.load(Slot.EMITTED)).toBe(held);
    expect(manager.step()).toBe(true);
    await until(() => manager.snapshot().emitted === held + 1);
    await coordinatorTurns(coordinators[0], events); // and after the step, exactly one more
    expect(manager.snapshot().emitted).toBe(held + 1);
    expect(worker.load(Slot.EMITTED)).toBe(held + 1);
    expect(worker.load(Slot.WORKER_PHASE)).toBe(WorkerPhase.PAUSED);
    expect(manager.resume()).toBe(true);
    await until(() => manager.snapshot().emitted > held + 4);
    await manager.stop();
    expect(manager.snapshot().state).toBe(SystemState.STOPPED);
    expect(manager.snapshot().runComplete).toBe(false);
  });

  it('reports a bad config and a missing file as readable errors, staying STOPPED', async () => {
    const { manager } = create();
    expect(await manager.start(request({ symbols: 'SPY,ZZZZ' }))).toBe(false);
    expect(manager.snapshot().error).toBe('symbols: unknown symbol ZZZZ: the data has AAPL, AIG, BAC, IBM, SPY, TWX');
    expect(await manager.start({ configName: 'no-such-config', overrides: {}, autostart: false })).toBe(false);
    expect(manager.snapshot().error).toMatch(/there is no bundled config "no-such-config"/);
    expect(await manager.start({ ...request(), dbUrl: `${TEST_BASE_URL}data/missing.sqlite` })).toBe(false);
    expect(manager.snapshot().error).toMatch(/could not load db file \/data\/missing.sqlite/);
    expect(manager.snapshot().state).toBe(SystemState.STOPPED);
    expect(await manager.start(request({ speed: 'max' }))).toBe(true);
    expect(manager.snapshot().error).toBeNull();
  });

  it('live mode: a simulated feed on the wall clock through the same coordinator, until stopped', async () => {
    const { manager, coordinators, events } = create();
    expect(await manager.start({ overrides: { symbols: 'SPY,IBM', mode: 'live' }, autostart: false })).toBe(true);
    expect(manager.snapshot().state).toBe(SystemState.RUNNING);
    await until(() => manager.snapshot().emitted >= 6);
    const snap = manager.snapshot();
    expect(Math.abs(snap.backtestTime! - Date.now())).toBeLessThan(5_000); // the wall clock
    expect(snap.streams.map((s) => `${s.type} ${s.symbol}`)).toEqual(['tick IBM', 'tick SPY']);
    // Each walks from its last recorded close (2013-10-11): IBM near $186, SPY near $170.
    expect(snap.streams[0].last!.values[0]).toBeGreaterThan(170);
    expect(snap.streams[0].last!.values[0]).toBeLessThan(200);
    expect(snap.streams[1].last!.values[0]).toBeGreaterThan(155);
    expect(snap.streams[1].last!.values[0]).toBeLessThan(185);
    expect(snap.invariants.total).toBe(0);
    await manager.stop();
    expect(manager.snapshot().state).toBe(SystemState.STOPPED);
    const held = manager.snapshot().emitted;
    // Two of the feed's steps: timers of one period fire in the order they were set, so a feed
    // still ticking would have ticked before this one has, twice; then the coordinator's turns
    // bring in anything such a tick would have sent.
    await new Promise<void>((resolve) => {
      let ticks = 0;
      const timer = setInterval(() => ++ticks === 2 && (clearInterval(timer), resolve()), LIVE_STEP_MS);
    });
    await coordinatorTurns(coordinators[0], events);
    expect(manager.snapshot().emitted).toBe(held); // the feed stopped with the run
    expect(manager.snapshot().runComplete).toBe(false);
  });

  it('replays several days, skipping the weekend', async () => {
    const { manager } = create();
    await manager.start({ configName: 'week-2013-10', overrides: { symbols: 'IBM', speed: 'max' }, autostart: false });
    await until(() => manager.snapshot().runComplete);
    expect(manager.snapshot().emitted).toBe(2338);
  });
});
