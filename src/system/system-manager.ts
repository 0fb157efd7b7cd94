// SystemManager: the design note's state machine, STOPPED → RUNNING ⇄ PAUSED → STOPPED, on the
// main thread. start() sets up every stream while the state cell still reads STOPPED and only
// then stores RUNNING and rings the doorbell: that store is the gate opening. The UI drives it
// and renders its snapshot(); the workers sit behind CoordinatorHandle and MarketDataSource.

import { speedToCell, WorkerPhase, Slot } from '../core/control-block';
import {
  checkAgainstCatalog,
  checkItemsAgainstCatalog,
  ConfigError,
  validateReplayConfig,
  type Catalog,
  type ItemCatalog,
  type ReplayConfig,
  type Speed,
} from '../core/replay-config';
import { FIXED, NO_FLAWS, anyFlaw, type Experiment } from '../core/flaws';
import { VIOLATION_TITLES, type Violation, type ViolationKind } from '../core/invariant-checker';
import { canTransition, SystemState, transition, type SystemAction } from '../core/system-state';
import { tradingSession, type TradingSession } from '../core/trading-hours';
import type { BestQuote } from '../core/best-quote';
import { fieldsOf, type ItemColumns } from '../core/item-columns';
import { STREAM_TYPE_NAMES, StreamType, type StreamKey } from '../core/stream-key';
import type { ReplayRequest } from '../core/url-params';
import type { CatalogEntry } from '../core/catalog-entry';
import type { MarketDataSource } from '../data/market-data-client';
import type { SourceCatalog } from '../data/data-worker-api';
import type { BatchEvent, CoordinatorEvent } from '../worker/coordinator-api';
import type { CoordinatorClientOptions, CoordinatorHandle } from '../worker/coordinator-client';
import type { GateKind } from '../worker/page-gate';
import { abortable } from './abortable';
import { loadBundledConfig } from './config-loader';
import { DataManager } from './data-manager';
import { FrameBudget, type FrameClock } from './frame-budget';
import { LiveFeed, type LiveStream } from './live-feed';
import { SessionData } from './session-data';
import { SetupLog, type SetupStep } from './setup-log';
import { TimeProvider } from './time-provider';

export const BUNDLED_DB = 'data/bars.sqlite';
/** The simulated live feed's seed: the same prices every live run. */
const LIVE_SEED = 20131007;

export interface SystemManagerDeps {
  /** The page's base URL (document.baseURI): bundled files resolve against it. */
  readonly baseUrl: string;
  /** Cross-origin isolated: use the SharedArrayBuffer gate. */
  readonly shared: boolean;
  /** Wall clock comparable across threads: performance.timeOrigin + performance.now(). */
  readonly clock: () => number;
  readonly fetchText: (url: string) => Promise<Response>;
  readonly createCoordinator: (options: CoordinatorClientOptions) => Promise<CoordinatorHandle>;
  readonly createData: (onFailure: (message: string) => void) => MarketDataSource;
  /** The page draws frames (the app does; a benchmark page does not): take items in only in the time a frame leaves free. */
  readonly frames?: FrameClock;
}

export interface StreamSummary {
  /** 'bar', 'quote' or 'tick'. */
  readonly type: string;
  readonly symbol: string;
  readonly interval: string;
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
}

export { VIOLATION_TITLES };

interface Setup {
  readonly abort: AbortController;
  done: Promise<boolean>;
}

