import { describe, expect, it, vi } from 'vitest';
import { SystemState } from '../core/system-state';
import type { CatalogEntry } from '../core/catalog-entry';
import type { TradesRecord } from '../core/trades-export';
import type { ReplayRequest } from '../core/url-params';
import type { SystemSnapshot } from '../system/system-snapshot';
import { initialPageState, PageController, type PageEnvironment, type PageManager } from './page-controller';

const BASE = 'https://lab.example/app/';
const CONFIGS: Record<string, string> = {
  'data/configs/index.json': '["day-one","week"]',
  'data/configs/day-one.json': '{"symbols":["SPY","IBM"],"from":"2013-10-07","speed":360}',
  'data/configs/week.json': '{"symbols":"IBM","from":"2013-10-07","to":"2013-10-11"}',
};

/** The bundled configs, served as a static host would: JSON, or a 404. */
async function serve(url: string): Promise<Response> {
  const path = url.slice(BASE.length);
  return path in CONFIGS ? new Response(CONFIGS[path], { headers: { 'content-type': 'application/json' } }) : new Response('not found', { status: 404 });
}

const snapshot = (fields: Partial<SystemSnapshot> = {}) =>
  ({ runId: 0, state: SystemState.STOPPED, starting: false, endedAt: null, wallStartedAt: null, ...fields }) as SystemSnapshot;

const SPY_ONLY: readonly CatalogEntry[] = [{ symbol: 'SPY', interval: '1m', days: ['2013-10-07'] }];

function page(search = '', recordRun: PageEnvironment['recordRun'] = async () => {}, trades?: PageEnvironment['trades'], entries = SPY_ONLY) {
  const calls: string[] = [];
  const started: ReplayRequest[] = [];
  const queries: string[] = [];
  const recorded: string[] = [];
  let current = snapshot();
  const manager = {
    catalog: async () => entries,
    start: async (request: ReplayRequest) => (calls.push('start'), started.push(request), true),
    stop: async () => void calls.push('stop'),
    pause: async () => (calls.push('pause'), true),
    resume: () => (calls.push('resume'), true),
    step: () => (calls.push('step'), true),
    stepBar: () => (calls.push('stepBar'), null),
    stepBack: () => (calls.push('stepBack'), 'Cannot step back now: step back works while the replay is paused. Press Pause first.'),
    setSpeed: (speed: unknown) => void calls.push(`setSpeed ${String(speed)}`),
    snapshot: () => current,
    exportCsv: () => '',
    sessionData: undefined,
  } as unknown as PageManager;
  const env: PageEnvironment = {
    baseUrl: BASE,
    search,
    fetch: serve,
    replaceQuery: (query) => queries.push(query),
    recordRun: (ended, query, runTrades) => (recorded.push(`${ended.runId} ${query}`), recordRun(ended, query, runTrades)),
    download: () => {},
    trades,
  };
  const controller = new PageController(initialPageState(), manager, env);
  const show = (fields: Partial<SystemSnapshot>) => controller.drew((current = snapshot(fields)));
  return { controller, state: controller.state, calls, started, queries, recorded, show };
}

