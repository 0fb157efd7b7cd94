// The page's logic behind App.svelte: the replay on the panel (a bundled config, a link, a saved
// replay), the address bar that always describes it, starting it, the keys, and the run history.
// Main thread. A plain class: its state object is handed in — App passes a Svelte $state object
// and draws it; the Node test passes a plain one — and fetch, the address bar and storage are
// injected, so nothing here touches the DOM.

import { ConfigError, parseHours, parseSpeed, type ReplayConfigInput, type Speed } from '../core/replay-config';
import { SystemState } from '../core/system-state';
import { parseReplayUrl, readReplayUrl, type LinkReading, type PageView, type ReplayRequest } from '../core/url-params';
import { linkNamesData } from '../system/experiment-data';
import type { CatalogEntry } from '../core/catalog-entry';
import type { TradesRecord } from '../core/trades-export';
import { formatIndicators, type IndicatorSpec } from '../core/indicator-spec';
import { listBundledConfigs, loadBundledConfig } from '../system/config-loader';
import { checkLinkStart } from '../system/run-start';
import { buildRunRecord, exportFileName, hashRunExport } from '../system/run-record';
import type { SystemManager } from '../system/system-manager';
import type { SystemSnapshot } from '../system/system-snapshot';
import type { PageAction } from './key-bindings';
import { formFromFields, queryFromForm, requestFromForm, type ReplayForm } from './replay-form';
import { stepSpeed } from './speed-presets';
import { blindForm, blindQuery, endsBlind, type BlindState } from './blind-practice';
import { addUrlError, linkStartError, linkSymbolsError, unknownExperiment } from './link-checks';

export type View = PageView;

/** What App.svelte draws. */
export interface PageState {
  /** A bad link, config or saved replay; the manager's own error shows when this is null. */
  urlError: string | null;
  bundled: string[];
  catalog: readonly CatalogEntry[];
  form: ReplayForm;
  speed: Speed;
  dbUrl: string | undefined;
  autostart: boolean;
  /** The panel shows the link's replay: until then nothing starts and the URL is left alone. */
  ready: boolean;
  view: View;
  /** The teaching experiment the link (or the last run) selected: the lab shows it first. */
  experiment: string | null;
  /** Run the selected experiment with its flaw on as soon as the lab can: a link's autostart=1, once. */
  experimentAutorun: boolean;
  /** A lab link's own replay (its symbols or db= file): the experiments that run on any data run on it (experiment-data.ts). */
  experimentData: ReplayRequest | null;
  /** The Verify view's own query (variant, flaws, the trace shown): kept in the address bar while it shows. */
  verifyQuery: string;
  /** Run the model check as soon as the Verify view shows: a `view=verify` link's autostart=1. */
  verifyAutorun: boolean;
  helpOpen: boolean;
  aboutOpen: boolean;
  /** The help, the about panel, once first opened: each loads then (a chunk of its own) and stays mounted. */
  helpUsed: boolean;
  aboutUsed: boolean;
  /** The link's `indicators=`: every chart starts with them (each chart then has its own picker). */
  indicators: readonly IndicatorSpec[];
  /** Bumped when a run is added to the history, so the Data view lists it. */
  historyVersion: number;
  historyError: string | null;
  /** Why the last bar step or step back was refused (nothing changed), until the next one is taken. */
  stepMessage: string | null;
  /** Blind practice (`blind=SEED`), or null. */
  blind: BlindState | null;
}

export function initialPageState(): PageState {
  return {
    urlError: null,
    bundled: [],
    catalog: [],
    form: formFromFields('', {}),
    speed: 60,
    dbUrl: undefined,
    autostart: false,
    ready: false,
    view: 'replay',
    experiment: null,
    experimentAutorun: false,
    experimentData: null,
    verifyQuery: '',
    verifyAutorun: false,
    helpOpen: false,
    aboutOpen: false,
    helpUsed: false,
    aboutUsed: false,
    indicators: [],
    historyVersion: 0,
    historyError: null,
    stepMessage: null,
    blind: null,
  };
}

/** The manager, as far as the page drives it. */
export type PageManager = Pick<SystemManager, 'catalog' | 'start' | 'stop' | 'pause' | 'resume' | 'step' | 'stepBar' | 'stepBack' | 'setSpeed' | 'snapshot' | 'exportCsv' | 'sessionData'>;

