// SystemManager: the design note's state machine, STOPPED → RUNNING ⇄ PAUSED → STOPPED, on the
// main thread. start() sets up every stream while the state cell still reads STOPPED and only
// then stores RUNNING and rings the doorbell: that store is the gate opening. The UI drives it
// and renders its snapshot(); each run's own data lives in a ReplayRun made by start().

import { speedToCell } from '../core/control-block';
import { checkAgainstCatalog, type Speed } from '../core/replay-config';
import { startInMarket } from '../core/start-time';
import { zonePlace } from '../core/zone-clock';
import { ensureDefined } from '../core/assert';
import { anyFlaw, FIXED, type Experiment } from '../core/flaws';
import { canTransition, SystemState, transition, type SystemAction } from '../core/system-state';
import type { ReplayRequest } from '../core/url-params';
import type { CatalogEntry } from '../core/catalog-entry';
import type { SourceCatalog } from '../core/catalog-entry';
import type { GateKind } from './page-gate';
import { toCatalog, toItemCatalog, toMarketCatalog } from './catalog-view';
import { EventIntake, type IntakeHost, type Rewound } from './event-intake';
import type { FrameClock } from './frame-budget';
import { feedLate } from './late-feed';
import { setUpLive, startLiveFeed } from './live-setup';
import { ReplayRun } from './replay-run';
import { setUpReplay } from './replay-setup';
import { startPlaceOfRun } from './run-start';
import { describeSetupFailure, loadReplayConfig, type RunSetup } from './run-setup';
import type { SessionData, StreamItems } from './session-data';
import { backtestTimeOf, buildSnapshot, threadsNow, type RunClock, type SystemSnapshot, type TransitionTaken } from './system-snapshot';
import { WorkerSupervisor, type WorkerFactories } from './worker-supervisor';

export interface SystemManagerDeps extends WorkerFactories {
  /** Wall clock comparable across threads: performance.timeOrigin + performance.now(). */
  readonly clock: () => number;
  readonly fetchText: (url: string) => Promise<Response>;
  /** The page draws frames (the app does; a benchmark page does not): take items in only in the time a frame leaves free. */
  readonly frames?: FrameClock;
}

/** A step the transport can ask for while paused, as its refusals name it ("Cannot step back now"). */
type StepKind = 'step a bar' | 'step back';

/** The words each kind of step's refusals use: the steps that need a pause, and what a live feed lacks. */
const STEP_WORDS: Readonly<Record<StepKind, { readonly steps: string; readonly over: string }>> = {
  'step a bar': { steps: 'bar steps', over: 'step through' },
  'step back': { steps: 'step back', over: 'go back over' },
};

export class SystemManager {
  private state = SystemState.STOPPED;
  private lastTransition: TransitionTaken | null = null;
  private speed: Speed = 60;
  /** The run being set up or run, or the last one; before the first start(), an empty run 0. */
  private run: ReplayRun;
  private readonly workers: WorkerSupervisor;
  private readonly intake: EventIntake;
  private readonly listeners = new Set<() => void>();
  private readonly rewindListeners = new Set<(rewound: Rewound) => void>();
  /** Changes other than items arriving (see `version`). */
  private changes = 0;

  constructor(private readonly deps: SystemManagerDeps) {
    this.run = this.newRun(0, FIXED);
    this.workers = new WorkerSupervisor(
      deps,
      (event) => this.intake.onEvent(event),
      (message) => this.onWorkerFailure(message),
    );
    const host: IntakeHost = {
      run: () => this.run,
      gate: () => this.workers.coordinator?.gate ?? null,
      move: (action) => this.move(action),
      pause: () => this.pause(),
      endRun: (action) => this.endRun(action),
      changed: (itemsOnly) => this.changed(itemsOnly),
      rewound: (rewound) => this.rewindListeners.forEach((listener) => listener(rewound)),
    };
    this.intake = new EventIntake(host, deps.clock, deps.frames);
  }

  // --- the design note's queries -------------------------------------------------------------

  /** The coordinator may stream: RUNNING, and no pause on its way (the state cell reads RUNNING). */
  isRunning(): boolean {
    return this.state === SystemState.RUNNING && this.run.pauseRequest === null;
  }

