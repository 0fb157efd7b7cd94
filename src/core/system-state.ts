// The SystemManager's lifecycle as one transition table (the design note's three states).
// Pure TypeScript. Any move not in the table fails loudly, as in NautilusTrader's components.

/** The numbers are what the shared state cell holds (control-block.ts). */
export enum SystemState {
  /** Nothing streams; stream setup happens in this state — that is the design note's point. */
  STOPPED = 0,
  /** The gate is open: the coordinator advances backtest time and emits items. */
  RUNNING = 1,
  /** The gate is closed again mid-run; `step` lets exactly one item through. */
  PAUSED = 2,
}

export type SystemAction = 'start' | 'pause' | 'resume' | 'stop' | 'complete';

const TRANSITIONS: Record<SystemState, Partial<Record<SystemAction, SystemState>>> = {
  [SystemState.STOPPED]: { start: SystemState.RUNNING },
  [SystemState.RUNNING]: { pause: SystemState.PAUSED, stop: SystemState.STOPPED, complete: SystemState.STOPPED },
  // A step while PAUSED can emit the last item, so a paused run can complete.
  [SystemState.PAUSED]: { resume: SystemState.RUNNING, stop: SystemState.STOPPED, complete: SystemState.STOPPED },
};

export class IllegalTransitionError extends Error {
  override name = 'IllegalTransitionError';
}

export function canTransition(state: SystemState, action: SystemAction): boolean {
  return TRANSITIONS[state][action] !== undefined;
}

export function transition(state: SystemState, action: SystemAction): SystemState {
  const next = TRANSITIONS[state][action];
  if (next === undefined) throw new IllegalTransitionError(`cannot ${action} while ${SystemState[state]}`);
  return next;
}
