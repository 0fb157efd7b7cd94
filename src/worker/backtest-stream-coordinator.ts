// BacktestStreamCoordinator: the design note's worker loop. Runs in the coordinator worker
// (coordinator-worker.ts); the gate, the clock and the output are injected, so the same loop
// runs on the Atomics gate, on the fallback gate, and in tests.
//
// Each turn it notes what it sees and lets nextStep (core/coordinator-step.ts) choose: hold the
// oldest pending item (StreamMerger) at the gate until the state cell reads RUNNING, wait out its
// emit-time gap at the chosen speed (Pacer), or emit: set backtest time to the item's emit time and
// put it in the output batch. Every wait is on the doorbell, so pause, stop, speed and shutdown act at once.

import { assert } from '../core/assert';
import { Slot, speedFromCell, WorkerPhase } from '../core/control-block';
import { idleView, nextStep, type CoordinatorStep } from '../core/coordinator-step';
import { NO_FLAWS, type Flaws } from '../core/flaws';
import { fieldsOf, type ItemColumns } from '../core/item-columns';
import { Pacer } from '../core/pacer';
import type { StreamKey } from '../core/stream-key';
import { MergeStatus, StreamMerger, type ItemVisitor } from '../core/stream-merger';
import { SystemState } from '../core/system-state';
import type { CoordinatorEvent, RunPlan } from './coordinator-api';
import { OutputBatch } from './output-batch';
import { StepRequests, takeOneEmitTime, type StepKind } from './step-requests';
import type { WorkerGate } from './worker-gate';
import { FIRST_FLUSH_AT_ITEMS, FLUSH_AFTER_MS, FLUSH_AT_ITEMS, MAX_BATCHES_IN_FLIGHT, RUN_ITEMS, STREAM_CHUNK, WAIT_SLICE_MS } from './coordinator-tuning';

export type EventSink = (event: CoordinatorEvent, transfer?: Transferable[]) => void;

export class BacktestStreamCoordinator {
  /** Batches posted since the worker started (the page counts the ones it took in BATCHES_TAKEN). */
  private batchesPosted = 0;
  /** This run's current batch size limit (ramps up to FLUSH_AT_ITEMS). */
  private flushAt = FIRST_FLUSH_AT_ITEMS;
  private readonly merger = new StreamMerger();
  private readonly batch = new OutputBatch(FLUSH_AT_ITEMS);
  private plan: RunPlan | null = null;
  private pacer = new Pacer([]);
  private state = SystemState.STOPPED;
  private stateSeq = 0;
  private speedCell = -1;
  private readonly stepRequests: StepRequests;
  private emitted = 0;
  private backtestTime = 0;
  private gateOpenPending = false;
  private finishedRun = false;
  private seekSeq = 0;
  /** While set, items due by this time are emitted without pacing ("go to"). */
  private seekTarget: number | null = null;
  private flaws: Flaws = NO_FLAWS;
  /** A teaching scenario's watchQuiet: which quiet wait to report, once. */
  private quietWatch: { readonly afterGate: boolean } | null = null;
  /** What the loop sees, filled in place each turn (observe) and read by nextStep. */
  private readonly view = idleView();

  /** The late-gate-check flaw: the item taken before the gate was checked, emitted first when it opens. */
  private held: { slot: number; chunk: ItemColumns; row: number } | null = null;

  constructor(
    private readonly gate: WorkerGate,
    private readonly sink: EventSink,
    /** Wall clock, ms, comparable across threads (performance.timeOrigin + performance.now()). */
    private readonly clock: () => number,
  ) {
    this.stepRequests = new StepRequests(gate);
  }

  /** Stop existing streams and begin a new run (nothing streams until the gate opens). */
  clearStreams(plan: RunPlan): void {
    // A run always begins STOPPED (start() sets streams up only then). On the fallback gate the
    // previous run's state changes may still be on their way on the control port, behind this
    // call; they are ignored by sequence number, or a stale RUNNING would open the new run's gate
    // on an empty plan and it would look "complete" at once (found by the control fuzz).
    this.state = SystemState.STOPPED;
    this.stateSeq = Math.max(this.stateSeq, plan.stateSeq);
    this.merger.clear();
    this.batch.clear();
    this.flushAt = FIRST_FLUSH_AT_ITEMS;
    this.plan = plan;
    this.flaws = plan.flaws;
    this.merger.flaws = { emptyAsDone: plan.flaws.emptyAsDone, dropStale: plan.flaws.dropStale };
    this.held = null;
    this.quietWatch = null;
    this.pacer = new Pacer(plan.sessions);
    this.stepRequests.reset();
    this.emitted = 0;
    this.finishedRun = false;
    this.gateOpenPending = false;
    this.speedCell = -1; // the new pacer must read the speed afresh
    this.seekTarget = null;
    this.setBacktestTime(plan.startTime);
    this.gate.publish(Slot.EMITTED, 0);
  }