describe('PageController: the replay on the panel', () => {
  it('a plain visit shows the first bundled config and does not start', async () => {
    const { controller, state, calls } = page();
    await controller.init();
    expect(state.bundled).toEqual(['day-one', 'week']);
    expect(state.form).toMatchObject({ config: 'day-one', symbols: 'SPY,IBM', from: '2013-10-07' });
    expect(state.speed).toBe(360);
    expect(state.ready).toBe(true);
    expect(state.urlError).toBeNull();
    expect(calls).toEqual([]);
    await vi.waitFor(() => expect(state.catalog).toHaveLength(1));
  });

  it('a link with autostart shows its replay with the overrides and starts it', async () => {
    const { controller, state, calls } = page('?config=week&symbols=SPY&autostart=1');
    await controller.init();
    expect(state.form).toMatchObject({ config: 'week', symbols: 'SPY', to: '2013-10-11' });
    expect(state.autostart).toBe(true);
    expect(calls).toEqual(['start']);
  });

  it('a Verify link with autostart runs the model check, not a replay, and the address bar keeps its parameters', async () => {
    const { controller, state, calls, queries } = page('?view=verify&variant=naive-atomics&autostart=1');
    await controller.init();
    expect(state.view).toBe('verify');
    expect(state.verifyAutorun).toBe(true);
    expect(calls).toEqual([]);
    state.verifyQuery = 'variant=naive-atomics&trace=no-deadlock&path=0.3&step=1';
    controller.syncUrl();
    const last = new URLSearchParams(queries.at(-1));
    expect([last.get('view'), last.get('variant'), last.get('trace'), last.get('path'), last.get('autostart')]).toEqual(['verify', 'naive-atomics', 'no-deadlock', '0.3', '1']);
  });

  it('a link with its own fields and no config= shows no bundled config', async () => {
    const { controller, state } = page('?symbols=IBM&from=2013-10-08');
    await controller.init();
    expect(state.form).toMatchObject({ config: '', symbols: 'IBM', from: '2013-10-08' });
  });

  it('a link with only speed= shows the first bundled config at that speed; with autostart it starts that replay', async () => {
    const { controller, state, calls } = page('?speed=600');
    await controller.init();
    expect(state.form).toMatchObject({ config: 'day-one', symbols: 'SPY,IBM', from: '2013-10-07', speed: '600' });
    expect(state.speed).toBe(600);
    expect(state.urlError).toBeNull();
    expect(calls).toEqual([]);
    const auto = page('?speed=max&autostart=1');
    await auto.controller.init();
    expect(auto.state.form).toMatchObject({ config: 'day-one', symbols: 'SPY,IBM' });
    expect(auto.state.speed).toBe('max');
    expect(auto.started).toEqual([{ configName: 'day-one', overrides: { speed: 'max' }, dbUrl: undefined, autostart: true }]);
    // A link naming its own replay keeps it as given.
    const own = page('?symbols=SPY&from=2013-10-07&speed=600&autostart=1');
    await own.controller.init();
    expect(own.state.form).toMatchObject({ config: '', symbols: 'SPY', speed: '600' });
    expect(own.started.map((r) => r.configName)).toEqual([undefined]);
  });

  it('a bad link names the parameter and starts nothing', async () => {
    const { controller, state, calls } = page('?speed=warp&autostart=1');
    await controller.init();
    expect(state.urlError).toMatch(/^URL parameter speed: /);
    expect(calls).toEqual([]);
  });

  it('a config that is not there says so', async () => {
    const { controller, state } = page('?config=no-such-config');
    await controller.init();
    expect(state.urlError).toContain('there is no bundled config "no-such-config"');
  });

  it('the address bar follows the panel once it shows the link, and only then', async () => {
    const { controller, state, queries } = page('?config=week');
    controller.syncUrl();
    expect(queries).toEqual([]);
    await controller.init();
    state.speed = 600;
    controller.syncUrl();
    expect(queries.at(-1)).toContain('config=week');
    expect(queries.at(-1)).toContain('speed=600');
  });

  it('a saved replay goes onto the panel and the replay view', async () => {
    const { controller, state } = page();
    await controller.init();
    state.view = 'data';
    await controller.loadSaved('config=week&symbols=IBM');
    expect(state.form).toMatchObject({ config: 'week', symbols: 'IBM', to: '2013-10-11' });
    expect(state.view).toBe('replay');
    await controller.loadSaved('speed=warp');
    expect(state.urlError).toMatch(/^saved replay, speed: /);
  });

  it("a saved replay of a Tokyo symbol keeps its start, read in Tokyo's hours; one in Tokyo's lunch break is refused in them", async () => {
    const tokyo: readonly CatalogEntry[] = [...SPY_ONLY, { symbol: 'TOYOTA', interval: '1m', days: ['2024-03-11'], market: 'tse' }];
    const { controller, state } = page('', undefined, undefined, tokyo);
    await controller.init();
    state.view = 'data';
    // 09:15 is before New York's 09:30 open, and inside Tokyo's morning session (09:00–11:30).
    await controller.loadSaved('symbols=TOYOTA&from=2024-03-11&start=09:15');
    expect(state.urlError).toBeNull();
    expect(state.form).toMatchObject({ config: '', symbols: 'TOYOTA', from: '2024-03-11', start: '09:15' });
    expect(state.view).toBe('replay');
    state.view = 'data';
    await controller.loadSaved('symbols=TOYOTA&from=2024-03-11&start=12:00');
    expect(state.urlError).toMatch(/^saved replay, start: start 12:00 is outside the regular session \(09:00–11:30, 12:30–15:00 Tokyo\)/);
    expect(state.form).toMatchObject({ symbols: 'TOYOTA', start: '09:15' }); // the panel keeps the replay it showed
    expect(state.view).toBe('data');
  });

  it('a saved US replay started outside its session is refused in New York hours, the panel and view unchanged', async () => {
    const { controller, state } = page();
    await controller.init();
    state.view = 'data';
    await controller.loadSaved('symbols=SPY&from=2013-10-07&start=08:00');
    expect(state.urlError).toMatch(/^saved replay, start: start 08:00 is outside the regular session \(09:30–16:00 New York\): pick a time from 09:30 to 15:59/);
    expect(state.form).toMatchObject({ config: 'day-one', symbols: 'SPY,IBM' });
    expect(state.view).toBe('data');
    await controller.loadSaved('symbols=SPY&from=2013-10-07&hours=extended&start=08:00');
    expect(state.urlError).toBeNull();
    expect(state.form).toMatchObject({ symbols: 'SPY', hours: 'extended', start: '08:00' });
  });
});