  /** The current (or last) run replays recorded data through the gate; false for live mode. */
  isBacktestMode(): boolean {
    return this.run.config?.mode !== 'live';
  }

  get gateKind(): GateKind {
    return this.deps.shared ? 'atomics' : 'message';
  }

  /** The current run's items so far (App's run export hash reads them). */
  get sessionData(): SessionData {
    return this.run.sessionData;
  }

  /** The items of stream `slot` (a snapshot's StreamSummary.slot) of run `runId`, for the charts; null once another run began. */
  streamItems(runId: number, slot: number): StreamItems | null {
    return runId === this.run.id ? (this.run.sessionData.streams[slot] ?? null) : null;
  }

  /**
   * Bumped by every change except items arriving (a state change, a setup step, an error), so
   * the UI can redraw those at once and the stream of items at its own pace.
   */
  get version(): number {
    return this.changes;
  }

  /** Calls `listener` after every change (batches included); the UI coalesces them per frame. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // --- transitions ---------------------------------------------------------------------------

  /**
   * Loads and validates the replay config, sets up every stream while STOPPED, then opens the
   * gate. Returns false (changing nothing) from RUNNING or PAUSED or while a setup is under way;
   * false with `error` set when the config or the data is bad; false when stop() cancelled it.
   */
  start(request: ReplayRequest, experiment: Experiment = FIXED): Promise<boolean> {
    if (this.state !== SystemState.STOPPED || this.run.starting) return Promise.resolve(false);
    const run = this.newRun(this.run.id + 1, experiment);
    this.run = run;
    run.starting = true;
    run.done = this.setUp(run, request).finally(() => {
      // Cleared here, so no snapshot shows "starting" and RUNNING at once.
      run.starting = false;
      this.changed();
    });
    return run.done;
  }

  /** Closes the gate; resolves true once the worker has confirmed that it holds (no item in flight). */
  pause(): Promise<boolean> {
    const coordinator = this.workers.coordinator;
    if (!this.isRunning() || !coordinator) return Promise.resolve(false);
    const seq = coordinator.gate.setState(SystemState.PAUSED);
    const requestedAt = this.deps.clock();
    const paused = new Promise<boolean>((resolve) => (this.run.pauseRequest = { seq, requestedAt, resolve }));
    this.changed();
    return paused;
  }

  resume(): boolean {
    const coordinator = this.workers.coordinator;
    if (this.state !== SystemState.PAUSED || !coordinator) return false;
    this.move('resume');
    coordinator.gate.setState(SystemState.RUNNING);
    this.changed();
    return true;
  }

  /** Lets exactly one item through while PAUSED. */
  step(): boolean {
    const coordinator = this.workers.coordinator;
    if (this.state !== SystemState.PAUSED || !coordinator) return false;
    coordinator.gate.requestStep();
    return true;
  }

  /**
   * A bar step while PAUSED: every item with the next emit time, across all streams (one minute
   * of a 1m replay). Returns null when asked for, else why not (nothing changes).
   */
  stepBar(): string | null {
    const refusal = this.refuseStep('step a bar');
    if (refusal) return refusal;
    ensureDefined(this.workers.coordinator, 'a paused run has a coordinator').gate.requestBarStep();
    return null;
  }

  /**
   * A step back while PAUSED: undoes the last emitted time step — SessionData, the checker, the
   * clock; the charts and tables redraw from them. When the worker has done it, every onRewound
   * listener hears where the run now stands. Returns null when asked for, else why not.
   */
  stepBack(): string | null {
    const refusal = this.refuseStep('step back') ?? (this.run.sessionData.emitted === 0 ? 'Nothing to step back over: the replay is at its start.' : null);
    if (refusal) return refusal;
    ensureDefined(this.workers.coordinator, 'a paused run has a coordinator').gate.requestStepBack();
    return null;
  }