  registerStream(key: StreamKey): number {
    this.batch.widen(fieldsOf(key).length);
    return this.merger.register(key);
  }

  feedStream(slot: number, columns: ItemColumns, final: boolean): void {
    this.merger.feed(slot, columns);
    if (final) this.merger.finish(slot);
  }

  watchQuiet(afterGate: boolean): void {
    this.quietWatch = { afterGate };
  }

  /**
   * The worker loop; resolves when shutdown is requested. Each turn: read what the loop sees
   * (observe), choose the next step (nextStep, core/coordinator-step.ts), perform it.
   */
  async run(): Promise<void> {
    for (;;) {
      const turn = this.gate.checkpoint();
      if (turn) {
        await turn;
        continue;
      }
      const seen = this.observe();
      const step = nextStep(this.view);
      if (step === 'exit') {
        this.flush();
        this.setPhase(WorkerPhase.EXITED);
        this.sink({ kind: 'exited' });
        return;
      }
      const pending = this.steps[step](seen);
      if (pending) await pending; // only waits yield: a turn that streams goes straight on
    }
  }

  /** How each step is performed; `seen` is the doorbell as observe() read it, so a wait ends at once if it rang since. */
  private readonly steps: Record<Exclude<CoordinatorStep, 'exit'>, (seen: number) => Promise<void> | void> = {
    'finish-seek': () => this.finishSeek(),
    'emit-held': () => this.emitHeld(),
    complete: (seen) => {
      this.finishRun();
      return this.waitAt(WorkerPhase.IDLE, seen, WAIT_SLICE_MS);
    },
    'wait-idle': (seen) => this.waitAt(WorkerPhase.IDLE, seen, WAIT_SLICE_MS),
    'wait-page': (seen) => this.waitAt(WorkerPhase.STREAMING, seen, WAIT_SLICE_MS),
    'wait-gate': (seen) => this.waitAt(WorkerPhase.AT_GATE, seen, WAIT_SLICE_MS),
    'hold-and-wait-gate': (seen) => {
      this.takeHead(this.holdItem);
      return this.waitAt(WorkerPhase.AT_GATE, seen, WAIT_SLICE_MS);
    },
    'wait-paused': (seen) => this.waitAt(WorkerPhase.PAUSED, seen, WAIT_SLICE_MS),
    step: () => {
      this.takeHead(this.emitItem);
      this.stepped('item', 0);
    },
    'step-bar': () => {
      takeOneEmitTime(this.merger, () => this.takeHead(this.emitItem), () => this.plan !== null);
      this.stepped('bar', 0);
    },
    'step-back': () => this.stepBack(),
    stream: (seen) => this.stream(seen),
    'stream-unpaced': (seen) => this.stream(seen, true),
    'wait-gap': (seen) => this.waitAt(WorkerPhase.PACING, seen, Math.min(this.view.delayMs, WAIT_SLICE_MS)),
    'sleep-gap': () => {
      // The flaw: sleep the whole gap without watching the doorbell; a pause waits it out.
      this.flush();
      this.setPhase(WorkerPhase.PACING);
      return this.gate.sleep(this.view.delayMs);
    },
  };

  /**
   * Fills `view` with what the loop sees this turn (reading state, speed and "go to" first) and
   * returns the doorbell as it was before looking.
   */
  private observe(): number {
    const control = this.gate.control;
    const view = this.view;
    view.shutdown = control.load(Slot.SHUTDOWN) === 1;
    if (view.shutdown) return 0; // exit: nothing else matters
    const seen = control.load(Slot.DOORBELL);
    this.observeControl();
    const plan = this.plan;
    const status = plan ? this.merger.peek() : MergeStatus.EXHAUSTED;
    const ready = status === MergeStatus.READY;
    const headEmit = ready ? this.merger.headEmit() : 0;
    view.hasPlan = plan !== null;
    view.live = plan?.mode === 'live';
    view.state = this.state;
    view.status = status;
    view.seeking = this.seekTarget !== null;
    view.seekTargetReached = this.seekTarget !== null && (!ready || headEmit > this.seekTarget);
    view.holding = this.held !== null;
    view.finishedRun = this.finishedRun;
    view.pageBehind = this.pageBehind();
    this.stepRequests.observe(view);
    view.delayMs = ready ? this.pacer.delayMs(this.clock(), headEmit) : 0;
    view.noGate = this.flaws.noGate;
    view.lateGateCheck = this.flaws.lateGateCheck;
    view.uninterruptibleSleep = this.flaws.uninterruptibleSleep;
    return seen;
  }

