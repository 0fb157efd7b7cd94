// The gate as the page sees it: store a control value, then ring the doorbell. Main thread only:
// the page never waits (Atomics.wait is not allowed there and would freeze the UI).
// Two implementations behind one interface (design.md, "The gate"): shared memory when the page
// is cross-origin isolated, messages when it is not (the fallback gate).

import { ControlBlock, Slot, type ControlWrites } from '../core/control-block';
import type { SystemState } from '../core/system-state';

export type GateKind = 'atomics' | 'message';

export abstract class PageGate {
  abstract readonly kind: GateKind;

  constructor(readonly control: ControlBlock) {}

  /** Stores the new state, bumps STATE_SEQ and rings; returns the sequence number to await. */
  setState(state: SystemState): number {
    const seq = this.control.load(Slot.STATE_SEQ) + 1;
    this.publish([
      [Slot.STATE, state],
      [Slot.STATE_SEQ, seq],
    ]);
    return seq;
  }

  setSpeed(cell: number): void {
    this.publish([[Slot.SPEED, cell]]);
  }

  /** A batch was taken into SessionData: the worker may post another (flow control). */
  batchTaken(): void {
    this.publish([[Slot.BATCHES_TAKEN, this.control.load(Slot.BATCHES_TAKEN) + 1]]);
  }

  requestStep(): void {
    this.publish([[Slot.STEP_REQUESTS, this.control.load(Slot.STEP_REQUESTS) + 1]]);
  }

  /** A bar step: every item with the next emit time. */
  requestBarStep(): void {
    this.publish([[Slot.STEP_BAR_REQUESTS, this.control.load(Slot.STEP_BAR_REQUESTS) + 1]]);
  }

  /** A step back: undo the last emitted time step. */
  requestStepBack(): void {
    this.publish([[Slot.STEP_BACK_REQUESTS, this.control.load(Slot.STEP_BACK_REQUESTS) + 1]]);
  }

  /** Step requests of any kind the worker has not taken yet. */
  stepsPending(): number {
    const asked = this.control.load(Slot.STEP_REQUESTS) + this.control.load(Slot.STEP_BAR_REQUESTS) + this.control.load(Slot.STEP_BACK_REQUESTS);
    return asked - this.control.load(Slot.STEPS_TAKEN);
  }

  shutdown(): void {
    this.publish([[Slot.SHUTDOWN, 1]]);
  }

  /** "Go to": fast-forward, without pacing, through every item due by `targetMs`. */
  seek(targetMs: number): void {
    this.publish([[Slot.SEEK_SEQ, this.control.load(Slot.SEEK_SEQ) + 1]], targetMs);
  }

  /**
   * The worker reported these in a 'stepped' event. Shared memory already holds them (and maybe
   * later values): nothing to do. The fallback gate's copy is behind until the control port's
   * message arrives, which may come after the event: it takes them now.
   */
  abstract workerReported(stepsTaken: number, backtestTime: number): void;

  /** Called right after each message posted to the worker (see worker-gate.ts). */
  abstract mailPosted(): void;

  /** Stores the values (and a seek target), then rings the doorbell once for all of them. */
  protected abstract publish(writes: readonly [slot: number, value: number][], seekTarget?: number): void;
}

export class SharedPageGate extends PageGate {
  readonly kind = 'atomics';

  mailPosted(): void {
    this.control.add(Slot.MAIL_POSTED, 1);
    this.ring();
  }

  workerReported(): void {}

  protected publish(writes: readonly [number, number][], seekTarget?: number): void {
    if (seekTarget !== undefined) this.control.setSeekTarget(seekTarget);
    for (const [slot, value] of writes) this.control.store(slot, value);
    this.ring();
  }

  private ring(): void {
    this.control.add(Slot.DOORBELL, 1);
    Atomics.notify(this.control.int32, Slot.DOORBELL);
  }
}

export class MessagePageGate extends PageGate {
  readonly kind = 'message';

  constructor(
    control: ControlBlock,
    private readonly port: MessagePort,
  ) {
    super(control);
    // The worker's own slots (phase, emitted, backtest time) come back on the same port.
    port.onmessage = (event: MessageEvent<ControlWrites>) => {
      for (const [slot, value] of event.data.slots) control.store(slot, value);
      if (event.data.backtestTime !== undefined) control.setBacktestTime(event.data.backtestTime);
    };
  }

  workerReported(stepsTaken: number, backtestTime: number): void {
    this.control.store(Slot.STEPS_TAKEN, Math.max(stepsTaken, this.control.load(Slot.STEPS_TAKEN)));
    this.control.setBacktestTime(backtestTime);
  }

  mailPosted(): void {
    // Messages wake the fallback worker by themselves: it waits on its event loop.
  }

  protected publish(writes: readonly [number, number][], seekTarget?: number): void {
    const doorbell = this.control.load(Slot.DOORBELL) + 1;
    const slots: [number, number][] = [...writes, [Slot.DOORBELL, doorbell]];
    for (const [slot, value] of slots) this.control.store(slot, value);
    if (seekTarget !== undefined) this.control.setSeekTarget(seekTarget);
    this.port.postMessage({ slots, seekTarget } satisfies ControlWrites);
  }
}
