// The coordinator loop's choice of what to do next, as one pure function: what the loop sees
// (a CoordinatorView) → one CoordinatorStep. Pure TypeScript; the coordinator worker's loop
// (worker/backtest-stream-coordinator.ts) fills the view each turn, calls nextStep and performs
// the step. Each row below is one case of the fixed engine, a flaw (flaws.ts), live mode, flow
// control or "go to"; coordinator-step.test.ts has a row for each.

import { MergeStatus } from './stream-merger';
import { SystemState } from './system-state';

/** What the loop sees at the start of a turn. Filled in place (one record per coordinator, not per turn). */
export interface CoordinatorView {
  /** The page asked the worker to exit (Slot.SHUTDOWN). */
  shutdown: boolean;
  /** A run is loaded (clearStreams was called and no error dropped it). */
  hasPlan: boolean;
  /** The run is live: no gate, no pacing (the design note's is_backtest_mode() is false). */
  live: boolean;
  state: SystemState;
  /** What the merge's peek() found (EXHAUSTED without a plan). */
  status: MergeStatus;
  /** A "go to" is under way. */
  seeking: boolean;
  /** …and its target is reached: no item is ready, or the oldest one is due after the target. */
  seekTargetReached: boolean;
  /** The late-gate-check flaw holds an item taken before the gate was checked. */
  holding: boolean;
  /** This run's "complete" has been reported. */
  finishedRun: boolean;
  /** Enough batches are on their way to the page (flow control). */
  pageBehind: boolean;
  /** The page asked for more steps than were taken (Slot.STEP_REQUESTS). */
  stepRequested: boolean;
  /** …for more bar steps (Slot.STEP_BAR_REQUESTS): every item of the next emit time. */
  barStepRequested: boolean;
  /** …for more steps back (Slot.STEP_BACK_REQUESTS): undo the last emitted time step. */
  backStepRequested: boolean;
  /** How long until the oldest ready item is due at the chosen speed, ms (0: due now). */
  delayMs: number;
  /** The three flaws the loop itself switches on (the merge handles the other two). */
  noGate: boolean;
  lateGateCheck: boolean;
  uninterruptibleSleep: boolean;
}

/** The view before the first turn: no run loaded, STOPPED, nothing ready, no flaw. */
export function idleView(): CoordinatorView {
  return {
    shutdown: false,
    hasPlan: false,
    live: false,
    state: SystemState.STOPPED,
    status: MergeStatus.EXHAUSTED,
    seeking: false,
    seekTargetReached: false,
    holding: false,
    finishedRun: false,
    pageBehind: false,
    stepRequested: false,
    barStepRequested: false,
    backStepRequested: false,
    delayMs: 0,
    noGate: false,
    lateGateCheck: false,
    uninterruptibleSleep: false,
  };
}

/** What the loop does this turn. Wait steps wait on the doorbell for at most a slice. */
export type CoordinatorStep =
  /** Flush, report "exited" and leave the loop. */
  | 'exit'
  /** The "go to" target is reached: pacing restarts from here (then the next turn decides afresh). */
  | 'finish-seek'
  /** The late-gate-check flaw: the held item goes first, compared with nothing. */
  | 'emit-held'
  /** Every stream is drained: report the run complete, then wait idle. */
  | 'complete'
  /** No item is ready (queues empty, a stream blocked, or no run): wait for a feed or a command. */
  | 'wait-idle'
  /** Flow control: wait until the page takes a batch (it rings the doorbell as it takes each). */
  | 'wait-page'
  /** The design note's gate: hold the oldest item until the system reads RUNNING. */
  | 'wait-gate'
  /** The late-gate-check flaw: take the oldest item before the gate is checked, then wait at it. */
  | 'hold-and-wait-gate'
  /** PAUSED with no step asked for. */
  | 'wait-paused'
  /** PAUSED and a step was asked for: emit exactly one item. */
  | 'step'
  /** PAUSED and a bar step was asked for: emit every item with the next emit time. */
  | 'step-bar'
  /** PAUSED and a step back was asked for: undo the last emitted time step (report 'rewound'). */
  | 'step-back'
  /** Emit the items that are due (paced, at max speed, or up to the "go to" target). */
  | 'stream'
  /** Emit every ready item, unpaced: live mode, or the no-gate flaw during setup. */
  | 'stream-unpaced'
  /** The oldest item is not due yet: wait out (a slice of) the gap, watching the doorbell. */
  | 'wait-gap'
  /** The uninterruptible-sleep flaw: sleep the whole gap without watching the doorbell. */
  | 'sleep-gap';

/** The coordinator's decision, first matching row wins. */
export function nextStep(view: CoordinatorView): CoordinatorStep {
  const { state } = view;
  if (view.shutdown) return 'exit';
  if (view.seeking && state === SystemState.RUNNING && view.seekTargetReached) return 'finish-seek';
  if (view.holding) return state === SystemState.STOPPED ? 'wait-gate' : 'emit-held';
  // A step back needs no ready item (the queues may be blocked or drained behind it).
  if (state === SystemState.PAUSED && view.backStepRequested && view.hasPlan && !view.live) return 'step-back';
  if (view.status !== MergeStatus.READY) {
    const drained = view.status === MergeStatus.EXHAUSTED && view.hasPlan && state !== SystemState.STOPPED;
    return drained && !view.finishedRun ? 'complete' : 'wait-idle';
  }
  // From here on an item is ready.
  if (view.pageBehind && (state === SystemState.RUNNING || view.live || view.noGate)) return 'wait-page';
  if (view.live && state !== SystemState.PAUSED) return 'stream-unpaced';
  if (state === SystemState.STOPPED) {
    if (view.noGate) return 'stream-unpaced'; // the flaw: nothing holds the coordinator during setup
    return view.lateGateCheck ? 'hold-and-wait-gate' : 'wait-gate';
  }
  if (state === SystemState.PAUSED) return view.barStepRequested ? 'step-bar' : view.stepRequested ? 'step' : 'wait-paused';
  // RUNNING, replay mode.
  if (view.seeking || view.delayMs <= 0) return 'stream';
  return view.uninterruptibleSleep ? 'sleep-gap' : 'wait-gap';
}
