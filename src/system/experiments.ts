// The teaching experiments: each switches one behaviour of the design note's original back on in
// the real engine (flaws.ts), on a scenario that makes it show, the same every time. Plain data
// and one runner; main thread. The page's Experiments panel and the tests both use this list.

import { NO_FLAWS, type Experiment, type Flaws } from '../core/flaws';
import type { Violation, ViolationKind } from '../core/invariant-checker';
import { SystemState } from '../core/system-state';
import type { ReplayRequest } from '../core/url-params';
import type { SystemManager } from './system-manager';

export interface TeachingExperiment {
  readonly id: string;
  readonly title: string;
  /** Which flaws are on in the flawed run (the fixed run has none, on the same scenario). */
  readonly flaws: Partial<Flaws>;
  readonly request: ReplayRequest;
  readonly scenario: Experiment['scenario'];
  /** What the scenario does, in a line. */
  readonly setting: string;
  /** What the checker must report with the flaw on. */
  readonly expected: readonly ViolationKind[];
  /** Three or four sentences: why it goes wrong, and what the fix does. */
  readonly explanation: string;
  /** The experiment pauses mid-gap instead of running to the end. */
  readonly pauseMidGap?: boolean;
  /** Set when the engine cannot run this experiment, with the reason. */
  readonly unavailable?: string;
}

const FOUR: ReplayRequest = { configName: 'spy-aig-bac-ibm-2013-10-07', overrides: { speed: 'max' }, autostart: false };
const EARLY_BIRDS: ReplayRequest = { overrides: { symbols: 'AIG,SPY', from: '2013-10-04', hours: 'extended', speed: 'max' }, autostart: false };

export const EXPERIMENTS: readonly TeachingExperiment[] = [
  {
    id: 'no-gate',
    title: 'No gate: stream while setup is still feeding',
    flaws: { noGate: true },
    request: FOUR,
    scenario: { lateSymbol: { symbol: 'SPY' } },
    setting: 'Four symbols; SPY is set up last, once the coordinator has taken all it may (a slow fetch).',
    expected: ['overtaken', 'time-backwards'],
    explanation:
      'With no system manager attached, the coordinator does not wait for RUNNING: as soon as AIG, BAC and IBM are fed it streams their whole day. ' +
      'When SPY finally arrives, the clock already reads 16:00, and its first bar, 09:31, is older than the backtest time. ' +
      'This is the race in the design note ("Coordinator tries to stream → RACE CONDITION"). ' +
      'The gate fixes it: nothing streams until every stream is fed and the state reads RUNNING.',
  },
  {
    id: 'late-gate-check',
    title: 'Gate checked after the oldest item is chosen',
    flaws: { lateGateCheck: true },
    request: EARLY_BIRDS,
    scenario: { lateSymbol: { symbol: 'SPY' } },
    setting: 'AIG and SPY, extended hours on 2013-10-04; SPY (first bar 04:06) is fed once the coordinator waits at the gate with AIG (first bar 06:59).',
    expected: ['overtaken', 'time-backwards'],
    explanation:
      "The original picks the oldest pending item first and only then waits at the gate. While it waits holding AIG's 06:59 bar, " +
      'SPY is fed with bars from 04:06 — but the choice is already made, so AIG goes first and SPY is overtaken. ' +
      'The fixed coordinator re-reads every queue when it wakes, so the oldest item at the moment the gate opens goes first. ' +
      "Here the engine's own check refuses to turn the clock back, and the checker reports it.",
  },
  {
    id: 'drop-stale',
    title: 'Stale items silently dropped',
    flaws: { lateGateCheck: true, dropStale: true },
    request: EARLY_BIRDS,
    scenario: { lateSymbol: { symbol: 'SPY' } },
    setting: 'The late-gate-check scenario, with the original\'s "drop what is older than now".',
    expected: ['dropped'],
    explanation:
      "The original then drops every item older than the current time, without a word. SPY's pre-market bars before 07:00 vanish, " +
      'the replay looks smooth, and only counting shows the loss: fewer bars emitted than were fed. ' +
      'The fixed engine never drops an item: an item older than the backtest time is an error that is reported, not skipped.',
  },
  {
    id: 'empty-as-done',
    title: 'An empty queue taken as "done"',
    flaws: { emptyAsDone: true },
    request: FOUR,
    scenario: { lagging: { symbol: 'IBM', fraction: 0.5 } },
    setting: "IBM's feed lags: half its bars during setup, the rest once the running coordinator has nothing left to take.",
    expected: ['overtaken', 'time-backwards'],
    explanation:
      'When IBM\'s queue runs dry, the original takes "empty" to mean "finished" and lets the other streams run ahead to the close. ' +
      "When IBM's remaining bars arrive, they are hours older than the backtest time. " +
      'The fixed merge waits for a registered stream that is empty but not finished: it emits only when every such stream has an item or has said it is done.',
  },
  {
    id: 'look-ahead',
    title: 'Look-ahead: the whole day in SessionData before the replay',
    flaws: { lookAhead: true },
    request: FOUR,
    scenario: {},
    setting: 'Four symbols; setup writes every fetched bar into SessionData, as the original\'s add_bar loop did.',
    expected: ['look-ahead', 'duplicate'],
    explanation:
      "The original's start_bar_streams adds every fetched bar to session_data before feeding the coordinator. " +
      'At 09:30 a strategy could already read the 15:59 close — look-ahead, the backtest that is too good to be true — and each bar arrives a second time when it is streamed. ' +
      'In the fixed engine SessionData holds only what the coordinator has emitted, so nothing is visible before its end time.',
  },
  {
    id: 'uninterruptible-sleep',
    title: 'Pacing sleep that cannot be interrupted',
    flaws: { uninterruptibleSleep: true },
    request: { overrides: { symbols: 'SPY', from: '2013-10-07', speed: 20 }, autostart: false },
    scenario: {},
    setting: 'SPY at 20x (a one-minute bar every 3 s); pause as the first bar arrives, at the start of the next 3 s gap.',
    expected: ['late-pause'],
    explanation:
      'The original paces with time.sleep(gap / speed), which nothing can cut short: a pause waits out the rest of the gap. ' +
      'At 60x an overnight gap is about 17 minutes of sleeping; here it is the whole 3 s gap after the first bar. ' +
      'The fixed coordinator waits on the doorbell instead, so a pause, a stop or a speed change acts at once.',
    pauseMidGap: true,
  },
  {
    id: 'one-minute-bar-end',
    title: 'Bar end taken as start + 1 minute for 5-minute bars',
    flaws: { oneMinuteBarEnd: true },
    request: { overrides: { symbols: 'SPY', from: '2013-10-07', interval: '1m,5m', speed: 'max' }, autostart: false },
    scenario: {},
    setting: 'SPY in 1-minute and 5-minute bars on 2013-10-07.',
    expected: ['look-ahead'],
    explanation:
      'The original stamps every bar as ending one minute after its start. The 5-minute bar that starts at 09:30 is then emitted at 09:31, ' +
      'beside the first 1-minute bar — carrying the high, low and close of minutes that have not happened yet. ' +
      'The fixed engine emits each bar at its start plus its own interval, cut at the session close: the 09:30 five-minute bar appears at 09:35.',
  },
];