  /**
   * The seam for whatever the page builds on SessionData (indicators, paper trading): `listener`
   * hears each step back once SessionData has been cut back — the run, the items it still holds
   * (`emitted`, in emission order: SessionData.exportSource().order), the items removed per stream
   * slot and the backtest time now. Undo what was derived from the removed items (an order filled
   * after `backtestTime`, an indicator's last values); the items will arrive again on resume.
   * Returns the unsubscribe function.
   */
  onRewound(listener: (rewound: Rewound) => void): () => void {
    this.rewindListeners.add(listener);
    return () => this.rewindListeners.delete(listener);
  }

  /** Why a bar step or a step back cannot be taken now, or null. */
  private refuseStep(what: StepKind): string | null {
    const coordinator = this.workers.coordinator;
    if (this.state !== SystemState.PAUSED || !coordinator) return `Cannot ${what} now: ${STEP_WORDS[what].steps} work while the replay is paused. Press Pause first.`;
    if (!this.isBacktestMode()) return `Cannot ${what}: a live feed has no recorded items to ${STEP_WORDS[what].over}.`;
    if (anyFlaw(this.run.experiment.flaws)) return `Cannot ${what} in a teaching experiment: its flaw would make the undo untrue.`;
    if (coordinator.gate.stepsPending() > 0) return `Cannot ${what} yet: the previous step is still on its way. Try again.`;
    return null;
  }

  /** Stops a run, or cancels a setup under way (resolving once it has unwound). */
  async stop(): Promise<void> {
    if (this.run.starting) {
      this.run.abort.abort(new DOMException('stopped during setup', 'AbortError'));
      await this.run.done;
      return;
    }
    if (this.state === SystemState.STOPPED) return;
    this.endRun();
    this.changed();
  }

  /**
   * "Go to": fast-forward, without pacing, to `targetMs` (epoch ms UTC), then carry on at the
   * chosen speed. From PAUSED it resumes for the jump and pauses again at the target.
   */
  seek(targetMs: number): boolean {
    const coordinator = this.workers.coordinator;
    const run = this.run;
    if (!coordinator || run.seekRequest || run.pauseRequest) return false;
    if (this.isRunning()) run.seekRequest = { pauseAfter: false };
    else if (this.state === SystemState.PAUSED) {
      run.seekRequest = { pauseAfter: true };
      this.resume();
    } else return false;
    coordinator.gate.seek(targetMs);
    run.log.mark('system', `go to ${new Date(targetMs).toISOString()}`);
    this.changed();
    return true;
  }

  /**
   * Creates the coordinator worker now rather than at the first start(): the page calls it at
   * load, so the worker's script compiles while the data downloads (a cold visit's first bar).
   */
  prepare(): void {
    void this.workers.ensureCoordinator(new AbortController().signal).catch(() => {}); // a failure is reported by start()
  }

  /**
   * What can be replayed: the bundled file with the imported datasets, or the `dbUrl` file alone.
   * For the replay panel.
   */
  async catalog(dbUrl?: string): Promise<readonly CatalogEntry[]> {
    return this.workers.open(dbUrl);
  }

  /**
   * The bundled file and each imported dataset with what it holds: an import checks against
   * them so that a symbol's day comes from one source.
   */
  async dataSources(): Promise<readonly SourceCatalog[]> {
    await this.catalog();
    return this.workers.dataSource().sources();
  }

  setSpeed(speed: Speed): void {
    this.speed = speed;
    this.workers.coordinator?.gate.setSpeed(speedToCell(speed));
    this.changed();
  }

  /** Ends both workers (page unload, tests). */
  async shutdown(): Promise<void> {
    await this.stop();
    await this.workers.shutdown();
  }

  // --- what the page shows -------------------------------------------------------------------

  snapshot(): SystemSnapshot {
    const { state, lastTransition, speed, gateKind } = this;
    return buildSnapshot({ state, lastTransition, speed, gateKind, control: this.workers.coordinator?.gate.control }, this.run);
  }

  /**
   * The run's id, state and backtest clock, without building a snapshot (stream summaries, copied
   * violations): cheap enough for a caller each frame, the trading desk. Read now, never older.
   */
  runClock(): RunClock {
    return { runId: this.run.id, state: this.state, starting: this.run.starting, backtestTime: backtestTimeOf(this.run) };
  }

