// The coordinator loop in a plain unit test: a manual clock that moves only while the loop
// waits, in-memory bars, and a gate whose waits return on the next macrotask.
import { describe, expect, it } from 'vitest';
import { ControlBlock, CONTROL_BLOCK_BYTES, Slot, speedToCell, WorkerPhase } from '../core/control-block';
import { NO_FLAWS, type Flaws } from '../core/flaws';
import { allocateColumns } from '../core/item-columns';
import { StreamType } from '../core/stream-key';
import { SystemState } from '../core/system-state';
import { tradingSession } from '../core/trading-hours';
import { BacktestStreamCoordinator } from './backtest-stream-coordinator';
import type { BatchEvent, CoordinatorEvent } from './coordinator-api';
import type { WorkerGate } from './worker-gate';

const MIN = 60_000;
const day1 = tradingSession('2013-10-04', 'regular')!;
const day2 = tradingSession('2013-10-07', 'regular')!;

class ManualGate implements WorkerGate {
  readonly kind = 'message';
  readonly control = new ControlBlock(new ArrayBuffer(CONTROL_BLOCK_BYTES));
  clock = 0;
  private actions: { at: number; run: () => void }[] = [];

  /** Runs `run` when the manual clock reaches `at`. */
  at(at: number, run: () => void): void {
    this.actions.push({ at, run });
    this.actions.sort((a, b) => a.at - b.at);
  }

  set(writes: [number, number][]): void {
    for (const [slot, value] of writes) this.control.store(slot, value);
    this.control.add(Slot.DOORBELL, 1);
  }

  setState(state: SystemState): void {
    this.set([[Slot.STATE, state], [Slot.STATE_SEQ, this.control.load(Slot.STATE_SEQ) + 1]]);
  }

  wait(seen: number, timeoutMs: number): Promise<void> | void {
    if (this.control.load(Slot.DOORBELL) !== seen) return;
    const next = this.actions[0];
    if (next && next.at <= this.clock + timeoutMs) {
      this.clock = Math.max(this.clock, next.at);
      this.actions.shift()!.run();
    } else {
      this.clock += timeoutMs;
    }
    return new Promise((resolve) => setImmediate(resolve));
  }

  checkpoint(): undefined {
    return undefined;
  }

  publish(slot: number, value: number): void {
    this.control.store(slot, value);
  }

  publishBacktestTime(ms: number): void {
    this.control.setBacktestTime(ms);
  }

  /** Deaf to the doorbell: scheduled actions still happen, but the sleep runs its full length. */
  sleep(ms: number): Promise<void> {
    const until = this.clock + ms;
    while (this.actions[0] && this.actions[0].at <= until) {
      const action = this.actions.shift()!;
      this.clock = Math.max(this.clock, action.at);
      action.run();
    }
    this.clock = until;
    return new Promise((resolve) => setImmediate(resolve));
  }
}

/** `takeBatches: false`: the page takes no batch until the test says so (flow control). */
function setup(speed: number | 'max' = 'max', { takeBatches = true } = {}) {
  const gate = new ManualGate();
  const events: { event: CoordinatorEvent; wall: number }[] = [];
  const coordinator = new BacktestStreamCoordinator(
    gate,
    (event) => {
      events.push({ event, wall: gate.clock });
      // Taken at once, as the page does (flow control: the worker keeps only a few batches in flight).
      if (event.kind === 'batch' && takeBatches) gate.set([[Slot.BATCHES_TAKEN, gate.control.load(Slot.BATCHES_TAKEN) + 1]]);
    },
    () => gate.clock,
  );
  gate.set([[Slot.SPEED, speedToCell(speed)]]);
  // The loop starts at the first until(), after the test has fed and scheduled what it needs.
  let loop: Promise<void> | null = null;
  const emitted = () =>
    events.flatMap(({ event, wall }) => (event.kind === 'batch' ? Array.from((event as BatchEvent).tsEmit.subarray(0, (event as BatchEvent).count), (t, i) => ({ t, wall, slot: (event as BatchEvent).slot[i] })) : []));
  const until = async (predicate: () => boolean, maxTurns = 100_000) => {
    loop ??= coordinator.run();
    for (let n = 0; n < maxTurns && !predicate(); n++) await new Promise((r) => setImmediate(r));
    expect(predicate()).toBe(true);
  };
  const has = (kind: CoordinatorEvent['kind']) => events.some((e) => e.event.kind === kind);
  const stop = async () => {
    gate.set([[Slot.SHUTDOWN, 1]]);
    await (loop ??= coordinator.run());
  };
  return { gate, coordinator, events, emitted, until, has, stop };
}