const RUN_LIMIT_MS = 30_000;

export interface ExperimentResult {
  readonly counts: Readonly<Record<ViolationKind, number>>;
  readonly total: number;
  readonly violations: readonly Violation[];
  readonly emitted: number;
  readonly error: string | null;
}

/** Runs one experiment, with its flaws on or fixed, on its scenario; resolves with what the checker found. */
export async function runExperiment(manager: SystemManager, experiment: TeachingExperiment, variant: 'flawed' | 'fixed'): Promise<ExperimentResult> {
  await manager.stop();
  const flaws = variant === 'flawed' ? { ...NO_FLAWS, ...experiment.flaws } : NO_FLAWS;
  const started = manager.start(experiment.request, { flaws, scenario: experiment.scenario });
  if (experiment.pauseMidGap) {
    if (await started) {
      await firstItem(manager); // the coordinator has just begun the gap to the second bar
      await manager.pause();
      await manager.stop();
    }
  } else {
    await started;
    // Until the run completes or fails; a run still going after a generous bound is stopped.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => void manager.stop(), RUN_LIMIT_MS);
      const done = () => {
        const snap = manager.snapshot();
        if (!snap.starting && snap.state === SystemState.STOPPED) {
          clearTimeout(timer);
          unsubscribe();
          resolve();
        }
      };
      const unsubscribe = manager.subscribe(done);
      done();
    });
  }
  const snap = manager.snapshot();
  return { counts: snap.invariants.counts, total: snap.invariants.total, violations: snap.invariants.violations.slice(0, 6), emitted: snap.emitted, error: snap.error };
}

/** Resolves when the run's first item has reached SessionData, or the run has stopped. */
function firstItem(manager: SystemManager): Promise<void> {
  return new Promise<void>((resolve) => {
    const check = () => {
      const snap = manager.snapshot();
      if (snap.emitted > 0 || (!snap.starting && snap.state === SystemState.STOPPED)) {
        unsubscribe();
        resolve();
      }
    };
    const unsubscribe = manager.subscribe(check);
    check();
  });
}