  exportCsv(): string {
    return this.run.sessionData.exportCsv();
  }

  // --- internals -----------------------------------------------------------------------------

  /** The design note's start(): load config, initialize managers, set up streams, open the gate. */
  private async setUp(run: ReplayRun, request: ReplayRequest): Promise<boolean> {
    const signal = run.abort.signal;
    run.setupStartedAt = this.deps.clock();
    run.log.begin();
    run.log.mark('system', 'start() called: state STOPPED');
    this.changed();
    try {
      const config = await run.log.time('setup', 'load config', () => loadReplayConfig(request, this.deps.baseUrl, this.deps.fetchText));
      run.config = config;
      this.speed = config.speed;
      const { data, coordinator, entries } = await run.log.time('setup', 'initialize managers', async () => ({
        data: this.workers.dataSource(),
        coordinator: await this.workers.ensureCoordinator(signal),
        entries: await this.workers.open(request.dbUrl, signal),
      }));
      const days = checkAgainstCatalog(config, toCatalog(entries));
      const setup: RunSetup = { run, config, coordinator, data, signal, speed: () => this.speed, changed: () => this.changed() };
      // The note's loop asks is_backtest_mode(): a replay is gated, a live feed is not.
      if (this.isBacktestMode()) {
        const lateFeeds = await setUpReplay(setup, days, toItemCatalog(entries), toMarketCatalog(entries));
        // The no-gate flaw: the coordinator may already have refused an item and ended the run.
        if (!run.taking) return false;
        this.openGate(setup, 'state RUNNING: the gate opens');
        void feedLate(run, coordinator, lateFeeds);
      } else {
        const streams = await setUpLive(setup, days);
        this.openGate(setup, 'state RUNNING (live mode: no gate, no pacing)');
        startLiveFeed(setup, streams);
      }
      return true;
    } catch (error) {
      if (!signal.aborted) run.error = describeSetupFailure(error);
      else run.log.mark('system', 'setup cancelled by stop(): state STOPPED');
      return false;
    }
  }

  /**
   * Everything is in the queues: only now does the state cell read RUNNING. A config's `start`
   * is a "go to" its time on the first day, asked for before the gate opens: the coordinator
   * emits the items before it unpaced, as history, and paces from there.
   */
  private openGate({ run, coordinator }: RunSetup, label: string): void {
    const start = run.config?.start;
    // Read on the first market's clocks on its first day, as "go to" reads a time (start-time.ts).
    const place = startPlaceOfRun(run.byMarket);
    if (start !== undefined && place !== null) {
      const at = startInMarket(start, place.market, place.day, ensureDefined(run.config, 'the run config').hours);
      run.seekRequest = { pauseAfter: false };
      coordinator.gate.seek(at);
      run.log.mark('system', `start at ${start} ${zonePlace(place.market.zone)}: the items before it are history`);
    }
    this.move('start');
    run.gateOpened(this.deps.clock());
    coordinator.gate.setState(SystemState.RUNNING);
    run.log.mark('system', label);
  }

  private newRun(id: number, experiment: Experiment): ReplayRun {
    return new ReplayRun(id, experiment, this.deps.clock, () => threadsNow(this.workers.coordinator?.gate.control));
  }

  private onWorkerFailure(message: string): void {
    this.run.error = `${message}. Press Start to try again.`;
    if (this.run.starting) this.run.abort.abort(new Error(message));
    this.workers.dropCoordinator();
    this.endRun();
    this.changed();
  }

  private move(action: SystemAction): void {
    const from = this.state;
    this.state = transition(from, action);
    this.lastTransition = { from, to: this.state, action };
  }

  /** Back to STOPPED from wherever the run was (by stop, or by completing): the cell too. */
  private endRun(action: 'stop' | 'complete' = 'stop'): void {
    this.workers.coordinator?.gate.setState(SystemState.STOPPED);
    this.run.end(this.deps.clock());
    this.intake.release();
    if (canTransition(this.state, action)) this.move(action);
  }

  private changed(itemsOnly = false): void {
    if (!itemsOnly) this.changes++;
    for (const listener of this.listeners) listener();
  }
}
