// The control fuzz: seeded random sequences of start, pause, resume, step, stop, speed changes
// and bad configs against a SystemManager, with the invariants checked after every operation.
// One driver for both homes: the Node unit test (the engine in one thread, fallback gate) and
// the browser harness (tests/harness/fuzz.ts: real workers, the Atomics gate).

import { seededRandom } from '../core/stats';
import { SystemState } from '../core/system-state';
import type { ReplayRequest } from '../core/url-params';
import type { SystemManager } from '../system/system-manager';

const GOOD: ReplayRequest[] = [
  { overrides: { symbols: 'SPY,IBM', from: '2013-10-07', speed: 'max' }, autostart: false },
  { overrides: { symbols: 'AIG', from: '2013-10-04', to: '2013-10-07', speed: 3000 }, autostart: false },
  { overrides: { symbols: 'SPY', from: '2013-10-07', interval: '1m,5m', quote_ticks: 'IBM', speed: 20_000 }, autostart: false },
];
const BAD: ReplayRequest[] = [
  { overrides: { symbols: 'NOPE', from: '2013-10-07' }, autostart: false },
  { overrides: { symbols: 'SPY', from: '2014-06-05' }, autostart: false },
  { configName: 'missing-config', overrides: {}, autostart: false },
];

export interface FuzzResult {
  readonly ops: number;
  readonly starts: number;
  /** Runs that reached run-complete (each checked whole: all fed = all emitted). */
  readonly completed: number;
  /** Items checked by the invariant checker across all runs. */
  readonly checked: number;
}

/**
 * Runs `ops` seeded operations; throws at the first broken invariant, naming the operation:
 * the state machine stays legal (never STOPPED → PAUSED, STOPPED throughout a setup), no item
 * breaks an invariant (time monotonic, order, nothing duplicated), a completed run emitted
 * everything it was fed, and a bad config is refused with a message, leaving STOPPED.
 */
export async function runControlFuzz(manager: SystemManager, seed: number, ops: number): Promise<FuzzResult> {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const fail = (op: number, what: string) => {
    throw new Error(`seed ${seed}, operation ${op}: ${what}`);
  };
  let completed = 0;
  let starts = 0;
  let checked = 0;
  let lastComplete = false;
  let lastRun = manager.snapshot().runId;
  for (let op = 0; op < ops; op++) {
    const before = manager.snapshot().state;
    const roll = random();
    if (roll < 0.2) {
      const idle = before === SystemState.STOPPED && !manager.snapshot().starting;
      const started = await manager.start(pick(GOOD));
      // From STOPPED a good config always starts (nothing here stops a setup half-way).
      if (idle && !started) fail(op, `a good config did not start: ${manager.snapshot().error}`);
      starts += started ? 1 : 0;
    }
    else if (roll < 0.25) {
      const idle = before === SystemState.STOPPED && !manager.snapshot().starting;
      if (await manager.start(pick(BAD))) fail(op, 'a bad config started');
      // Refused outright while a run is on; from STOPPED, refused with a message, still STOPPED.
      if (idle && manager.snapshot().error === null) fail(op, 'a bad config left no message');
      if (idle && manager.snapshot().state !== SystemState.STOPPED) fail(op, 'a bad config left the system not STOPPED');
    } else if (roll < 0.4) await manager.pause();
    else if (roll < 0.55) manager.resume();
    else if (roll < 0.7) manager.step();
    else if (roll < 0.78) await manager.stop();
    else if (roll < 0.85) manager.setSpeed(pick([1000, 'max', 60_000] as const));
    else await new Promise((resolve) => setTimeout(resolve, 1 + Math.floor(random() * 4)));
    const snap = manager.snapshot();
    if (![SystemState.STOPPED, SystemState.RUNNING, SystemState.PAUSED].includes(snap.state)) fail(op, `state ${snap.state}`);
    if (snap.starting && snap.state !== SystemState.STOPPED) fail(op, `${SystemState[snap.state]} during a setup`);
    if (before === SystemState.STOPPED && snap.state === SystemState.PAUSED) fail(op, 'STOPPED → PAUSED');
    // Every item that reached SessionData passed the checker, in every run, completed or not.
    if (snap.invariants.total > 0) fail(op, `invariant violations: ${JSON.stringify(snap.invariants.violations.slice(0, 3))}`);
    if (snap.runId !== lastRun) {
      lastRun = snap.runId;
      lastComplete = false;
    }
    if (snap.runComplete && !lastComplete) {
      completed++;
      checked += snap.invariants.checked;
      const fed = snap.streams.reduce((n, s) => n + s.expected, 0);
      if (snap.emitted !== fed) fail(op, `a completed run emitted ${snap.emitted} of ${fed} items`);
    }
    lastComplete = snap.runComplete;
  }
  await manager.stop();
  if (manager.snapshot().state !== SystemState.STOPPED) fail(ops, 'not STOPPED after stop()');
  return { ops, starts, completed, checked };
}
