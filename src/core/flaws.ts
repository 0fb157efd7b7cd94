// The design note's original behaviours that this engine fixes, each switchable back on for
// teaching (design.md, "The design note's original, and what we fix"). Pure TypeScript: the
// switches travel with a run plan to the coordinator and the data manager, and change one
// strategy in the real engine each — never a separate fake.

export interface Flaws {
  /** No system manager attached: the coordinator streams while setup is still feeding. */
  readonly noGate: boolean;
  /** The oldest item is chosen before the gate is checked; a stream fed meanwhile is not compared. */
  readonly lateGateCheck: boolean;
  /** An item older than the backtest time is dropped without a word. */
  readonly dropStale: boolean;
  /** An empty queue is taken as "no more data": a lagging stream is overtaken. */
  readonly emptyAsDone: boolean;
  /** The whole day is written into SessionData before the replay starts (and again as it streams). */
  readonly lookAhead: boolean;
  /** The pacing sleep cannot be interrupted: a pause waits out the gap. */
  readonly uninterruptibleSleep: boolean;
  /** Every bar's end is taken as start + 1 minute, whatever its interval. */
  readonly oneMinuteBarEnd: boolean;
}

export const NO_FLAWS: Flaws = {
  noGate: false,
  lateGateCheck: false,
  dropStale: false,
  emptyAsDone: false,
  lookAhead: false,
  uninterruptibleSleep: false,
  oneMinuteBarEnd: false,
};

export function anyFlaw(flaws: Flaws): boolean {
  return Object.values(flaws).some(Boolean);
}

/**
 * Setup timing that lets a flaw show itself, the same every time: what is held back is released
 * by an event in the run (the coordinator has taken all it may), never by a timer.
 */
export interface Scenario {
  /** Set this symbol up last, as if its fetch were slow: once the coordinator has taken all it may. */
  readonly lateSymbol?: { readonly symbol: string };
  /** Feed this symbol's first part during setup, and the rest once the running coordinator runs out of items. */
  readonly lagging?: { readonly symbol: string; readonly fraction: number };
}

/** A run of the real engine with some flaws switched back on. */
export interface Experiment {
  readonly flaws: Flaws;
  readonly scenario: Scenario;
}

export const FIXED: Experiment = { flaws: NO_FLAWS, scenario: {} };