describe('PageController: links that keep what they say', () => {
  it('several bad parameters: every one is named, every good one kept in the panel and the address bar, nothing starts', async () => {
    const { controller, state, calls, queries } = page('?symbols=SPY&from=2013-13-45&hours=extended&speed=-3&interval=7m&autostart=1');
    await controller.init();
    expect(state.urlError?.split('\n')).toEqual([
      expect.stringMatching(/^URL parameter from: from must be a date/),
      expect.stringMatching(/^URL parameter speed: speed must be/),
      expect.stringMatching(/^URL parameter interval: "7m" is not an interval/),
    ]);
    expect(state.form).toMatchObject({ config: '', symbols: 'SPY', hours: 'extended' });
    expect(calls).toEqual([]);
    controller.syncUrl();
    const kept = new URLSearchParams(queries.at(-1));
    expect(Object.fromEntries(['symbols', 'hours', 'from', 'speed', 'interval', 'autostart'].map((k) => [k, kept.get(k)]))).toEqual({
      symbols: 'SPY',
      hours: 'extended',
      from: '2013-13-45',
      speed: '-3',
      interval: '7m',
      autostart: null,
    });
    // Once the person changes the panel, the address bar is the panel.
    state.form.from = '2013-10-07';
    controller.syncUrl();
    expect(new URLSearchParams(queries.at(-1)).get('from')).toBe('2013-10-07');
    expect(new URLSearchParams(queries.at(-1)).get('speed')).toBe('60');
  });

  it('an unknown symbol is named as soon as the catalog arrives, as the start would name it, and nothing starts', async () => {
    const { controller, state, calls } = page('?symbols=SPY,NOPE&from=2013-10-07&autostart=1');
    await controller.init();
    expect(state.urlError).toBe('symbols: unknown symbol NOPE: the data has SPY');
    expect(calls).toEqual([]);
    expect(state.autostart).toBe(false);
  });

  it("a start outside the hours of the config the link names is named with the link's other errors, kept in the address bar, and nothing starts", async () => {
    const { controller, state, calls, queries } = page('?config=week&symbols=SPY,NOPE&start=03:00&autostart=1');
    await controller.init();
    expect(state.urlError?.split('\n')).toEqual(['symbols: unknown symbol NOPE: the data has SPY', expect.stringMatching(/^URL parameter start: /)]);
    expect(calls).toEqual([]);
    expect(state.autostart).toBe(false);
    controller.syncUrl();
    expect(new URLSearchParams(queries.at(-1)).get('start')).toBe('03:00');
  });

  it('view= opens a view, and the address bar keeps the view and the experiment as tabs change', async () => {
    const { controller, state, queries } = page('?view=data');
    await controller.init();
    expect(state.view).toBe('data');
    controller.syncUrl();
    expect(new URLSearchParams(queries.at(-1)).get('view')).toBe('data');
    state.view = 'lab';
    controller.experimentStarted('look-ahead');
    controller.syncUrl();
    expect(new URLSearchParams(queries.at(-1)).get('view')).toBe('lab');
    state.view = 'replay';
    controller.syncUrl();
    expect(new URLSearchParams(queries.at(-1)).has('view')).toBe(false);
    expect(new URLSearchParams(queries.at(-1)).get('experiment')).toBe('look-ahead');
  });

  it('indicators= gives the charts their indicators and stays in the address bar; an unknown one is named and nothing starts', async () => {
    const good = page('?config=week&indicators=SMA20,vwap,rsi14&autostart=1');
    await good.controller.init();
    expect(good.state.indicators.map((s) => s.kind)).toEqual(['sma', 'vwap', 'rsi']);
    expect(good.calls).toEqual(['start']);
    good.controller.syncUrl();
    expect(new URLSearchParams(good.queries.at(-1)).get('indicators')).toBe('sma20,vwap,rsi14');
    const bad = page('?config=week&indicators=sma20,macd&autostart=1');
    await bad.controller.init();
    expect(bad.state.urlError).toMatch(/^URL parameter indicators: unknown indicator "macd"/);
    expect(bad.calls).toEqual([]);
    bad.controller.syncUrl();
    expect(new URLSearchParams(bad.queries.at(-1)).get('indicators')).toBe('sma20,macd');
  });

  it('an experiment link selects it in the lab; autostart runs the experiment, not the panel\'s replay', async () => {
    const { controller, state, calls } = page('?view=lab&experiment=noGate&autostart=1');
    await controller.init();
    expect(state).toMatchObject({ view: 'lab', experiment: 'no-gate', experimentAutorun: true, urlError: null });
    expect(calls).toEqual([]);
    controller.experimentStarted('no-gate');
    expect(state.experimentAutorun).toBe(false);
  });

  it("a lab link that names its own data brings it to the experiments; one with only experiment= brings none", async () => {
    const own = page('?view=lab&experiment=one-minute-bar-end&db=data/tse.sqlite&symbols=SPY&from=2013-10-07&interval=1m,30m&autostart=1');
    await own.controller.init();
    expect(own.state).toMatchObject({ view: 'lab', experiment: 'one-minute-bar-end', experimentAutorun: true, urlError: null });
    expect(own.state.experimentData).toMatchObject({ dbUrl: `${BASE}data/tse.sqlite`, overrides: { symbols: ['SPY'], from: '2013-10-07', interval: ['1m', '30m'] } });
    expect(own.calls).toEqual([]); // the experiment runs it, not the panel
    const bundled = page('?view=lab&experiment=one-minute-bar-end&autostart=1');
    await bundled.controller.init();
    expect(bundled.state.experimentData).toBeNull();
    const replay = page('?symbols=SPY&from=2013-10-07'); // not the lab: the replay view's link
    await replay.controller.init();
    expect(replay.state.experimentData).toBeNull();
  });

  it('an experiment the lab does not have is named with the ones it has, and nothing runs', async () => {
    const { controller, state } = page('?experiment=no-such&autostart=1');
    await controller.init();
    expect(state.urlError).toMatch(/^URL parameter experiment: there is no experiment "no-such"; the lab has no-gate, late-gate-check, /);
    expect(state.experimentAutorun).toBe(false);
  });
});

