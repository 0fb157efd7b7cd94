// ReplayRun: everything that belongs to one run — its config, its SessionData, its setup log, its
// timings, the pause and "go to" requests under way. Main thread; SystemManager.start() creates a
// fresh one, so a new run starts from nothing instead of resetting twenty fields by hand.

import type { RowAccount } from '../core/row-account';
import type { Experiment } from '../core/flaws';
import type { ReplayConfig } from '../core/replay-config';
import type { TradingSession } from '../core/trading-hours';
import type { LiveFeed } from './live-feed';
import type { RunMarket } from './run-markets';
import { SessionData } from './session-data';
import { SetupLog, type SetupContext } from './setup-log';
import type { TimeProvider } from './time-provider';

export interface PauseRequest {
  /** The STATE_SEQ of the PAUSED store: the worker's acknowledgement names it or a later one. */
  readonly seq: number;
  /** Wall time of the request, for the checker's pause latency. */
  readonly requestedAt: number;
  readonly resolve: (paused: boolean) => void;
}

export class ReplayRun {
  readonly sessionData = new SessionData();
  readonly log: SetupLog;
  /** Cancels the setup (stop() during setup, or a worker failing). */
  readonly abort = new AbortController();
  /** start()'s promise: settles when the setup has finished or unwound. */
  done: Promise<boolean> = Promise.resolve(false);
  /** The setup is under way (between start() and the gate opening or failing). */
  starting = false;
  /** Batches of this run are taken into SessionData (from the clearing of the streams to the run's end). */
  taking = false;

  config: ReplayConfig | null = null;
  sessions: readonly TradingSession[] = [];
  /** Every market of the run (the first is the run's first), with its symbols and its own sessions. */
  byMarket: readonly RunMarket[] = [];
  setupProgress = { done: 0, total: 0 };
  /** The account of the input rows (row-account.ts), once the setup has counted them. */
  input: RowAccount | null = null;
  timeProvider: TimeProvider | null = null;
  liveFeed: LiveFeed | null = null;

  error: string | null = null;
  complete = false;
  /** Wall time start() was called; of the RUNNING store that opened the gate; the run's end. */
  setupStartedAt: number | null = null;
  wallStartedAt: number | null = null;
  endedAt: number | null = null;
  /** Wall time of the RUNNING store, until the worker reports waking up (then the latency). */
  gateOpenedAt: number | null = null;
  gateOpenLatencyMs: number | null = null;

  pauseRequest: PauseRequest | null = null;
  /** A teaching scenario waits for the coordinator's next quiet wait (late-feed.ts); its 'quiet' or 'error' event calls this. */
  quietWaiter: (() => void) | null = null;
  seekRequest: { readonly pauseAfter: boolean } | null = null;

  constructor(
    /** 0 for the placeholder before the first start(); each start() takes the next number. */
    readonly id: number,
    readonly experiment: Experiment,
    clock: () => number,
    sample: () => SetupContext,
  ) {
    this.log = new SetupLog(clock, sample);
  }

  /** The run's own events and batches are taken; a stopped run's last words are not. */
  accepts(runId: number): boolean {
    return this.taking && runId === this.id;
  }

  /** The gate opened at `now` (the RUNNING store). */
  gateOpened(now: number): void {
    this.wallStartedAt = now;
    this.gateOpenedAt = now;
  }

  /** The run ends (stopped, completed or failed): nothing more is taken, a pending pause is refused. */
  end(now: number): void {
    if (this.taking && this.endedAt === null) this.endedAt = now;
    this.seekRequest = null;
    this.liveFeed?.stop();
    this.liveFeed = null;
    this.taking = false;
    this.pauseRequest?.resolve(false);
    this.pauseRequest = null;
  }
}