  /**
   * Emits due items (seeking: items up to the target; `unpaced`: every ready item) until one is
   * not due, the doorbell rings, or a chunk is done.
   */
  private stream(seen: number, unpaced = false): void {
    const control = this.gate.control;
    this.setPhase(WorkerPhase.STREAMING);
    // At max speed no item waits, so the clock need not be read for each one.
    const paced = !unpaced && this.seekTarget === null && !this.pacer.atMax;
    // Nor need each item be looked at on its own: take them a run at a time, straight into the batch.
    const runs = !paced && this.seekTarget === null;
    for (let n = 0; n < STREAM_CHUNK; ) {
      const taken = runs ? this.merger.takeRun(Math.min(RUN_ITEMS, this.flushAt - this.batch.count), this.emitItem) : 0;
      if (taken === 0) this.takeHead(this.emitItem); // paced, seeking, or an item older than the backtest time (take() reports it)
      n += Math.max(taken, 1);
      if (this.merger.peek() !== MergeStatus.READY || control.load(Slot.DOORBELL) !== seen) break;
      if (this.batch.count >= this.flushAt) {
        this.flush();
        if (this.pageBehind()) break;
      }
      if (runs) continue;
      if (this.seekTarget !== null ? this.merger.headEmit() > this.seekTarget : paced && this.pacer.delayMs(this.clock(), this.merger.headEmit()) > 0) break;
    }
    if (this.batch.count > 0 && this.clock() - this.batch.firstAt >= FLUSH_AFTER_MS) this.flush();
  }

  /**
   * A step back: the merge un-takes the last emitted time step (why in the queues, and not a page
   * re-seeking a fresh run: StreamMerger.stepBack) and the clock returns to the emit time before it.
   */
  private stepBack(): void {
    this.flush();
    const { removed, lastEmit } = this.merger.stepBack();
    this.emitted -= removed;
    if (removed > 0) this.setBacktestTime(lastEmit === -Infinity ? (this.plan?.startTime ?? 0) : lastEmit);
    this.pacer.rewound(this.backtestTime);
    this.gate.publish(Slot.EMITTED, this.emitted);
    this.stepped('back', removed);
  }

  /** A step is done: its items posted, then 'stepped' after them (the page cuts SessionData back on it). */
  private stepped(step: StepKind, removed: number): void {
    this.flush();
    const stepsTaken = this.stepRequests.take(step);
    if (this.plan) this.sink({ kind: 'stepped', step, runId: this.plan.runId, stepsTaken, emitted: this.emitted, removed, backtestTime: this.backtestTime });
  }

  /** emit() for takeRun: one function, made once, so the merge's call to it stays monomorphic. */
  private readonly emitItem: ItemVisitor = (slot, chunk, row) => this.emit(slot, chunk, row);

  /**
   * Takes the oldest item and hands it to `visit`. takeRun(1) takes it unless it is older than
   * the backtest time; take() then reports that item (the run fails, never skipping silently)
   * or, with the dropStale flaw, drops it without a word.
   */
  private takeHead(visit: ItemVisitor): void {
    if (this.merger.takeRun(1, visit) === 1) return;
    try {
      this.merger.take();
    } catch (error) {
      this.fail((error as Error).message);
    }
  }

  /** The late-gate-check flaw: the item taken before the gate was checked waits here. */
  private readonly holdItem: ItemVisitor = (slot, chunk, row) => {
    this.held = { slot, chunk, row };
  };

  /** The flaw: the held item goes first, compared with nothing. */
  private emitHeld(): void {
    const held = this.held;
    assert(held !== null, 'no item is held');
    this.held = null;
    this.emit(held.slot, held.chunk, held.row);
  }

  private emit(slot: number, chunk: ItemColumns, row: number): void {
    // The clock is read for a batch's first item only: at max speed, once an item is millions of calls.
    const now = this.batch.count === 0 || this.gateOpenPending ? this.clock() : 0;
    this.batch.push(slot, chunk, row, now);
    this.backtestTime = chunk.tsEmit[row];
    this.emitted++;
    if (this.gateOpenPending) {
      this.gateOpenPending = false;
      this.sink({ kind: 'gate-opened', runId: this.runId, wallTime: now });
    }
  }