/** The browser, as far as the page uses it. */
export interface PageEnvironment {
  readonly baseUrl: string;
  /** The page's own query (location.search) when it loaded. */
  readonly search: string;
  fetch(url: string): Promise<Response>;
  /** Replaces the address bar's query (history.replaceState), adding no history entry. */
  replaceQuery(query: string): void;
  /** Adds an ended run to the run history (lab-storage's recordRun), with its paper trades as `trades()` gave them. */
  recordRun(ended: SystemSnapshot, query: string, trades: Promise<TradesRecord | null>): Promise<void>;
  download(filename: string, text: string, type: string): void;
  /** The run's paper trades for its record (null: none were made). */
  trades?(): Promise<TradesRecord | null>;
}

/** What space does in each state: play/pause as a table. While a start sets up it does nothing. */
const PLAY_PAUSE: Record<SystemState, (page: PageController, snap: SystemSnapshot) => void> = {
  [SystemState.STOPPED]: (page, snap) => void (snap.starting || page.start()),
  [SystemState.RUNNING]: (page) => void page.manager.pause(),
  [SystemState.PAUSED]: (page) => void page.manager.resume(),
};

/** What each key's action does (key-bindings.ts maps keys to actions). */
const KEY_ACTIONS: Record<PageAction, (page: PageController) => void> = {
  stop: (page) => void page.manager.stop(),
  playPause: (page) => PLAY_PAUSE[page.drawn.state](page, page.drawn),
  step: (page) => void page.manager.step(),
  stepBar: (page) => page.stepBar(),
  stepBack: (page) => page.stepBack(),
  faster: (page) => page.setSpeed(stepSpeed(page.state.speed, 1)),
  slower: (page) => page.setSpeed(stepSpeed(page.state.speed, -1)),
  help: (page) => page.openHelp(),
};

export class PageController {
  /** The snapshot on screen (the frame scheduler's last draw): keys act on what the person sees. */
  private onScreen: SystemSnapshot;
  private recordedRun = 0;
  /** A bad link's parameters as it gave them: the address bar keeps them until the panel changes. */
  private badParameters: Readonly<Record<string, string>> = {};
  /** The panel's query when it first showed the link. */
  private linkQuery: string | null = null;

  constructor(
    readonly state: PageState,
    readonly manager: PageManager,
    private readonly env: PageEnvironment,
  ) {
    this.onScreen = manager.snapshot();
  }

  get drawn(): SystemSnapshot {
    return this.onScreen;
  }

  /** The replay on the panel as its URL query, without autostart (what is saved and recorded). */
  get query(): string {
    return queryFromForm(this.state.form, this.state.dbUrl, false);
  }

  /**
   * The page loaded: list the bundled configs, read the link, show its replay, start it if asked.
   * A bad link keeps every good parameter, names every bad one (and its symbols once the catalog
   * says which exist), and starts nothing.
   */
  async init(): Promise<void> {
    const state = this.state;
    const link = readReplayUrl(this.env.search, this.env.baseUrl);
    // The view first, before anything is awaited: a lab link never flashes the replay view.
    state.experiment = link.experiment ?? null;
    state.view = link.view ?? (link.experiment ? 'lab' : 'replay');
    // A Verify link's autostart runs the model check at once: it needs no data and no valid replay.
    state.verifyAutorun = state.view === 'verify' && new URLSearchParams(this.env.search).get('autostart') === '1';
    state.indicators = link.indicators ?? [];
    const errors = [...link.errors.map((e) => `URL parameter ${e.field}: ${e.message}`), ...unknownExperiment(link.experiment)];
    this.badParameters = link.bad;
    const request = link.request;
    state.urlError = errors.length > 0 ? errors.join('\n') : null;
    const good = errors.length === 0;
    state.blind = link.blind === undefined ? null : { seed: link.blind, day: null, revealed: false };
    state.dbUrl = request.dbUrl;
    state.autostart = good && request.autostart;
    const catalog = this.manager.catalog(state.dbUrl).then(
      (entries) => {
        state.catalog = entries;
        return entries;
      },
      (e: Error) => {
        state.urlError ??= e.message;
        return null;
      },
    );
    if (state.blind) return this.initBlind(state.blind, await catalog, link, good);
    state.bundled = await listBundledConfigs(this.env.baseUrl, this.env.fetch);
    // A link with its own fields but no config= describes its replay fully: show no bundled config.
    // The speed is a pace, not a field of the replay: `?speed=600` is the default replay at 600x.
    const inline = Object.keys(request.overrides).some((field) => field !== 'speed') || request.dbUrl !== undefined;
    await this.pick(request.configName ?? (inline ? '' : (state.bundled[0] ?? '')), request.overrides);
    this.linkQuery = this.query;
    // What only the data can say of the link (link-checks.ts): its symbols, its start in its market's hours.
    const entries = await catalog;
    const symbolsError = linkSymbolsError(link, state.form, entries);
    const startError = linkStartError(link, state.form, entries);
    if (symbolsError !== null) state.urlError = addUrlError(state.urlError, symbolsError);
    if (startError !== null) {
      state.urlError = addUrlError(state.urlError, startError);
      // The address bar keeps the start as given (a string: only a string start is checked).
      this.badParameters = { ...this.badParameters, start: String(link.request.overrides.start) };
    }
    if (!good || symbolsError !== null || startError !== null) {
      state.autostart = false;
      return; // a bad link: the error names each bad parameter, nothing starts
    }
    // A lab link that names its own data: a class replays the lab's flaws on its own market's bars.
    if (state.view === 'lab' && linkNamesData(request)) state.experimentData = request;
    if (!request.autostart) return;
    // A Verify link's autostart ran the model check (above), not a replay.
    if (state.view === 'verify') return;
    // An experiment's link runs the experiment (in the lab), not the panel's replay.
    if (link.experiment) state.experimentAutorun = state.view === 'lab';
    // A link that names no replay starts the bundled one the panel shows.
    else void this.manager.start(inline || request.configName ? request : { ...request, configName: state.form.config || undefined });
  }