function minuteBars(open: number, minutes: number[]) {
  const columns = allocateColumns(minutes.length, 5);
  minutes.forEach((m, i) => {
    columns.tsStart[i] = open + m * MIN;
    columns.tsEmit[i] = open + (m + 1) * MIN;
  });
  return columns;
}

const bar = (symbol: string) => ({ type: StreamType.BAR, symbol, interval: '1m' as const });
const minutesUpTo = (n: number) => Array.from({ length: n }, (_, i) => i);

/** SPY's first three bars at 1x: the gate opens at 0 and the page pauses at 10 ms, before any is due. */
function pausedAt10() {
  const t = setup(1);
  t.coordinator.clearStreams({ runId: 1, sessions: [day2], startTime: day2.open, flaws: NO_FLAWS, stateSeq: 0 });
  const s = t.coordinator.registerStream(bar('SPY'));
  t.coordinator.feedStream(s, minuteBars(day2.open, [0, 1, 2]), true);
  t.gate.at(0, () => t.gate.setState(SystemState.RUNNING));
  t.gate.at(10, () => t.gate.setState(SystemState.PAUSED));
  return t;
}

describe('BacktestStreamCoordinator', () => {
  it('holds the oldest item at the gate while STOPPED and streams once RUNNING', async () => {
    const t = setup();
    t.coordinator.clearStreams({ runId: 1, sessions: [day2], startTime: day2.open, flaws: NO_FLAWS, stateSeq: 0 });
    const a = t.coordinator.registerStream(bar('BBB'));
    const b = t.coordinator.registerStream(bar('AAA'));
    t.coordinator.feedStream(a, minuteBars(day2.open, [0, 1, 2]), true);
    t.coordinator.feedStream(b, minuteBars(day2.open, [0, 2]), true);
    await t.until(() => t.gate.clock > 10_000);
    expect(t.emitted()).toEqual([]);
    expect(t.gate.control.load(Slot.WORKER_PHASE)).toBe(WorkerPhase.AT_GATE);
    t.gate.setState(SystemState.RUNNING);
    await t.until(() => t.has('complete'));
    expect(t.emitted().map((e) => `${e.slot}@${(e.t - day2.open) / MIN}`)).toEqual(['1@1', '0@1', '0@2', '1@3', '0@3']);
    expect(t.events.find((e) => e.event.kind === 'complete')!.event).toMatchObject({ emitted: 5, fed: 5 });
    expect(t.gate.control.backtestTime()).toBe(day2.open + 3 * MIN);
    await t.stop();
  });

  it('paces by speed and skips the time between sessions', async () => {
    const t = setup(60);
    t.coordinator.clearStreams({ runId: 1, sessions: [day1, day2], startTime: day1.open, flaws: NO_FLAWS, stateSeq: 0 });
    const s = t.coordinator.registerStream(bar('SPY'));
    const both = allocateColumns(3, 5);
    const last = minuteBars(day1.open, [389]);
    const first = minuteBars(day2.open, [0, 1]);
    both.tsStart.set([last.tsStart[0], first.tsStart[0], first.tsStart[1]]);
    both.tsEmit.set([last.tsEmit[0], first.tsEmit[0], first.tsEmit[1]]);
    t.coordinator.feedStream(s, both, true);
    t.gate.at(500, () => t.gate.setState(SystemState.RUNNING));
    await t.until(() => t.has('complete'));
    // Gate opens at 500 ms; Friday 15:59–16:00 is 390 trading minutes after the open: 390 s at 60x.
    // Monday's bars then follow one second apart: the weekend costs nothing.
    expect(t.emitted().map((e) => e.wall - 500)).toEqual([390_000, 391_000, 392_000]);
    await t.stop();
  });

  it('pause mid-gap acts at once; resume continues the gap where it was', async () => {
    const t = setup(60);
    t.coordinator.clearStreams({ runId: 1, sessions: [day2], startTime: day2.open, flaws: NO_FLAWS, stateSeq: 0 });
    const s = t.coordinator.registerStream(bar('SPY'));
    t.coordinator.feedStream(s, minuteBars(day2.open, [0, 1]), true);
    t.gate.at(0, () => t.gate.setState(SystemState.RUNNING));
    t.gate.at(400, () => t.gate.setState(SystemState.PAUSED));
    t.gate.at(60_400, () => t.gate.setState(SystemState.RUNNING));
    await t.until(() => t.has('complete'));
    const seen = t.events.filter((e) => e.event.kind === 'state-seen');
    expect(seen.map((e) => e.wall)).toEqual([0, 400, 60_400]);
    // 400 ms of the first one-second gap were done before the pause: 600 ms remain after it.
    expect(t.emitted().map((e) => e.wall)).toEqual([61_000, 62_000]);
    await t.stop();
  });

  it('step while PAUSED emits exactly one item', async () => {
    const t = pausedAt10();
    t.gate.at(20, () => t.gate.set([[Slot.STEP_REQUESTS, 1]]));
    await t.until(() => t.gate.clock > 5000);
    expect(t.emitted().map((e) => e.wall)).toEqual([20]);
    expect(t.gate.control.load(Slot.WORKER_PHASE)).toBe(WorkerPhase.PAUSED);
    await t.stop();
  });

  it('a resume voids a step it overtook: nothing is emitted after the next pause is seen', async () => {
    const t = pausedAt10();
    // Step, then Resume before the worker looked: it sees both at one ring of the doorbell.
    t.gate.at(20, () => t.gate.set([[Slot.STEP_REQUESTS, 1], [Slot.STATE, SystemState.RUNNING], [Slot.STATE_SEQ, t.gate.control.load(Slot.STATE_SEQ) + 1]]));
    t.gate.at(30, () => t.gate.setState(SystemState.PAUSED));
    t.gate.at(3000, () => t.gate.set([[Slot.STEP_REQUESTS, 2]]));
    await t.until(() => t.gate.clock > 5000);
    // Before: the left-over step fired at 30, right after the pause was seen.
    expect(t.emitted().map((e) => e.wall)).toEqual([3000]);
    expect(t.gate.control.load(Slot.STEPS_TAKEN)).toBe(2);
    await t.stop();
  });

  it('a resume and a pause the worker never saw between them void a step too', async () => {
    const t = pausedAt10();
    // Step, Resume, Pause, all before the worker looks: it sees PAUSED, two changes on.
    t.gate.at(20, () => {
      const seq = t.gate.control.load(Slot.STATE_SEQ);
      t.gate.set([[Slot.STEP_REQUESTS, 1], [Slot.STATE, SystemState.PAUSED], [Slot.STATE_SEQ, seq + 2]]);
    });
    await t.until(() => t.gate.clock > 5000);
    expect(t.emitted()).toEqual([]); // before: the step of the earlier pause fired at 20
    expect(t.gate.control.load(Slot.STEPS_TAKEN)).toBe(1);
    await t.stop();
  });

  it('"go to" emits every item due by the target without pacing, then paces again', async () => {
    const t = setup(60);
    t.coordinator.clearStreams({ runId: 1, sessions: [day2], startTime: day2.open, flaws: NO_FLAWS, stateSeq: 0 });
    const s = t.coordinator.registerStream(bar('SPY'));
    t.coordinator.feedStream(s, minuteBars(day2.open, [0, 1, 2, 3, 4, 5, 6]), true);
    t.gate.at(0, () => t.gate.setState(SystemState.RUNNING));
    t.gate.at(100, () => {
      t.gate.control.setSeekTarget(day2.open + 4 * MIN); // 09:34: the bars ending 09:31 … 09:34
      t.gate.set([[Slot.SEEK_SEQ, 1]]);
    });
    await t.until(() => t.has('complete'));
    expect(t.emitted().map((e) => e.wall)).toEqual([100, 100, 100, 100, 1100, 2100, 3100]);
    expect(t.events.find((e) => e.event.kind === 'seek-done')).toMatchObject({ wall: 100, event: { backtestTime: day2.open + 4 * MIN } });
    await t.stop();
  });

  it('reports an item older than the backtest time and drops the run, never skipping silently', async () => {
    const t = setup();
    t.coordinator.clearStreams({ runId: 7, sessions: [day2], startTime: day2.open, flaws: NO_FLAWS, stateSeq: 0 });
    const s = t.coordinator.registerStream(bar('SPY'));
    t.coordinator.feedStream(s, minuteBars(day2.open, [5]), true);
    t.gate.setState(SystemState.RUNNING);
    await t.until(() => t.emitted().length === 1);
    const late = t.coordinator.registerStream(bar('IBM'));
    t.coordinator.feedStream(late, minuteBars(day2.open, [0]), true);
    await t.until(() => t.has('error'));
    expect(t.events.find((e) => e.event.kind === 'error')!.event).toMatchObject({ runId: 7, message: expect.stringMatching(/bar:IBM:1m .* older than the backtest time/) });
    await t.stop();
  });

  it('exits on shutdown during setup', async () => {
    const t = setup();
    t.coordinator.clearStreams({ runId: 1, sessions: [day2], startTime: day2.open, flaws: NO_FLAWS, stateSeq: 0 });
    const s = t.coordinator.registerStream(bar('SPY'));
    t.coordinator.feedStream(s, minuteBars(day2.open, [0]), false);
    await t.until(() => t.gate.clock > 1000);
    await t.stop();
    expect(t.events.at(-1)!.event.kind).toBe('exited');
    expect(t.gate.control.load(Slot.WORKER_PHASE)).toBe(WorkerPhase.EXITED);
  });

  it('live mode streams items as they are fed, with no gate and no pacing', async () => {
    const t = setup(1);
    t.coordinator.clearStreams({ runId: 1, sessions: [day2], startTime: day2.open, flaws: NO_FLAWS, stateSeq: 0, mode: 'live' });
    const s = t.coordinator.registerStream(bar('SPY'));
    t.coordinator.feedStream(s, minuteBars(day2.open, [0, 1, 2]), false);
    // Still STOPPED, at speed 1: three minutes of bars go out at once.
    await t.until(() => t.emitted().length === 3);
    expect(t.emitted().map((e) => e.wall)).toEqual([0, 0, 0]);
    t.coordinator.feedStream(s, minuteBars(day2.open, [3]), true);
    await t.until(() => t.emitted().length === 4);
    expect(t.has('gate-opened')).toBe(false);
    await t.stop();
  });

  it('the no-gate flaw streams during setup, before the system is RUNNING', async () => {
    const t = setup();
    t.coordinator.clearStreams({ runId: 1, sessions: [day2], startTime: day2.open, flaws: { ...NO_FLAWS, noGate: true }, stateSeq: 0 });
    const s = t.coordinator.registerStream(bar('SPY'));
    t.coordinator.feedStream(s, minuteBars(day2.open, [0, 1]), true);
    await t.until(() => t.emitted().length === 2);
    expect(t.gate.control.load(Slot.STATE)).toBe(SystemState.STOPPED);
    await t.stop();
  });

  /** AAA's 09:35 bar waits at the gate; then IBM (09:30) is set up late, and the gate opens. */
  async function lateStreamAtGate(flaws: Flaws) {
    const t = setup();
    t.coordinator.clearStreams({ runId: 3, sessions: [day2], startTime: day2.open, flaws, stateSeq: 0 });
    const a = t.coordinator.registerStream(bar('AAA'));
    t.coordinator.feedStream(a, minuteBars(day2.open, [5]), true);
    await t.until(() => t.gate.control.load(Slot.WORKER_PHASE) === WorkerPhase.AT_GATE);
    const late = t.coordinator.registerStream(bar('IBM'));
    t.coordinator.feedStream(late, minuteBars(day2.open, [0]), true);
    t.gate.setState(SystemState.RUNNING);
    return t;
  }

  it('the late-gate-check flaw emits the item it took at the gate first, compared with nothing', async () => {
    // A stream set up after the item was taken: its older bar is never compared with the held one.
    const t = await lateStreamAtGate({ ...NO_FLAWS, lateGateCheck: true });
    await t.until(() => t.has('error'));
    expect(t.emitted().map((e) => `${e.slot}@${(e.t - day2.open) / MIN}`)).toEqual(['0@6']);
    expect(t.events.find((e) => e.event.kind === 'error')!.event).toMatchObject({ runId: 3, message: expect.stringMatching(/bar:IBM:1m .* older than the backtest time/) });
    await t.stop();
  });

  it('the fixed gate compares every stream set up before the gate opens', async () => {
    const t = await lateStreamAtGate(NO_FLAWS);
    await t.until(() => t.has('complete'));
    expect(t.emitted().map((e) => `${e.slot}@${(e.t - day2.open) / MIN}`)).toEqual(['1@1', '0@6']);
    expect(t.has('error')).toBe(false);
    await t.stop();
  });

  it('the uninterruptible-sleep flaw makes a pause wait out the gap', async () => {
    const t = setup(60);
    t.coordinator.clearStreams({ runId: 1, sessions: [day2], startTime: day2.open, flaws: { ...NO_FLAWS, uninterruptibleSleep: true }, stateSeq: 0 });
    const s = t.coordinator.registerStream(bar('SPY'));
    t.coordinator.feedStream(s, minuteBars(day2.open, [0, 1]), true);
    t.gate.at(0, () => t.gate.setState(SystemState.RUNNING));
    t.gate.at(400, () => t.gate.setState(SystemState.PAUSED));
    t.gate.at(5000, () => t.gate.setState(SystemState.RUNNING));
    await t.until(() => t.has('complete'));
    // The fixed engine sees the pause at 400 ms (test above); the flaw only once the 1 s gap is
    // slept, by which time the first bar is due: it goes out as the run resumes.
    expect(t.events.filter((e) => e.event.kind === 'state-seen').map((e) => e.wall)).toEqual([0, 1000, 5000]);
    expect(t.emitted().map((e) => e.wall)).toEqual([5000, 6000]);
    await t.stop();
  });

  it('keeps at most three batches in flight and goes on as the page takes them', async () => {
    const t = setup('max', { takeBatches: false });
    t.coordinator.clearStreams({ runId: 1, sessions: [day2], startTime: day2.open, flaws: NO_FLAWS, stateSeq: 0 });
    const s = t.coordinator.registerStream(bar('SPY'));
    t.coordinator.feedStream(s, minuteBars(day2.open, minutesUpTo(20_000)), true);
    t.gate.setState(SystemState.RUNNING);
    const batches = () => t.events.filter((e) => e.event.kind === 'batch').length;
    await t.until(() => batches() === 3 && t.gate.clock > 1000);
    expect(batches()).toBe(3);
    expect(t.gate.control.load(Slot.WORKER_PHASE)).toBe(WorkerPhase.STREAMING);
    t.gate.set([[Slot.BATCHES_TAKEN, 1]]);
    await t.until(() => batches() === 4 && t.gate.clock > 2000);
    expect(batches()).toBe(4);
    t.gate.set([[Slot.BATCHES_TAKEN, 1_000_000]]);
    await t.until(() => t.has('complete'));
    expect(t.emitted().length).toBe(20_000);
    await t.stop();
  });
});