  /** Reads state and speed; acknowledges a state change after posting every batch before it. */
  private observeControl(): void {
    const control = this.gate.control;
    const now = this.clock();
    const speedCell = control.load(Slot.SPEED);
    if (speedCell !== this.speedCell) {
      this.speedCell = speedCell;
      this.pacer.setSpeed(now, speedFromCell(speedCell), this.backtestTime);
    }
    const seekSeq = control.load(Slot.SEEK_SEQ);
    if (seekSeq !== this.seekSeq) {
      this.seekSeq = seekSeq;
      if (this.plan) this.seekTarget = control.seekTarget();
    }
    const stateSeq = control.load(Slot.STATE_SEQ);
    if (stateSeq <= this.stateSeq) return; // nothing new, or an earlier run's change arriving late
    const previous = this.state;
    // More than one change since the last look: the page resumed (and paused again) unseen.
    const unseen = stateSeq > this.stateSeq + 1;
    this.stateSeq = stateSeq;
    this.state = control.load(Slot.STATE) as SystemState;
    if (this.state === SystemState.RUNNING && previous === SystemState.STOPPED) {
      this.pacer.start(now, this.backtestTime, speedFromCell(speedCell));
      this.gateOpenPending = true;
    } else if (this.state === SystemState.RUNNING) {
      this.pacer.resume(now, this.backtestTime);
    } else if (this.state === SystemState.PAUSED) {
      this.pacer.pause(now, this.backtestTime);
    }
    // A step acts only in the pause it was asked in; a resume, seen or not, voids what is left.
    if (this.state === SystemState.RUNNING || unseen) this.stepRequests.reset();
    this.flush();
    this.sink({ kind: 'state-seen', runId: this.plan?.runId ?? 0, stateSeq, state: this.state, backtestTime: this.backtestTime, wallTime: now });
  }

  /** The "go to" target is reached: pacing restarts from here at the chosen speed. */
  private finishSeek(): void {
    this.seekTarget = null;
    this.pacer.start(this.clock(), this.backtestTime, speedFromCell(this.speedCell));
    this.flush();
    this.sink({ kind: 'seek-done', runId: this.runId, backtestTime: this.backtestTime });
  }

  private finishRun(): void {
    this.flush();
    this.finishedRun = true;
    this.sink({ kind: 'complete', runId: this.runId, emitted: this.emitted, fed: this.merger.totalFed, backtestTime: this.backtestTime });
  }

  /** The loaded run's id: gate-opened, seek-done and complete are only ever sent during a run. */
  private get runId(): number {
    assert(this.plan !== null, 'no run is loaded');
    return this.plan.runId;
  }

  /** A stale item or a broken queue: report it, drop this run's queues, never skip silently. */
  private fail(message: string): void {
    this.flush();
    const runId = this.plan?.runId ?? 0;
    this.merger.clear();
    this.plan = null;
    this.seekTarget = null;
    this.held = null;
    this.sink({ kind: 'error', runId, message });
  }

  private async waitAt(phase: WorkerPhase, seen: number, timeoutMs: number): Promise<void> {
    this.flush();
    this.reportQuiet(phase);
    this.setPhase(phase);
    await this.gate.wait(seen, timeoutMs);
  }

  private flush(): void {
    if (this.plan) this.setBacktestTime(this.backtestTime);
    if (this.batch.count === 0) return;
    this.gate.publish(Slot.EMITTED, this.emitted);
    const { event, transfer } = this.batch.take(this.plan?.runId ?? 0, this.backtestTime);
    this.sink(event, transfer);
    this.batchesPosted++;
    this.flushAt = Math.min(FLUSH_AT_ITEMS, this.flushAt * 2);
  }

  /** The page is behind: enough batches are on their way (it rings the doorbell as it takes each). */
  private pageBehind(): boolean {
    return this.batchesPosted - this.gate.control.load(Slot.BATCHES_TAKEN) >= MAX_BATCHES_IN_FLIGHT;
  }

  /** The design note's set_backtest_time: the page's TimeProvider reads it from the control block. */
  private setBacktestTime(ms: number): void {
    this.backtestTime = ms;
    this.gate.publishBacktestTime(ms);
  }

  /** Answers watchQuiet at a wait with nothing to take: at the gate or idle, before or after the gate opened as asked. */
  private reportQuiet(phase: WorkerPhase): void {
    const watch = this.quietWatch;
    if (!watch || !this.plan || (phase !== WorkerPhase.AT_GATE && phase !== WorkerPhase.IDLE)) return;
    if (watch.afterGate !== (this.state !== SystemState.STOPPED)) return;
    this.quietWatch = null;
    this.sink({ kind: 'quiet', runId: this.plan.runId, emitted: this.emitted, backtestTime: this.backtestTime });
  }

  private setPhase(phase: WorkerPhase): void {
    this.gate.publish(Slot.WORKER_PHASE, phase);
  }
}