  /** Blind practice: the seed's day onto the panel (which stays hidden), started if the link says so. */
  private async initBlind(blind: BlindState, entries: readonly CatalogEntry[] | null, link: LinkReading, good: boolean): Promise<void> {
    if (entries === null) return;
    try {
      this.state.form = blindForm(entries, blind, link.request.overrides);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      this.state.urlError = `URL parameter blind: ${e.message}`;
      return;
    }
    this.state.speed = this.state.form.speed === 'max' ? 'max' : Number(this.state.form.speed) || 60;
    this.state.ready = true;
    this.linkQuery = this.query;
    if (good && link.request.autostart) void this.manager.start(requestFromForm(this.state.form));
  }

  /** Shows the hidden day: symbol, date and prices. */
  reveal(): void {
    if (this.state.blind) this.state.blind.revealed = true;
  }

  /** The lab ran an experiment (a person's click or the link's autostart): it is the selected one now. */
  experimentStarted(id: string): void {
    this.state.experiment = id;
    this.state.experimentAutorun = false;
  }

  /** Shows a bundled config's fields (with any overrides) on the panel. */
  async pick(name: string, overrides: ReplayConfigInput = {}): Promise<void> {
    this.show(name, await this.fieldsOf(name, overrides));
  }

  /** A bundled config's fields with the overrides on top; a config that does not load is reported and left out. */
  private async fieldsOf(name: string, overrides: ReplayConfigInput): Promise<ReplayConfigInput> {
    if (!name) return overrides;
    try {
      return { ...(await loadBundledConfig(name, this.env.baseUrl, this.env.fetch)), ...overrides };
    } catch (e) {
      this.state.urlError = (e as Error).message;
      return overrides;
    }
  }

  /** The fields onto the panel, its speed with them. */
  private show(name: string, merged: ReplayConfigInput): void {
    this.state.form = formFromFields(name, merged);
    try {
      this.state.speed = parseSpeed(merged.speed ?? 60);
    } catch {
      this.state.speed = 60;
    }
    this.state.ready = true;
  }

  async start(): Promise<void> {
    if (!this.state.ready) return; // the panel does not show the link's replay yet
    this.state.urlError = null;
    const started = await this.manager.start(requestFromForm(this.state.form, this.state.dbUrl));
    // The panel's list of symbols may have missed its data (a worker that failed earlier).
    if (started && this.state.catalog.length === 0) await this.refreshCatalog();
  }

  async refreshCatalog(): Promise<void> {
    this.state.catalog = await this.manager.catalog(this.state.dbUrl);
  }

  /** An experiment's replay onto the panel (its symbols, dates, interval), so the panel says what ran. */
  async showReplay(request: ReplayRequest): Promise<void> {
    await this.pick(request.configName ?? '', request.overrides);
  }

  /** The tour's replay: the first bundled day, at one minute a second. The tour stays in view: the lab shows the startup sequence too. */
  async tourReplay(): Promise<void> {
    await this.manager.stop();
    await this.pick('spy-aig-bac-ibm-2013-10-07');
    this.state.speed = 60;
    await this.start();
  }

