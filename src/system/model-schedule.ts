// From the model back to the real engine: a flaw's shortest counterexample (core/gate-model.ts)
// is read for its order of events — did the coordinator take an item before the second stream
// was set up? did a stream's last feed arrive after the others were drained? did the pause come
// while the coordinator waited out a gap? — and that order becomes the teaching experiment's
// schedule, played on the real engine through the deterministic hook the lab already uses
// (CoordinatorApi.watchQuiet: a held-back feed is released when the coordinator has taken all it
// may, never by a timer). Main thread; the Verify view and the tests call it.

import { checkModel, type Trace } from '../core/model-checker';
import { flawsFromIds, gateModel, FLAW_IDS, type GateVariant } from '../core/gate-model';
import type { GatePropertyId } from '../core/gate-model-properties';
import { Pc, V } from '../core/gate-model-state';
import type { Flaws } from '../core/flaws';
import type { ViolationKind } from '../core/invariant-checker';
import { SystemState } from '../core/system-state';
import { EXPERIMENTS, type TeachingExperiment } from './experiments';

/** The order of events the engine must reproduce. */
export interface ModelSchedule {
  /** The coordinator took an item before the second stream was registered: set that stream up late. */
  readonly lateSetup: boolean;
  /** A stream's last feed arrived after the coordinator had drained the other: hold it back until then. */
  readonly laggingFeed: boolean;
  /** The person paused while the coordinator waited out a pacing gap. */
  readonly pauseInGap: boolean;
}

/** What the engine's invariant checker calls each model property's violation. */
export const PROPERTY_KINDS: Readonly<Partial<Record<GatePropertyId, readonly ViolationKind[]>>> = {
  'no-overtaking': ['overtaken', 'time-backwards'],
  'nothing-dropped': ['dropped'],
  'no-look-ahead': ['look-ahead'],
  'pause-at-once': ['late-pause'],
};

/**
 * Which real stream plays the model's B (the one that is set up late or lags) in each
 * experiment's data: the data binding of the schedule, not its order. Each is the stream whose
 * held-back bars are older than what the others have reached.
 */
const STREAM_B: Readonly<Record<string, string>> = { 'no-gate': 'SPY', 'late-gate-check': 'SPY', 'drop-stale': 'SPY', 'empty-as-done': 'IBM' };

export function scheduleFromTrace(trace: Trace): ModelSchedule {
  const first = (test: (s: Int32Array) => boolean) => trace.states.findIndex(test);
  const before = (index: number, test: (s: Int32Array) => boolean) => index > 0 && trace.states.slice(0, index).some(test);
  // When the coordinator itself got B's registration, and B's last bar (not when the page sent them).
  const registeredB = first((s) => (s[V.REGISTERED] & 2) !== 0);
  const lastOfB = first((s) => s[V.FED_B] === 2);
  return {
    // (Each only when the counterexample contains that event at all: -1 is "never".)
    lateSetup: before(registeredB, (s) => s[V.TAKEN_A] > 0),
    laggingFeed: before(lastOfB, (s) => s[V.TAKEN_A] === 2),
    // The page had stored PAUSED, and the coordinator, not having seen it, was sleeping out a gap.
    pauseInGap: trace.states.some((s) => s[V.PC] === Pc.SLEEP && s[V.WAIT_GAP] === 1 && s[V.CELL] === SystemState.PAUSED && s[V.SEES] !== SystemState.PAUSED),
  };
}

/** The flaw ids (the model's `flaws=`) of an experiment's switches. */
export function flawIdsOf(flaws: Partial<Flaws>): string[] {
  return Object.entries(FLAW_IDS).filter(([, key]) => flaws[key]).map(([id]) => id);
}

/** The lab's experiment whose switches are exactly these flaws, if any. */
export function experimentForFlaws(ids: readonly string[]): TeachingExperiment | undefined {
  const key = [...ids].sort().join(',');
  return EXPERIMENTS.find((e) => !e.unavailable && flawIdsOf(e.flaws).sort().join(',') === key);
}

export interface ModelExperiment {
  /** The model property whose counterexample was played, and what the engine's checker must report. */
  readonly property: GatePropertyId;
  readonly kinds: readonly ViolationKind[];
  readonly schedule: ModelSchedule;
  /** The experiment with its scenario replaced by the one read from the counterexample. */
  readonly experiment: TeachingExperiment;
  readonly steps: number;
}

/**
 * Checks the model of `experiment`'s flaws on `variant` (the gate the engine will run on), takes
 * the counterexample of the first violated property the engine's checker can see, and turns its
 * order of events into the experiment's schedule. Null when the model finds no such violation.
 */
export function experimentFromModel(experiment: TeachingExperiment, variant: GateVariant): ModelExperiment | null {
  const model = gateModel({ variant, flaws: flawsFromIds(flawIdsOf(experiment.flaws)) });
  const result = checkModel(model);
  const property = engineVisibleProperty(experiment, result.properties.filter((p) => p.verdict === 'violated').map((p) => p.id));
  const trace = result.properties.find((p) => p.id === property)?.trace;
  return property && trace ? experimentFromTrace(experiment, property, trace) : null;
}

/** Of the model's violated properties, the first the engine's checker reports for this experiment. */
export function engineVisibleProperty(experiment: TeachingExperiment, violated: readonly string[]): GatePropertyId | undefined {
  return violated.find((id) => PROPERTY_KINDS[id as GatePropertyId]?.some((k) => experiment.expected.includes(k))) as GatePropertyId | undefined;
}

/** The experiment with the schedule read from `trace`, a counterexample of `property`. */
export function experimentFromTrace(experiment: TeachingExperiment, property: GatePropertyId, trace: Trace): ModelExperiment {
  const schedule = scheduleFromTrace(trace);
  const symbol = STREAM_B[experiment.id] ?? '';
  const scenario = {
    ...(schedule.lateSetup && symbol ? { lateSymbol: { symbol } } : {}),
    ...(schedule.laggingFeed && symbol ? { lagging: { symbol, fraction: 0.5 } } : {}),
  };
  return {
    property,
    kinds: PROPERTY_KINDS[property] ?? [],
    schedule,
    experiment: { ...experiment, scenario, pauseMidGap: schedule.pauseInGap || undefined },
    steps: trace.states.length - 1,
  };
}