describe('PageController: the run history', () => {
  it('records each run whose gate opened once, when it ends', async () => {
    const { controller, state, recorded, show } = page();
    await controller.init();
    show({ runId: 1, state: SystemState.RUNNING, wallStartedAt: 1 });
    show({ runId: 1, wallStartedAt: 1, endedAt: 2 });
    show({ runId: 1, wallStartedAt: 1, endedAt: 2 });
    show({ runId: 2, endedAt: 3 }); // failed in setup: the gate never opened
    expect(recorded).toEqual([`1 ${controller.query}`]);
    await vi.waitFor(() => expect(state.historyVersion).toBe(1));
    expect(state.historyError).toBeNull();
  });

  it("a run's paper trades reach its record in the history as they reach its export: asked of trades() as it ends", async () => {
    const made = { file: 'trades.csv', rows: 0, sha256: '', fills: [] } satisfies TradesRecord;
    let asked = 0;
    const kept: (TradesRecord | null)[] = [];
    const { controller, show } = page('', async (_ended, _query, trades) => void kept.push(await trades), async () => (asked++, made));
    await controller.init();
    show({ runId: 1, wallStartedAt: 1, endedAt: 2 });
    expect(asked).toBe(1);
    await vi.waitFor(() => expect(kept).toEqual([made]));
    // Without a desk (no trades()), the record has none.
    const bare = page('', async (_ended, _query, trades) => void kept.push(await trades));
    await bare.controller.init();
    bare.show({ runId: 1, wallStartedAt: 1, endedAt: 2 });
    await vi.waitFor(() => expect(kept).toEqual([made, null]));
  });

  it('a run the history could not keep is reported', async () => {
    const { controller, state, show } = page('', async () => {
      throw new Error('storage for this page is full');
    });
    await controller.init();
    show({ runId: 1, wallStartedAt: 1, endedAt: 2 });
    await vi.waitFor(() => expect(state.historyError).toBe('The last run was not added to the history: storage for this page is full'));
    expect(state.historyVersion).toBe(0);
  });
});

