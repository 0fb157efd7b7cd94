// BacktestStreamCoordinator: the design note's worker loop. Runs in the coordinator worker
// (coordinator-worker.ts); the gate, the clock and the output are injected, so the same loop
// runs on the Atomics gate, on the fallback gate, and in tests.
//
// Each turn: find the oldest pending item across all queues (StreamMerger); in backtest mode
// hold it at the gate until the state cell reads RUNNING; wait out its emit-time gap at the
// chosen speed (Pacer); set backtest time to its emit time and put it in the output batch.
// Every wait is a wait on the doorbell, so pause, stop, speed changes and shutdown act at once.

import { Slot, speedFromCell, WorkerPhase } from '../core/control-block';
import { NO_FLAWS, type Flaws } from '../core/flaws';
import { fieldsOf, type ItemColumns } from '../core/item-columns';
import { Pacer } from '../core/pacer';
import type { StreamKey } from '../core/stream-key';
import { MergeStatus, StreamMerger } from '../core/stream-merger';
import { SystemState } from '../core/system-state';
import type { CoordinatorEvent, RunPlan } from './coordinator-api';
import { OutputBatch } from './output-batch';
import type { WorkerGate } from './worker-gate';

/** Longest single wait: a bounded slice, after which the loop re-reads everything. */
const WAIT_SLICE_MS = 50;
/** Items emitted between looks at the outer loop while streaming at full speed. */
const STREAM_CHUNK = 4096;
/** At full speed, items taken from the merge in one go between looks at the doorbell. */
const RUN_ITEMS = 256;
/** An emitted item waits at most this long in the output batch (about one frame). */
const FLUSH_AFTER_MS = 8;
/**
 * A batch holds at most this many items: the page takes a batch into SessionData in one task,
 * and a bounded batch keeps that task short (a few ms), so the page still draws while the
 * worker streams at full speed.
 */
const FLUSH_AT_ITEMS = 8192;
/**
 * A run's first batch holds at most this many items, each next one twice as many up to
 * FLUSH_AT_ITEMS: the page's code that takes them in starts cold (not yet optimised by the JIT),
 * and a full first batch would be one long task just as the replay begins.
 */
