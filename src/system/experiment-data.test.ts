// The lab on a link's own data, on the real engine (in one thread, on the fallback gate): the
// one-minute-bar-end and look-ahead experiments on Tokyo's bars are caught as on the bundled US
// day, the same every run; on the bundled day's own fields the result is the bundled experiment's.
import { afterAll, describe, expect, it } from 'vitest';
import type { ReplayRequest } from '../core/url-params';
import { createInProcessData, createInProcessManager, TEST_BASE_URL } from '../testing/in-process-engine';
import { marketsFile, TOKYO } from '../testing/market-files';
import { EXPERIMENTS, runExperiment, type TeachingExperiment } from './experiments';
import { linkNamesData, onLinkData, runsOnAnyData } from './experiment-data';

const FILE = 'mem/markets.sqlite';
const files = new Map([[FILE, await marketsFile()]]);
const manager = createInProcessManager({ createData: () => createInProcessData(files) });
afterAll(() => manager.shutdown());

const experiment = (id: string): TeachingExperiment => {
  const found = EXPERIMENTS.find((e) => e.id === id);
  if (!found) throw new Error(`no experiment ${id}`);
  return found;
};
/** What a link `?view=lab&experiment=…&db=…&symbols=TOYOTA&from=2024-03-11[&interval=…]` gives (url-params reads lists as arrays). */
const tokyoLink = (interval?: string[]): ReplayRequest => ({
  dbUrl: TEST_BASE_URL + FILE,
  overrides: { symbols: [TOKYO.symbol], from: '2024-03-11', ...(interval ? { interval } : {}) },
  autostart: true,
});

describe('an experiment on the link’s own data', () => {
  it('only a link that names symbols or a file brings its data; only data-independent experiments take it', () => {
    expect(linkNamesData({ overrides: {}, autostart: true })).toBe(false);
    expect(linkNamesData(tokyoLink())).toBe(true);
    expect(EXPERIMENTS.filter(runsOnAnyData).map((e) => e.id)).toEqual(['look-ahead', 'one-minute-bar-end']);
    // The others need their scenario's symbols (SPY set up late, IBM lagging): the link changes nothing.
    expect(onLinkData(experiment('no-gate'), tokyoLink())).toBe(experiment('no-gate'));
  });

  it('one-minute-bar-end on Tokyo: the 11:00 half hour, due at the 11:30 lunch break, emitted at 11:01 — twice the same; fixed, clean', async () => {
    const onTokyo = onLinkData(experiment('one-minute-bar-end'), tokyoLink(['1m', '30m']));
    expect(onTokyo.setting).toBe("On the link's replay: TOYOTA on 2024-03-11, 1m,30m bars.");
    const first = await runExperiment(manager, onTokyo, 'flawed');
    const second = await runExperiment(manager, onTokyo, 'flawed');
    expect(first.error).toBeNull();
    expect(Object.entries(first.counts).filter(([, n]) => n > 0)).toEqual([['look-ahead', 10]]); // every 30m bar, five a session
    expect(first.violations.map((v) => v.message)).toContain('TOYOTA 30m from 03-11 11:00 ends at 03-11 11:30 but was emitted at 03-11 11:01 (Tokyo time)');
    expect(second.violations).toEqual(first.violations);
    expect(second.counts).toEqual(first.counts);
    const fixed = await runExperiment(manager, onTokyo, 'fixed');
    expect(fixed.total).toBe(0);
    expect(fixed.emitted).toBe(300 + 10);
  }, 30_000);

  it('a link without a coarser interval gets 5m beside its 1m bars, as on the bundled day', async () => {
    const onTokyo = onLinkData(experiment('one-minute-bar-end'), tokyoLink());
    expect(onTokyo.request.overrides.interval).toBe('1m,5m');
    const flawed = await runExperiment(manager, onTokyo, 'flawed');
    expect(flawed.counts['look-ahead']).toBe(60); // 30 five-minute bars a session
    expect(flawed.violations[0].message).toBe('TOYOTA 5m from 03-11 09:00 ends at 03-11 09:05 but was emitted at 03-11 09:01 (Tokyo time)');
  }, 30_000);

  it('look-ahead on Tokyo: every bar visible at the open, each arriving twice', async () => {
    const onTokyo = onLinkData(experiment('look-ahead'), tokyoLink());
    const flawed = await runExperiment(manager, onTokyo, 'flawed');
    expect(Object.entries(flawed.counts).filter(([, n]) => n > 0).map(([k]) => k).sort()).toEqual([...experiment('look-ahead').expected].sort());
    expect(flawed.counts.duplicate).toBe(300);
    expect((await runExperiment(manager, onTokyo, 'flawed')).violations).toEqual(flawed.violations);
    expect((await runExperiment(manager, onTokyo, 'fixed')).total).toBe(0);
  }, 30_000);
});

describe('on the bundled US day', () => {
  const bundled = createInProcessManager();
  afterAll(() => bundled.shutdown());
  it("the link's own fields of the bundled experiment give the bundled experiment's result", async () => {
    const own = experiment('one-minute-bar-end');
    const link: ReplayRequest = { overrides: { symbols: ['SPY'], from: '2013-10-07', interval: ['1m', '5m'] }, autostart: true };
    const viaLink = await runExperiment(bundled, onLinkData(own, link), 'flawed');
    const asBundled = await runExperiment(bundled, own, 'flawed');
    expect(viaLink.counts).toEqual(asBundled.counts);
    expect(viaLink.violations).toEqual(asBundled.violations);
    expect(asBundled.violations[0].message).toBe('SPY 5m from 10-07 09:30 ends at 10-07 09:35 but was emitted at 10-07 09:31');
  }, 30_000);
});
