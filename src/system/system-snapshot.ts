// The page's view model: one plain, read-only picture of the system (state, run, streams, setup
// steps, invariants) that the Svelte components render. Main thread; SystemManager.snapshot()
// builds it from the current ReplayRun once per frame, and the run record is made from it.

import type { RowAccount } from '../core/row-account';
import { Slot, WorkerPhase, type ControlBlock } from '../core/control-block';
import { anyFlaw, type Experiment } from '../core/flaws';
import type { BestQuote } from '../core/best-quote';
import type { Violation, ViolationKind } from '../core/invariant-checker';
import { fieldsOf } from '../core/item-columns';
import type { ReplayConfig, Speed } from '../core/replay-config';
import { STREAM_TYPE_NAMES, type Interval } from '../core/stream-key';
import { SystemState, type SystemAction } from '../core/system-state';
import type { TradingSession } from '../core/trading-hours';
import type { GateKind } from './page-gate';
import type { ReplayRun } from './replay-run';
import type { RunMarket } from './run-markets';
import type { StreamItems } from './session-data';
import type { SetupContext, SetupStep } from './setup-log';

export interface StreamSummary {
  /** The stream's index in SessionData (= the coordinator's slot): SystemManager.streamItems(slot) has its items. */
  readonly slot: number;
  /** 'bar', 'quote' or 'tick'. */
  readonly type: string;
  readonly symbol: string;
  readonly interval: Interval;
  /** Names of the value columns (fieldsOf). */
  readonly fields: readonly string[];
  /** Quote updates only: the best bid and offer so far. */
  readonly best: BestQuote | null;
  readonly emitted: number;
  readonly expected: number;
  /** The last emitted bar: start, emit, open, high, low, close, volume. */
  readonly last: { readonly tsStart: number; readonly tsEmit: number; readonly values: readonly number[] } | null;
}

export interface TransitionTaken {
  readonly from: SystemState;
  readonly to: SystemState;
  readonly action: SystemAction;
}

export const WORKER_PHASE_NAMES: Record<WorkerPhase, string> = {
  [WorkerPhase.IDLE]: 'idle',
  [WorkerPhase.AT_GATE]: 'waiting at the gate',
  [WorkerPhase.PACING]: 'pacing',
  [WorkerPhase.STREAMING]: 'streaming',
  [WorkerPhase.PAUSED]: 'holding (paused)',
  [WorkerPhase.EXITED]: 'exited',
};

export interface SystemSnapshot {
  /** Which start() this snapshot belongs to: views keyed by it start afresh with each run. */
  readonly runId: number;
  readonly state: SystemState;
  /** The last transition of the state machine, for the diagram. */
  readonly lastTransition: TransitionTaken | null;
  /** A "go to" is fast-forwarding. */
  readonly seeking: boolean;
  /** The trading sessions of the current replay. */
  readonly sessions: readonly TradingSession[];
  /** Every market of the run, with its symbols and sessions: each chart's markers, the clocks, "go to". Empty in live mode. */
  readonly byMarket: readonly RunMarket[];
  readonly starting: boolean;
  readonly pausing: boolean;
  readonly config: ReplayConfig | null;
  readonly speed: Speed;
  readonly error: string | null;
  readonly runComplete: boolean;
  readonly emitted: number;
  readonly backtestTime: number | null;
  readonly gateKind: GateKind;
  readonly workerPhase: WorkerPhase;
  readonly gateOpenLatencyMs: number | null;
  readonly setup: { readonly done: number; readonly total: number };
  readonly streams: readonly StreamSummary[];
  readonly steps: readonly SetupStep[];
  readonly wallStartedAt: number | null;
  /** Wall time start() was called, and the run (whose gate opened) ended: for the run record. */
  readonly setupStartedAt: number | null;
  readonly endedAt: number | null;
  /** The invariant checker's findings for this run. */
  readonly invariants: {
    readonly checked: number;
    readonly total: number;
    readonly counts: Readonly<Record<ViolationKind, number>>;
    readonly violations: readonly Violation[];
  };
  /** The flaws switched on for this run (a teaching experiment), or null for the fixed engine. */
  readonly experiment: Experiment | null;
  /** Every source row in the replay's symbols and dates: replayed or counted under a reason (null until set up, or live). */
  readonly input: RowAccount | null;
}

/** What the SystemManager itself holds, beside the run: the state machine and the gate. */
export interface SystemView {
  readonly state: SystemState;
  readonly lastTransition: TransitionTaken | null;
  readonly speed: Speed;
  readonly gateKind: GateKind;
  /** The coordinator's control block, once there is a coordinator: its phase is shown. */
  readonly control: ControlBlock | undefined;
}

/** The state cell and the coordinator's phase as the setup log names them (no coordinator yet: 'not started'). */
export function threadsNow(control: ControlBlock | undefined): SetupContext {
  return {
    system: SystemState[(control?.load(Slot.STATE) ?? SystemState.STOPPED) as SystemState],
    coordinator: control ? WORKER_PHASE_NAMES[control.load(Slot.WORKER_PHASE) as WorkerPhase] : 'not started',
  };
}

export function summarizeStream(s: StreamItems, slot: number): StreamSummary {
  return {
    slot,
    type: STREAM_TYPE_NAMES[s.key.type],
    symbol: s.key.symbol,
    interval: s.key.interval,
    fields: fieldsOf(s.key),
    best: s.book?.best() ?? null,
    emitted: s.count,
    expected: s.expected,
    last: s.count === 0 ? null : { tsStart: s.tsStart.data[s.count - 1], tsEmit: s.tsEmit.data[s.count - 1], values: s.values(s.count - 1) },
  };
}

/** A run's identity, state and backtest clock alone: what the trading desk reads each frame. */
export type RunClock = Pick<SystemSnapshot, 'runId' | 'state' | 'starting' | 'backtestTime'>;

/** The backtest clock of `run`; null before the run has a config and a clock. */
export function backtestTimeOf(run: ReplayRun): number | null {
  return run.timeProvider && run.config ? run.timeProvider.now() : null;
}

/** The snapshot of `run` in `system`: plain data, copied where the run keeps mutating it. */
export function buildSnapshot(system: SystemView, run: ReplayRun): SystemSnapshot {
  const { sessionData } = run;
  const checker = sessionData.checker;
  const experiment = run.experiment;
  return {
    runId: run.id,
    state: system.state,
    lastTransition: system.lastTransition,
    seeking: run.seekRequest !== null,
    sessions: run.sessions,
    byMarket: run.byMarket,
    starting: run.starting,
    pausing: run.pauseRequest !== null,
    config: run.config,
    speed: system.speed,
    error: run.error,
    runComplete: run.complete,
    emitted: sessionData.emitted,
    backtestTime: backtestTimeOf(run),
    gateKind: system.gateKind,
    workerPhase: (system.control?.load(Slot.WORKER_PHASE) ?? WorkerPhase.IDLE) as WorkerPhase,
    gateOpenLatencyMs: run.gateOpenLatencyMs,
    setup: { ...run.setupProgress },
    streams: sessionData.streams.map(summarizeStream),
    steps: run.log.snapshot(),
    wallStartedAt: run.wallStartedAt,
    setupStartedAt: run.setupStartedAt,
    endedAt: run.endedAt,
    invariants: {
      checked: checker.checked,
      total: checker.total,
      counts: { ...checker.counts },
      violations: [...checker.violations],
    },
    experiment: anyFlaw(experiment.flaws) || Object.keys(experiment.scenario).length > 0 ? experiment : null,
    input: run.input,
  };
}
