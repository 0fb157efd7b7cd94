// The page's step requests while PAUSED, as the coordinator worker counts them: one item (`step`),
// every item of the next emit time (`bar`), undo the last emitted time step (`back`). Worker
// thread; the BacktestStreamCoordinator owns one. The page bumps a request counter per kind
// (Slot.STEP_REQUESTS, STEP_BAR_REQUESTS, STEP_BACK_REQUESTS); this counts the ones taken and
// publishes their sum (Slot.STEPS_TAKEN), so the page knows when every request was met.

import { Slot } from '../core/control-block';
import type { CoordinatorView } from '../core/coordinator-step';
import { MergeStatus, type StreamMerger } from '../core/stream-merger';
import type { CoordinatorEvent } from './coordinator-api';
import type { WorkerGate } from './worker-gate';

/** The kinds of step, as the 'stepped' event names them. */
export type StepKind = Extract<CoordinatorEvent, { kind: 'stepped' }>['step'];

const REQUEST_SLOT: Record<StepKind, number> = { item: Slot.STEP_REQUESTS, bar: Slot.STEP_BAR_REQUESTS, back: Slot.STEP_BACK_REQUESTS };
const KINDS = Object.keys(REQUEST_SLOT) as StepKind[];

export class StepRequests {
  private readonly taken: Record<StepKind, number> = { item: 0, bar: 0, back: 0 };

  constructor(private readonly gate: WorkerGate) {}

  /**
   * Requests not taken by now are void: at a new run, and at a resume that overtook them — a step
   * acts only while PAUSED, and one left over would otherwise fire after the next pause was
   * acknowledged, changing a count the page promises holds still (design.md, `emitted-count`).
   */
  reset(): void {
    for (const kind of KINDS) this.taken[kind] = this.gate.control.load(REQUEST_SLOT[kind]);
    this.publish();
  }

  /** Which kinds are asked for and not yet taken, into the loop's view. */
  observe(view: CoordinatorView): void {
    const asked = (kind: StepKind) => this.gate.control.load(REQUEST_SLOT[kind]) > this.taken[kind];
    view.stepRequested = asked('item');
    view.barStepRequested = asked('bar');
    view.backStepRequested = asked('back');
  }

  /** One request of `kind` is being met; returns Slot.STEPS_TAKEN as now published. */
  take(kind: StepKind): number {
    this.taken[kind]++;
    return this.publish();
  }

  private publish(): number {
    const total = this.taken.item + this.taken.bar + this.taken.back;
    this.gate.publish(Slot.STEPS_TAKEN, total);
    return total;
  }
}

/**
 * A bar step: takes (through `takeHead`, which emits) every item with the next emit time, across
 * all streams — one minute of a 1m replay. Stops early if the run is dropped (`loaded` false).
 */
export function takeOneEmitTime(merger: StreamMerger, takeHead: () => void, loaded: () => boolean): void {
  if (merger.peek() !== MergeStatus.READY) return;
  const time = merger.headEmit();
  do takeHead();
  while (loaded() && merger.peek() === MergeStatus.READY && merger.headEmit() === time);
}