describe('PageController: key actions', () => {
  const rows: [string, Partial<SystemSnapshot>, string[]][] = [
    ['STOPPED: space starts', { state: SystemState.STOPPED }, ['start']],
    ['STOPPED while a start sets up: space does nothing', { state: SystemState.STOPPED, starting: true }, []],
    ['RUNNING: space pauses', { state: SystemState.RUNNING }, ['pause']],
    ['PAUSED: space resumes', { state: SystemState.PAUSED }, ['resume']],
  ];
  for (const [name, fields, expected] of rows) {
    it(name, async () => {
      const { controller, calls, show } = page();
      await controller.init();
      show(fields);
      controller.perform('playPause');
      expect(calls).toEqual(expected);
    });
  }

  it('speed keys step the panel speed, and the running replay follows', async () => {
    const { controller, state, calls, show } = page();
    await controller.init();
    controller.perform('faster');
    expect(state.speed).toBeGreaterThan(360);
    expect(calls).toEqual([]); // stopped: only the panel changes
    show({ state: SystemState.RUNNING });
    controller.perform('slower');
    expect(calls).toEqual([`setSpeed ${String(state.speed)}`]);
  });

  it('Esc stops, → steps, ? opens the help', async () => {
    const { controller, state, calls } = page();
    controller.perform('stop');
    controller.perform('step');
    controller.perform('help');
    expect(calls).toEqual(['stop', 'step']);
    expect(state.helpOpen).toBe(true);
  });

  it('the help and the about panel are marked used when first opened, and stay so when closed (their chunks stay loaded)', () => {
    const { controller, state } = page();
    expect([state.helpUsed, state.aboutUsed]).toEqual([false, false]);
    controller.perform('help');
    expect([state.helpOpen, state.helpUsed, state.aboutUsed]).toEqual([true, true, false]);
    state.helpOpen = false; // the dialog closed itself (bind:open)
    controller.openAbout();
    expect([state.helpOpen, state.helpUsed, state.aboutOpen, state.aboutUsed]).toEqual([false, true, true, true]);
    state.aboutOpen = false;
    expect([state.helpUsed, state.aboutUsed]).toEqual([true, true]);
    controller.openHelp();
    expect(state.helpOpen).toBe(true);
  });

  it('. steps a bar, "," steps back; a refusal shows its reason until the next step is taken', async () => {
    const { controller, state, calls } = page();
    controller.perform('stepBack');
    expect(state.stepMessage).toMatch(/paused/);
    controller.perform('stepBar');
    expect(state.stepMessage).toBeNull();
    expect(calls).toEqual(['stepBack', 'stepBar']);
  });
});