export class SystemManager {
  readonly sessionData = new SessionData();
  private readonly log: SetupLog;
  private coordinator: CoordinatorHandle | null = null;
  private data: MarketDataSource | null = null;
  private timeProvider: TimeProvider | null = null;
  private state = SystemState.STOPPED;
  private setup: Setup | null = null;
  private runId = 0;
  /** Batches are taken into SessionData only for this run (0: none). */
  private activeRun = 0;
  private pauseRequest: { seq: number; resolve: (paused: boolean) => void } | null = null;
  private config: ReplayConfig | null = null;
  private speed: Speed = 60;
  private error: string | null = null;
  private runComplete = false;
  /** Wall time of the RUNNING store that opened the gate, until the worker reports waking up. */
  private gateOpenedAt: number | null = null;
  private gateOpenLatencyMs: number | null = null;
  private wallStartedAt: number | null = null;
  private setupStartedAt: number | null = null;
  private endedAt: number | null = null;
  private setupProgress = { done: 0, total: 0 };
  private lastTransition: TransitionTaken | null = null;
  private sessions: readonly TradingSession[] = [];
  private seekRequest: { pauseAfter: boolean } | null = null;
  private experiment: Experiment = FIXED;
  private liveFeed: LiveFeed | null = null;
  private pauseRequestedAt = 0;
  private readonly listeners = new Set<() => void>();
  /** Changes other than items arriving (see `version`). */
  private changes = 0;

  /** Set when the page draws: batches are acknowledged within each frame's budget (frame-budget.ts). */
  private readonly frameBudget: FrameBudget | null;

  constructor(private readonly deps: SystemManagerDeps) {
    this.frameBudget = deps.frames ? new FrameBudget(deps.frames) : null;
    this.log = new SetupLog(deps.clock, () => ({
      system: SystemState[(this.coordinator?.gate.control.load(Slot.STATE) ?? SystemState.STOPPED) as SystemState],
      coordinator: this.coordinator ? WORKER_PHASE_NAMES[this.coordinator.gate.control.load(Slot.WORKER_PHASE) as WorkerPhase] : 'not started',
    }));
  }

  // --- the design note's queries -------------------------------------------------------------

  isRunning(): boolean {
    return this.state === SystemState.RUNNING && this.pauseRequest === null;
  }

  isBacktestMode(): boolean {
    return true;
  }

  get gateKind(): GateKind {
    return this.deps.shared ? 'atomics' : 'message';
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
    if (this.state !== SystemState.STOPPED || this.setup !== null) return Promise.resolve(false);
    const setup: Setup = { abort: new AbortController(), done: Promise.resolve(false) };
    this.setup = setup;
    this.experiment = experiment;
    setup.done = this.runSetup(request, setup.abort.signal).finally(() => {
      this.setup = null;
      this.changed();
    });
    return setup.done;
  }

  /** Closes the gate; resolves true once the worker has confirmed that it holds (no item in flight). */
  pause(): Promise<boolean> {
    if (this.state !== SystemState.RUNNING || this.pauseRequest !== null || !this.coordinator) return Promise.resolve(false);
    const seq = this.coordinator.gate.setState(SystemState.PAUSED);
    this.pauseRequestedAt = this.deps.clock();
    this.changed();
    return new Promise((resolve) => (this.pauseRequest = { seq, resolve }));
  }

  resume(): boolean {
    if (this.state !== SystemState.PAUSED || !this.coordinator) return false;
    this.move('resume');
    this.coordinator.gate.setState(SystemState.RUNNING);
    this.changed();
    return true;
  }

  /** Lets exactly one item through while PAUSED. */
  step(): boolean {
    if (this.state !== SystemState.PAUSED || !this.coordinator) return false;
    this.coordinator.gate.requestStep();
    return true;
  }