const FIRST_FLUSH_AT_ITEMS = 512;
/** Batches posted but not yet taken by the page, at most (Slot.BATCHES_TAKEN). */
const MAX_BATCHES_IN_FLIGHT = 3;

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
  private stepsTaken = 0;
  private emitted = 0;
  private backtestTime = 0;
  private gateOpenPending = false;
  private finishedRun = false;
  private seekSeq = 0;
  /** While set, items due by this time are emitted without pacing ("go to"). */
  private seekTarget: number | null = null;
  private flaws: Flaws = NO_FLAWS;
  /** The late-gate-check flaw: the item taken before the gate was checked, emitted first when it opens. */
  private held: { slot: number; chunk: ItemColumns; row: number } | null = null;

  constructor(
    private readonly gate: WorkerGate,
    private readonly sink: EventSink,
    /** Wall clock, ms, comparable across threads (performance.timeOrigin + performance.now()). */
    private readonly clock: () => number,
  ) {}

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
    this.pacer = new Pacer(plan.sessions);
    this.stepsTaken = this.gate.control.load(Slot.STEP_REQUESTS);
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

  /** The worker loop; resolves when shutdown is requested. */
  async run(): Promise<void> {
    const control = this.gate.control;
    for (;;) {
      const turn = this.gate.checkpoint();
      if (turn) {
        await turn;
        continue;
      }
      if (control.load(Slot.SHUTDOWN) === 1) {
        this.flush();
        this.setPhase(WorkerPhase.EXITED);
        this.sink({ kind: 'exited' });
        return;
      }
      const seen = control.load(Slot.DOORBELL);
      this.observeControl();
      const status = this.plan ? this.merger.peek() : MergeStatus.EXHAUSTED;

      if (this.seekTarget !== null && this.state === SystemState.RUNNING && (status !== MergeStatus.READY || this.merger.headEmit() > this.seekTarget)) {
        this.finishSeek();
      }
      if (this.held !== null) {
        // The flaw: this item was chosen before the gate was checked; it goes first, compared with nothing.
        if (this.state === SystemState.STOPPED) await this.waitAt(WorkerPhase.AT_GATE, seen, WAIT_SLICE_MS);
        else this.emitHeld();
      } else if (status !== MergeStatus.READY) {
        if (status === MergeStatus.EXHAUSTED && this.plan && this.state !== SystemState.STOPPED && !this.finishedRun) {
          this.finishRun();
        }
        await this.waitAt(WorkerPhase.IDLE, seen, WAIT_SLICE_MS);
      } else if (this.pageBehind() && (this.state === SystemState.RUNNING || this.plan?.mode === 'live' || this.flaws.noGate)) {
        // Flow control: enough batches are on their way; the page rings the doorbell as it takes each.
        await this.waitAt(WorkerPhase.STREAMING, seen, WAIT_SLICE_MS);
      } else if (this.plan?.mode === 'live' && this.state !== SystemState.PAUSED) {
        // Live mode (is_backtest_mode() is false): no gate, no pacing — an item goes out as it arrives.
        this.stream(seen, true);
      } else if (this.state === SystemState.STOPPED && this.flaws.noGate) {
        // The flaw: no system manager attached, so nothing holds the coordinator during setup.
        this.stream(seen, true);
      } else if (this.state === SystemState.STOPPED) {
        // The design note's gate: hold the oldest item until the system reads RUNNING.
        if (this.flaws.lateGateCheck) this.held = this.takeHead();
        await this.waitAt(WorkerPhase.AT_GATE, seen, WAIT_SLICE_MS);
      } else if (this.state === SystemState.PAUSED) {
        if (control.load(Slot.STEP_REQUESTS) > this.stepsTaken) {
          this.stepsTaken++;
          this.emitHead();
          this.flush();
        } else {
          await this.waitAt(WorkerPhase.PAUSED, seen, WAIT_SLICE_MS);
        }
      } else if (this.seekTarget !== null) {
        this.stream(seen);
      } else {
        const delay = this.pacer.delayMs(this.clock(), this.merger.headEmit());
        if (delay > 0 && this.flaws.uninterruptibleSleep) {
          // The flaw: sleep the whole gap without watching the doorbell; a pause waits it out.
          this.flush();
          this.setPhase(WorkerPhase.PACING);
          await this.gate.sleep(delay);
        } else if (delay > 0) await this.waitAt(WorkerPhase.PACING, seen, Math.min(delay, WAIT_SLICE_MS));
        else this.stream(seen);
      }
    }
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
      if (taken === 0) this.emitHead(); // paced, seeking, or an item older than the backtest time (take() reports it)
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

  /** emit() for takeRun: one function, made once, so the merge's call to it stays monomorphic. */
  private readonly emitItem = (slot: number, chunk: ItemColumns, row: number): void => this.emit(slot, chunk, row);

  private emitHead(): void {
    // takeHead() without its record: this runs once an item, and an object an item is garbage.
    const slot = this.merger.headSlot();
    const queue = this.merger.queues[slot];
    const chunk = queue.headChunk;
    const row = queue.headRow;
    let taken: boolean;
    try {
      taken = this.merger.take();
    } catch (error) {
      this.fail((error as Error).message);
      return;
    }
    if (taken) this.emit(slot, chunk, row);
  }

  /** Takes the oldest item out of the merge; null when it was dropped (flaw) or refused as stale. */
  private takeHead(): { slot: number; chunk: ItemColumns; row: number } | null {
    const slot = this.merger.headSlot();
    const queue = this.merger.queues[slot];
    const chunk = queue.headChunk;
    const row = queue.headRow;
    try {
      return this.merger.take() ? { slot, chunk, row } : null;
    } catch (error) {
      this.fail((error as Error).message);
      return null;
    }
  }

  private emitHeld(): void {
    const { slot, chunk, row } = this.held!;
    this.held = null;
    this.emit(slot, chunk, row);
  }

  private emit(slot: number, chunk: ItemColumns, row: number): void {
    // The clock is read for a batch's first item only: at max speed, once an item is millions of calls.
    const now = this.batch.count === 0 || this.gateOpenPending ? this.clock() : 0;
    this.batch.push(slot, chunk, row, now);
    this.backtestTime = chunk.tsEmit[row];
    this.emitted++;
    if (this.gateOpenPending) {
      this.gateOpenPending = false;
      this.sink({ kind: 'gate-opened', runId: this.plan!.runId, wallTime: now });
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
    this.flush();
    this.sink({ kind: 'state-seen', runId: this.plan?.runId ?? 0, stateSeq, state: this.state, backtestTime: this.backtestTime, wallTime: now });
  }

  /** The "go to" target is reached: pacing restarts from here at the chosen speed. */
  private finishSeek(): void {
    this.seekTarget = null;
    this.pacer.start(this.clock(), this.backtestTime, speedFromCell(this.speedCell));
    this.flush();
    this.sink({ kind: 'seek-done', runId: this.plan!.runId, backtestTime: this.backtestTime });
  }

  private finishRun(): void {
    this.flush();
    this.finishedRun = true;
    this.sink({ kind: 'complete', runId: this.plan!.runId, emitted: this.emitted, fed: this.merger.totalFed, backtestTime: this.backtestTime });
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

  private setPhase(phase: WorkerPhase): void {
    this.gate.publish(Slot.WORKER_PHASE, phase);
  }
}