  setSpeed(next: Speed): void {
    this.state.speed = next;
    if (this.drawn.state !== SystemState.STOPPED) this.manager.setSpeed(next);
  }

  /** A saved replay onto the panel, then the replay view; a start outside its first market's hours (as a link's) is named and changes nothing. */
  async loadSaved(query: string): Promise<void> {
    try {
      const request = parseReplayUrl(query, this.env.baseUrl);
      this.state.urlError = null;
      const name = request.configName ?? '';
      const merged = await this.fieldsOf(name, request.overrides);
      const entries = await this.manager.catalog(request.dbUrl);
      const form = formFromFields(name, merged);
      if (form.start !== '') checkLinkStart(form.start, form, parseHours(form.hours), entries);
      this.state.dbUrl = request.dbUrl;
      this.show(name, merged);
      this.state.catalog = entries;
      this.state.view = 'replay';
    } catch (e) {
      this.state.urlError = e instanceof ConfigError ? `saved replay, ${e.field}: ${e.message}` : (e as Error).message;
    }
  }

  /**
   * The URL always describes the replay on the panel, so the address bar is a shareable link.
   * App runs this in an effect: what it reads (the form, speed, dbUrl) is what it follows.
   */
  syncUrl(): void {
    const state = this.state;
    state.form.speed = String(state.speed);
    const params = new URLSearchParams(queryFromForm(state.form, state.dbUrl, state.autostart));
    if (!state.ready) return;
    if (state.blind) return this.env.replaceQuery(blindQuery(state.blind, state.form, state.autostart));
    // A bad link stays as it was given until the person changes the panel: a reload names the same errors.
    if (this.linkQuery !== null && this.query !== this.linkQuery) this.badParameters = {};
    for (const [name, value] of Object.entries(this.badParameters)) params.set(name, value);
    // Where the person is: the view (the replay view is the default) and the lab's experiment.
    if (state.view !== 'replay') params.set('view', state.view);
    if (state.experiment !== null) params.set('experiment', state.experiment);
    if (state.view === 'verify') for (const [name, value] of new URLSearchParams(state.verifyQuery)) params.set(name, value);
    if (state.indicators.length > 0) params.set('indicators', formatIndicators(state.indicators));
    this.env.replaceQuery(params.toString());
  }

  /** A new snapshot is on screen: every run whose gate opened goes into the history when it ends. */
  drew(snapshot: SystemSnapshot): void {
    this.onScreen = snapshot;
    if (this.state.blind && !this.state.blind.revealed && endsBlind(snapshot)) this.state.blind.revealed = true;
    if (snapshot.endedAt === null || snapshot.wallStartedAt === null || snapshot.runId === this.recordedRun) return;
    this.recordedRun = snapshot.runId;
    void this.env
      .recordRun(this.manager.snapshot(), this.query, this.trades())
      .then(() => {
        this.state.historyError = null;
        this.state.historyVersion++;
      })
      .catch((e: Error) => (this.state.historyError = `The last run was not added to the history: ${e.message}`));
  }

  /** A bar step (button or key): the reason shows when it is refused. */
  stepBar(): void {
    this.state.stepMessage = this.manager.stepBar();
  }

  /** A step back (button or key): the reason shows when it is refused. */
  stepBack(): void {
    this.state.stepMessage = this.manager.stepBack();
  }

  /** Opens the keys' help (button or `?`). */
  openHelp(): void {
    this.state.helpOpen = this.state.helpUsed = true;
  }

  /** Opens the about panel (the header's button or the footer's link). */
  openAbout(): void {
    this.state.aboutOpen = this.state.aboutUsed = true;
  }

  /** A key's action (key-bindings.ts chose it). */
  perform(action: PageAction): void {
    KEY_ACTIONS[action](this);
  }

  exportCsv(): void {
    this.env.download(exportFileName(this.drawn, 'csv'), this.manager.exportCsv(), 'text/csv');
  }

  /** The run's paper trades: the one way they reach both its record in the history and its export. */
  private trades(): Promise<TradesRecord | null> {
    return this.env.trades?.() ?? Promise.resolve(null);
  }

  async exportRun(): Promise<void> {
    const trades = (await this.trades()) ?? undefined;
    const record = buildRunRecord(this.manager.snapshot(), this.query, await hashRunExport(this.manager.sessionData), trades);
    this.env.download(exportFileName(this.drawn, 'json'), JSON.stringify(record, null, 2) + '\n', 'application/json');
  }
}
