// The gate as the coordinator worker sees it (design.md, "The gate"): read the control block,
// wait for the doorbell, and get back to the event loop when the page has posted mail.
// Worker thread only: the Atomics implementation calls Atomics.wait, which the page may not.
//
// Why bounded waits and a mail counter (deadlock-free design (a) of design.md): a worker blocked
// in Atomics.wait runs no event loop, so it would never receive the Comlink calls that feed its
// queues while it holds an item at the gate. Feeding through messages keeps the typed, zero-copy
// transfer of whole columnar chunks and needs no fixed-size shared arena; the cost is that the
// worker must return to its event loop whenever mail is waiting. The page bumps MAIL_POSTED and
// rings after every call, so the worker wakes at once, takes a real task turn (a MessageChannel
// post, not a resolved promise), and comes back when it has read as many messages as were posted.
// Every wait is also bounded, so even mail the page forgot to announce is read within a slice.
// The fallback gate needs the event loop for every control change anyway: one design serves both.

import { ControlBlock, CONTROL_BLOCK_BYTES, Slot, type ControlWrites } from '../core/control-block';

export interface WorkerGate {
  readonly kind: 'atomics' | 'message';
  readonly control: ControlBlock;
  /** Waits until the doorbell differs from `seen` or `timeoutMs` passes; returns at once if it already differs. */
  wait(seen: number, timeoutMs: number): Promise<void> | void;
  /** A promise to await when the worker should take an event-loop turn now, else undefined. */
  checkpoint(): Promise<void> | undefined;
  /** Writes a worker-owned slot (WORKER_PHASE, EMITTED) where the page can read it. */
  publish(slot: number, value: number): void;
  /** setBacktestTime: writes the backtest time where the page's TimeProvider reads it. */
  publishBacktestTime(ms: number): void;
  /** The design note's time.sleep: deaf to the doorbell (only for the uninterruptible-sleep flaw). */
  sleep(ms: number): Promise<void> | void;
}

/** Takes one real event-loop turn: a MessageChannel task lets queued messages run first. */
export function createTaskYield(): () => Promise<void> {
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });
}

export class AtomicsWorkerGate implements WorkerGate {
  readonly kind = 'atomics';

  constructor(
    readonly control: ControlBlock,
    /** How many messages the worker has received so far. */
    private readonly mailTaken: () => number,
    private readonly yieldTask: () => Promise<void>,
  ) {}

  wait(seen: number, timeoutMs: number): Promise<void> | void {
    const result = Atomics.wait(this.control.int32, Slot.DOORBELL, seen, Math.max(0, timeoutMs));
    // The safety net of design (a): a slice that ran out ends with an event-loop turn.
    if (result === 'timed-out') return this.yieldTask();
  }

  checkpoint(): Promise<void> | undefined {
    return this.control.load(Slot.MAIL_POSTED) - this.mailTaken() > 0 ? this.yieldTask() : undefined;
  }

  publish(slot: number, value: number): void {
    this.control.store(slot, value);
  }

  publishBacktestTime(ms: number): void {
    this.control.setBacktestTime(ms);
  }

  private readonly nobody = new Int32Array(new SharedArrayBuffer(4));

  sleep(ms: number): void {
    Atomics.wait(this.nobody, 0, 0, ms); // a cell nobody ever notifies
  }
}

/** The fallback gate: the same control block, mirrored from the page by messages. */
export class MessageWorkerGate implements WorkerGate {
  readonly kind = 'message';
  readonly control = new ControlBlock(new ArrayBuffer(CONTROL_BLOCK_BYTES));
  private wake: (() => void) | null = null;
  private lastTurn = 0;
  /** While streaming, take an event-loop turn this often so control messages are read. */
  static readonly TURN_MS = 4;

  constructor(
    private readonly port: MessagePort,
    private readonly yieldTask: () => Promise<void>,
  ) {
    port.onmessage = (event: MessageEvent<ControlWrites>) => {
      if (event.data.seekTarget !== undefined) this.control.setSeekTarget(event.data.seekTarget);
      for (const [slot, value] of event.data.slots) this.control.store(slot, value);
      this.wake?.();
    };
  }

  wait(seen: number, timeoutMs: number): Promise<void> | void {
    if (this.control.load(Slot.DOORBELL) !== seen) return;
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, Math.max(0, timeoutMs));
      const wake = () => done();
      this.wake = wake;
      function done() {
        clearTimeout(timer);
        resolve();
      }
    }).finally(() => {
      this.wake = null;
      this.lastTurn = performance.now();
    });
  }

  checkpoint(): Promise<void> | undefined {
    const now = performance.now();
    if (now - this.lastTurn < MessageWorkerGate.TURN_MS) return undefined;
    this.lastTurn = now;
    return this.yieldTask();
  }

  // The page cannot see this copy: send each change back on the same port.
  publish(slot: number, value: number): void {
    if (this.control.load(slot) === value) return;
    this.control.store(slot, value);
    this.port.postMessage({ slots: [[slot, value]] } satisfies ControlWrites);
  }

  sleep(ms: number): Promise<void> {
    // Control messages still arrive meanwhile, but nobody looks at them until the sleep ends.
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  publishBacktestTime(ms: number): void {
    if (this.control.backtestTime() === Math.round(ms)) return;
    this.control.setBacktestTime(ms);
    this.port.postMessage({ slots: [], backtestTime: ms } satisfies ControlWrites);
  }
}
