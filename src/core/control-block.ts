// The control block: the few numbers the page and the coordinator worker share (design.md,
// "The gate"). Pure TypeScript over a SharedArrayBuffer (or a plain ArrayBuffer for the fallback
// gate, mirrored by messages). Only the worker may call Atomics.wait on it; the page stores,
// adds and notifies.
//
// Every control change stores its value and then rings the DOORBELL (increment + notify): the
// worker waits on that one index, so no wake-up is lost whatever changed.

/** Int32 slots, one line each. */
export const Slot = {
  /** SystemState: STOPPED / RUNNING / PAUSED. Written by the page. */
  STATE: 0,
  /** Incremented after every control change; the worker's Atomics.wait watches it. */
  DOORBELL: 1,
  /** 1 = the worker loop must exit. Written by the page. */
  SHUTDOWN: 2,
  /** Speed × SPEED_SCALE, 0 = max. Written by the page. */
  SPEED: 3,
  /** Messages the page has posted to the worker (Comlink calls): the worker must go and read them. */
  MAIL_POSTED: 4,
  /** Steps requested while PAUSED; the worker emits one item per request. */
  STEP_REQUESTS: 5,
  /** Incremented with every STATE store, so the worker can acknowledge the exact change it saw. */
  STATE_SEQ: 6,
  /** What the worker is doing (WorkerPhase), for the page's sequence view. Written by the worker. */
  WORKER_PHASE: 7,
  /** Items emitted in the current run. Written by the worker. */
  EMITTED: 8,
  /** Incremented with every seek request; the target is TimeSlot.SEEK_TARGET. Written by the page. */
  SEEK_SEQ: 9,
  /**
   * Output batches the page has taken into SessionData. Written by the page. The worker keeps at
   * most a few batches in flight beyond it: at max speed it would otherwise outrun the page and
   * bury its frames under a queue of messages.
   */
  BATCHES_TAKEN: 10,
  /** Bar steps requested while PAUSED: the worker emits every item of the next emit time per request. */
  STEP_BAR_REQUESTS: 11,
  /** Steps back requested while PAUSED: the worker undoes the last emitted time step per request. */
  STEP_BACK_REQUESTS: 12,
  /**
   * Requests of the three step slots taken so far, all kinds together. Written by the worker. The
   * page asks for a bar step or a step back only when every earlier request was taken, so the
   * worker meets them in the order they were asked for.
   */
  STEPS_TAKEN: 13,
} as const;

const INT32_SLOTS = 16;
/** BigInt64 slots after the Int32 slots. */
export const TimeSlot = {
  /** Backtest time, epoch ms UTC (TimeProvider reads it). Written by the worker. */
  BACKTEST_TIME: 0,
  /** "Go to": emit without pacing every item due up to this time, epoch ms UTC. Written by the page. */
  SEEK_TARGET: 1,
} as const;
const BIGINT_SLOTS = 4;

export const CONTROL_BLOCK_BYTES = INT32_SLOTS * 4 + BIGINT_SLOTS * 8;
/** Speed is stored as a fixed-point integer: 100000x × 10^4 still fits an Int32. */
export const SPEED_SCALE = 10_000;

export enum WorkerPhase {
  /** No item to emit: queues empty or streams blocked. */
  IDLE = 0,
  /** Holding the oldest item, waiting for RUNNING (the design note's sleep loop). */
  AT_GATE = 1,
  /** Waiting out the gap to the next item's emit time. */
  PACING = 2,
  /** Emitting. */
  STREAMING = 3,
  /** Holding an item while PAUSED. */
  PAUSED = 4,
  /** The loop has exited (shutdown). */
  EXITED = 5,
}

/**
 * The fallback gate's wire format (page-gate.ts ↔ worker-gate.ts): control-block writes sent over
 * the control port, in either direction, when there is no shared memory to store them in.
 */
export interface ControlWrites {
  readonly slots: readonly [slot: number, value: number][];
  /** Page → worker: a "go to" target. */
  readonly seekTarget?: number;
  /** Worker → page: the backtest time. */
  readonly backtestTime?: number;
}

export class ControlBlock {
  readonly int32: Int32Array;
  readonly time: BigInt64Array;

  constructor(readonly buffer: SharedArrayBuffer | ArrayBuffer) {
    this.int32 = new Int32Array(buffer, 0, INT32_SLOTS);
    this.time = new BigInt64Array(buffer, INT32_SLOTS * 4, BIGINT_SLOTS);
  }

  static create(shared: boolean): ControlBlock {
    return new ControlBlock(shared ? new SharedArrayBuffer(CONTROL_BLOCK_BYTES) : new ArrayBuffer(CONTROL_BLOCK_BYTES));
  }

  get shared(): boolean {
    return typeof SharedArrayBuffer !== 'undefined' && this.buffer instanceof SharedArrayBuffer;
  }

  load(slot: number): number {
    return Atomics.load(this.int32, slot);
  }

  store(slot: number, value: number): void {
    Atomics.store(this.int32, slot, value);
  }

  add(slot: number, delta: number): number {
    return Atomics.add(this.int32, slot, delta) + delta;
  }

  backtestTime(): number {
    return Number(Atomics.load(this.time, TimeSlot.BACKTEST_TIME));
  }

  setBacktestTime(ms: number): void {
    Atomics.store(this.time, TimeSlot.BACKTEST_TIME, BigInt(Math.round(ms)));
  }

  seekTarget(): number {
    return Number(Atomics.load(this.time, TimeSlot.SEEK_TARGET));
  }

  setSeekTarget(ms: number): void {
    Atomics.store(this.time, TimeSlot.SEEK_TARGET, BigInt(Math.round(ms)));
  }
}

export function speedToCell(speed: number | 'max'): number {
  return speed === 'max' ? 0 : Math.max(1, Math.round(speed * SPEED_SCALE));
}

export function speedFromCell(cell: number): number {
  return cell / SPEED_SCALE;
}