  /** Stops a run, or cancels a setup under way (resolving once it has unwound). */
  async stop(): Promise<void> {
    if (this.setup) {
      this.setup.abort.abort(new DOMException('stopped during setup', 'AbortError'));
      await this.setup.done;
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
    if (!this.coordinator || this.seekRequest || this.pauseRequest) return false;
    if (this.state === SystemState.RUNNING) this.seekRequest = { pauseAfter: false };
    else if (this.state === SystemState.PAUSED) {
      this.seekRequest = { pauseAfter: true };
      this.resume();
    } else return false;
    this.coordinator.gate.seek(targetMs);
    this.log.mark('system', `go to ${new Date(targetMs).toISOString()}`);
    this.changed();
    return true;
  }

  /**
   * What can be replayed: the bundled file with the imported datasets, or the `dbUrl` file alone.
   * For the replay panel.
   */
  async catalog(dbUrl?: string): Promise<readonly CatalogEntry[]> {
    const { url, label } = this.dbSource(dbUrl);
    return this.dataSource().open(url, label, dbUrl === undefined);
  }

  /**
   * The bundled file and each imported dataset with what it holds: an import checks against
   * them so that a symbol's day comes from one source.
   */
  async dataSources(): Promise<readonly SourceCatalog[]> {
    await this.catalog();
    return this.dataSource().sources();
  }

  setSpeed(speed: Speed): void {
    this.speed = speed;
    this.coordinator?.gate.setSpeed(speedToCell(speed));
    this.changed();
  }

  /** Ends both workers (page unload, tests). */
  async shutdown(): Promise<void> {
    await this.stop();
    await this.coordinator?.shutdown();
    this.coordinator = null;
    this.data?.terminate();
    this.data = null;
  }

  // --- what the page shows -------------------------------------------------------------------

  snapshot(): SystemSnapshot {
    return {
      runId: this.runId,
      state: this.state,
      lastTransition: this.lastTransition,
      seeking: this.seekRequest !== null,
      sessions: this.sessions,
      starting: this.setup !== null,
      pausing: this.pauseRequest !== null,
      config: this.config,
      speed: this.speed,
      error: this.error,
      runComplete: this.runComplete,
      emitted: this.sessionData.emitted,
      backtestTime: this.timeProvider && this.config ? this.timeProvider.now() : null,
      gateKind: this.gateKind,
      workerPhase: (this.coordinator?.gate.control.load(Slot.WORKER_PHASE) ?? WorkerPhase.IDLE) as WorkerPhase,
      gateOpenLatencyMs: this.gateOpenLatencyMs,
      setup: { ...this.setupProgress },
      streams: this.sessionData.streams.map((s) => ({
        type: STREAM_TYPE_NAMES[s.key.type],
        symbol: s.key.symbol,
        interval: s.key.interval,
        fields: fieldsOf(s.key),
        best: s.book?.best() ?? null,
        emitted: s.count,
        expected: s.expected,
        last: s.count === 0 ? null : { tsStart: s.tsStart.data[s.count - 1], tsEmit: s.tsEmit.data[s.count - 1], values: s.values(s.count - 1) },
      })),
      steps: this.log.snapshot(),
      wallStartedAt: this.wallStartedAt,
      setupStartedAt: this.setupStartedAt,
      endedAt: this.endedAt,
      invariants: {
        checked: this.sessionData.checker.checked,
        total: this.sessionData.checker.total,
        counts: { ...this.sessionData.checker.counts },
        violations: [...this.sessionData.checker.violations],
      },
      experiment: anyFlaw(this.experiment.flaws) || Object.keys(this.experiment.scenario).length > 0 ? this.experiment : null,
    };
  }

  exportCsv(): string {
    return this.sessionData.exportCsv();
  }

  // --- internals -----------------------------------------------------------------------------

  private async runSetup(request: ReplayRequest, signal: AbortSignal): Promise<boolean> {
    this.runId++;
    this.activeRun = 0;
    this.sessions = [];
    this.error = null;
    this.runComplete = false;
    this.gateOpenLatencyMs = null;
    this.wallStartedAt = null;
    this.setupStartedAt = this.deps.clock();
    this.endedAt = null;
    this.sessionData.reset();
    this.setupProgress = { done: 0, total: 0 };
    this.log.begin();
    this.log.mark('system', 'start() called: state STOPPED');
    this.changed();
    try {
      const config = await this.log.time('setup', 'load config', () => this.loadConfig(request));
      this.config = config;
      this.speed = config.speed;
      const { coordinator, catalog, items } = await this.log.time('setup', 'initialize managers', () => this.initialize(request, signal));
      const days = checkAgainstCatalog(config, catalog);
      if (config.mode === 'live') return await this.setupLive(config, coordinator, days, signal);
      const itemDays = checkItemsAgainstCatalog(config, items);
      const sessions = replaySessions([...days.values(), ...itemDays.values()], config);
      this.sessions = sessions;
      const itemKeys: StreamKey[] = [
        ...config.quotes.map((symbol) => ({ type: StreamType.QUOTE, symbol, interval: '1m' as const })),
        ...config.quoteTicks.map((symbol) => ({ type: StreamType.QUOTE, symbol, interval: 'tick' as const })),
        ...config.trades.map((symbol) => ({ type: StreamType.TICK, symbol, interval: 'tick' as const })),
      ];
      this.setupProgress = { done: 0, total: config.symbols.length * config.intervals.length + itemKeys.length };
      this.timeProvider = new TimeProvider(coordinator.gate.control);
      const startTime = sessions[0]?.open ?? 0;
      // Batches of this run are taken from here on: only the no-gate flaw sends any before the gate opens.
      this.activeRun = this.runId;
      await this.log.time('setup', 'stop existing streams', () =>
        abortable(coordinator.clearStreams({ runId: this.runId, sessions, startTime, flaws: this.experiment.flaws, stateSeq: coordinator.gate.control.load(Slot.STATE_SEQ) }), signal),
      );
      coordinator.gate.setSpeed(speedToCell(this.speed));
      const dataManager = new DataManager(
        coordinator,
        this.sessionData,
        this.log,
        () => {
          this.setupProgress.done++;
          this.changed();
        },
        this.experiment,
        sessions,
      );
      // The design note's byInterval: one startBarStreams call per interval group.
      for (const interval of config.intervals) {
        await dataManager.startBarStreams(this.data!, config.symbols, interval, config, signal);
      }
      // Then quote bars, quote updates and trade prints: the same steps, other stream types.
      await dataManager.startStreams(this.data!, itemKeys, config, signal);
      signal.throwIfAborted();
      this.log.mark('setup', 'all streams set up');
      // The gate opens: everything is in the queues, and only now does the cell read RUNNING.
      this.move('start');
      this.wallStartedAt = this.deps.clock();
      this.gateOpenedAt = this.wallStartedAt;
      coordinator.gate.setState(SystemState.RUNNING);
      this.log.mark('system', 'state RUNNING: the gate opens');
      this.feedLate(coordinator, dataManager.lateFeeds);
      return true;
    } catch (error) {
      if (!signal.aborted) this.error = describe(error);
      else this.log.mark('system', 'setup cancelled by stop(): state STOPPED');
      return false;
    }
    // start() clears the setup and notifies, so no snapshot shows "starting" and RUNNING at once.
  }

  private async loadConfig(request: ReplayRequest): Promise<ReplayConfig> {
    const input = request.configName ? await loadBundledConfig(request.configName, this.deps.baseUrl, this.deps.fetchText) : {};
    return validateReplayConfig({ ...input, ...request.overrides });
  }

  private async initialize(request: ReplayRequest, signal: AbortSignal): Promise<{ coordinator: CoordinatorHandle; catalog: Catalog; items: ItemCatalog }> {
    const data = this.dataSource();
    if (!this.coordinator) {
      this.coordinator = await abortable(
        this.deps.createCoordinator({
          shared: this.deps.shared,
          onEvent: (event) => this.onEvent(event),
          onFailure: (message) => this.onWorkerFailure(message),
        }),
        signal,
      );
    }
    const { url, label } = this.dbSource(request.dbUrl);
    const entries = await abortable(data.open(url, label, request.dbUrl === undefined), signal);
    return { coordinator: this.coordinator, catalog: toCatalog(entries), items: toItemCatalog(entries) };
  }

  /**
   * Live mode: one trade stream per symbol, fed by a simulated feed on the wall clock from each
   * symbol's last recorded close, through the same coordinator — with no gate and no pacing.
   */
  private async setupLive(config: ReplayConfig, coordinator: CoordinatorHandle, days: ReadonlyMap<string, readonly string[]>, signal: AbortSignal): Promise<boolean> {
    const runId = this.runId;
    this.timeProvider = new TimeProvider(coordinator.gate.control, 'live');
    this.sessions = [];
    this.activeRun = runId;
    this.setupProgress = { done: 0, total: config.symbols.length };
    await this.log.time('setup', 'stop existing streams', () =>
      abortable(
        coordinator.clearStreams({ runId, sessions: [], startTime: Date.now(), flaws: NO_FLAWS, mode: 'live', stateSeq: coordinator.gate.control.load(Slot.STATE_SEQ) }),
        signal,
      ),
    );
    const streams: LiveStream[] = [];
    for (const symbol of config.symbols) {
      const key: StreamKey = { type: StreamType.TICK, symbol, interval: 'tick' };
      const index = this.sessionData.registerStream(key);
      this.log.mark('setup', `register ${symbol} live trades with SessionData`);
      const slot = await this.log.time('setup', `register ${symbol} live trades with the coordinator`, () => abortable(coordinator.registerStream(key), signal));
      const day = days.get(symbol)?.[0];
      const bars = day ? await abortable(this.data!.getBarsBySymbol(symbol, '1m', day, day, 'extended'), signal) : null;
      const lastPrice = bars && bars.tsStart.length > 0 ? bars.fields[3][bars.tsStart.length - 1] : 100;
      this.log.mark('setup', `${symbol} starts from its last recorded close, ${lastPrice} (${day})`);
      streams.push({ slot, symbol, lastPrice });
      this.sessionData.streams[index].expected = 0;
      this.setupProgress.done++;
    }
    signal.throwIfAborted();
    this.move('start');
    this.wallStartedAt = this.deps.clock();
    this.gateOpenedAt = this.wallStartedAt;
    coordinator.gate.setState(SystemState.RUNNING);
    this.log.mark('system', 'state RUNNING (live mode: no gate, no pacing)');
    this.liveFeed = new LiveFeed(streams, LIVE_SEED, (slot, columns) => {
      if (this.activeRun !== runId) return;
      this.sessionData.streams[slot].expected += columns.tsStart.length; // fed so far
      coordinator.feedStream(slot, columns, false).catch((error: Error) => (this.error = error.message));
    });
    this.liveFeed.start();
    return true;
  }

  /** The lagging-stream scenario: the rest of a stream arrives after the gate has opened. */
  private feedLate(coordinator: CoordinatorHandle, feeds: readonly { slot: number; columns: ItemColumns; delayMs: number }[]): void {
    const runId = this.runId;
    for (const { slot, columns, delayMs } of feeds) {
      setTimeout(() => {
        if (this.activeRun !== runId) return;
        this.log.mark('setup', `(scenario) the lagging stream's last ${columns.tsStart.length} bars arrive`);
        coordinator.feedStream(slot, columns, true).catch((error: Error) => (this.error = error.message));
      }, delayMs);
    }
  }

  private dbSource(dbUrl?: string): { url: string; label: string } {
    return dbUrl ? { url: dbUrl, label: `db file ${new URL(dbUrl).pathname}` } : { url: new URL(BUNDLED_DB, this.deps.baseUrl).href, label: BUNDLED_DB };
  }

  private onEvent(event: CoordinatorEvent): void {
    if (event.kind === 'exited') return;
    if (event.kind === 'batch') return this.onBatch(event);
    if (event.runId !== this.activeRun) return; // a stopped run's last words
    switch (event.kind) {
      case 'state-seen':
        // Gate-open latency: from the RUNNING store to the coordinator awake and seeing it.
        if (event.state === SystemState.RUNNING && this.gateOpenedAt !== null) {
          this.gateOpenLatencyMs = event.wallTime - this.gateOpenedAt;
          this.gateOpenedAt = null;
          this.log.mark('coordinator', 'coordinator wakes: sees RUNNING');
        }
        if (this.pauseRequest && event.stateSeq >= this.pauseRequest.seq && event.state === SystemState.PAUSED) {
          this.sessionData.checker.pauseAcknowledged(event.wallTime - this.pauseRequestedAt);
          this.move('pause');
          this.pauseRequest.resolve(true);
          this.pauseRequest = null;
        }
        break;
      case 'seek-done': {
        const pauseAfter = this.seekRequest?.pauseAfter ?? false;
        this.seekRequest = null;
        this.log.mark('coordinator', 'go to: target reached');
        if (pauseAfter) void this.pause();
        break;
      }
      case 'gate-opened':
        this.log.mark('coordinator', 'first item emitted');
        break;
      case 'complete':
        this.sessionData.checker.completed(this.sessionData.streams.map((s) => s.expected));
        // The fixed engine loses nothing; a flawed run's losses are the checker's to report.
        if (!anyFlaw(this.experiment.flaws) && (event.emitted !== event.fed || this.sessionData.emitted !== event.fed)) {
          this.error = `the run ended with ${event.fed} items fed but ${event.emitted} emitted and ${this.sessionData.emitted} received`;
        }
        this.endRun('complete');
        this.runComplete = this.error === null;
        break;
      case 'error':
        this.error = `the coordinator reported: ${event.message}`;
        if (/older than the backtest time/.test(event.message)) this.sessionData.checker.engineRefused(event.message);
        this.endRun();
        break;
    }
    this.changed();
  }

  /** Items emitted: into SessionData, then the acknowledgement the worker's flow control waits for. */
  private onBatch(batch: BatchEvent): void {
    const started = this.deps.clock();
    const current = batch.runId === this.activeRun; // else a stopped run's last words
    if (current) this.sessionData.append(batch);
    // Every batch is acknowledged, a stopped run's too: the worker counts them all.
    const gate = this.coordinator?.gate;
    const acknowledge = () => gate?.batchTaken();
    if (this.frameBudget) this.frameBudget.taken(this.deps.clock() - started, acknowledge);
    else acknowledge();
    if (current) this.changed(true);
  }

  /** The data worker, replaced when it has failed. */
  private dataSource(): MarketDataSource {
    if (this.data?.failed) {
      this.data.terminate();
      this.data = null;
    }
    return (this.data ??= this.createData());
  }

  private createData(): MarketDataSource {
    const data = this.deps.createData((message) => {
      if (this.data === data) this.data = null;
      data.terminate();
      this.onWorkerFailure(message);
    });
    return data;
  }

  private onWorkerFailure(message: string): void {
    this.error = `${message}. Press Start to try again.`;
    this.setup?.abort.abort(new Error(message));
    this.coordinator?.terminate();
    this.coordinator = null;
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
    this.coordinator?.gate.setState(SystemState.STOPPED);
    if (this.activeRun !== 0 && this.endedAt === null) this.endedAt = this.deps.clock();
    this.seekRequest = null;
    this.frameBudget?.release();
    this.liveFeed?.stop();
    this.liveFeed = null;
    if (canTransition(this.state, action)) this.move(action);
    this.activeRun = 0;
    this.pauseRequest?.resolve(false);
    this.pauseRequest = null;
  }

  private changed(itemsOnly = false): void {
    if (!itemsOnly) this.changes++;
    for (const listener of this.listeners) listener();
  }
}

/** Quote and tick streams by `${type}:${interval}|${symbol}` (replay-config.ts's ItemCatalog). */
function toItemCatalog(entries: readonly CatalogEntry[]): ItemCatalog {
  return new Map(entries.filter((e) => e.type).map((e) => [`${e.type}:${e.interval}|${e.symbol}`, e.days]));
}

/** Bars by symbol and interval. */
function toCatalog(entries: readonly CatalogEntry[]): Catalog {
  const catalog = new Map<string, Map<string, readonly string[]>>();
  for (const entry of entries.filter((e) => !e.type)) {
    if (!catalog.has(entry.symbol)) catalog.set(entry.symbol, new Map());
    catalog.get(entry.symbol)!.set(entry.interval, entry.days);
  }
  return catalog;
}

/** The sessions of every day that has data for some stream in the config, sorted. */
function replaySessions(dayLists: readonly (readonly string[])[], config: ReplayConfig): TradingSession[] {
  const days = new Set<string>();
  for (const list of dayLists) for (const day of list) days.add(day);
  return [...days]
    .sort()
    .map((day) => tradingSession(day, config.hours))
    .filter((session): session is TradingSession => session !== null);
}

function describe(error: unknown): string {
  // A config error names its field (the URL parameter of the same name) at the front.
  if (error instanceof ConfigError) return error.message.startsWith(error.field) ? error.message : `${error.field}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

