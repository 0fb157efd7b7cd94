// Determinism: a replay's output does not depend on speed, pauses or timing. The same config at
// max, at 600x switched to max mid-run, and with pauses gives the same export, and each bundled
// config's export hash is checked in (a change to the order or the data shows up here). Each
// checked-in hash is itself the hash of the independent ordering (tests/e2e/expected-export.ts:
// one ORDER BY over the SQLite file), so none of them was copied from the program's own output.
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledDb, expectedOverSessions } from '../testing/expected-export';
import { SystemState } from '../core/system-state';
import type { ReplayRequest } from '../core/url-params';
import { createInProcessManager } from '../testing/in-process-engine';
import { until as waitUntil } from '../testing/until';

const manager = createInProcessManager();
afterAll(() => manager.shutdown());

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** Polls until `predicate` holds; after `timeoutMs` fails, saying what it waited for and how far the run got. */
const until = (what: string, predicate: () => boolean, timeoutMs?: number) => waitUntil(what, predicate, timeoutMs, () => progress());
const progress = () => {
  const snap = manager.snapshot();
  return { state: SystemState[snap.state], emitted: snap.emitted, runComplete: snap.runComplete, error: snap.error };
};

async function run(request: ReplayRequest, drive?: () => Promise<void>): Promise<string> {
  expect(await manager.start(request)).toBe(true);
  await drive?.();
  await until('the run to complete or fail', () => manager.snapshot().runComplete || manager.snapshot().error !== null);
  expect(manager.snapshot().error).toBeNull();
  return sha256(manager.exportCsv());
}

/** SHA-256 of each bundled config's export at max speed (update only for an intended change). */
const BUNDLED_HASHES: Record<string, string> = {
  'spy-aig-bac-ibm-2013-10-07': '31c8ca7c8c6a7f3df428325a175fdbe3d26bd8e7a713b49c2cc7b5dd25f5bbc9',
  'week-2013-10': '2200a6f56569f6db7cc5b41651b23054e6e633e9d00c1fca5c18c374aabeebac',
  'aapl-split-2014-06': 'f2f336c98308620a6d7e07b7ad0570bbd5647f82e63dd2ed0e9943eeee24bf1c',
};

/** Regular hours (09:30–16:00 New York, EDT: UTC−4) of each trading day, written out here, not computed by the app. */
const regularHours = (days: string[]): [number, number][] => days.map((day) => [Date.parse(`${day}T09:30:00-04:00`), Date.parse(`${day}T16:00:00-04:00`)]);

/** What each bundled config replays, written out by hand from its JSON: symbols, and its trading days (no weekends, no holidays in these weeks). */
const BUNDLED_REPLAYS: Record<string, { symbols: string[]; days: string[] }> = {
  'spy-aig-bac-ibm-2013-10-07': { symbols: ['SPY', 'AIG', 'BAC', 'IBM'], days: ['2013-10-07'] },
  'week-2013-10': { symbols: ['SPY', 'AIG', 'BAC', 'IBM'], days: ['2013-10-04', '2013-10-07', '2013-10-08', '2013-10-09', '2013-10-10', '2013-10-11'] },
  'aapl-split-2014-06': { symbols: ['AAPL', 'TWX'], days: ['2014-06-05', '2014-06-06', '2014-06-09'] },
};

describe('the checked-in hashes', () => {
  for (const name of Object.keys(BUNDLED_HASHES)) {
    it(`${name}: the hash of the ordering computed straight from the SQLite file`, async () => {
      const { symbols, days } = BUNDLED_REPLAYS[name];
      const expected = await expectedOverSessions(bundledDb(), symbols, regularHours(days));
      expect(expected.split('\n').length).toBeGreaterThan(days.length * 300); // a real export, not an empty one
      expect(sha256(expected)).toBe(BUNDLED_HASHES[name]);
    });
  }
});

describe('determinism', () => {
  for (const name of Object.keys(BUNDLED_HASHES)) {
    it(`${name} exports the checked-in hash`, async () => {
      const hash = await run({ configName: name, overrides: { speed: 'max' }, autostart: false });
      expect(hash).toBe(BUNDLED_HASHES[name]);
    }, 30_000);
  }

  it('the same export at max, at 600x then max, and with pauses and steps', async () => {
    const request = (speed: number | 'max'): ReplayRequest => ({ configName: 'spy-aig-bac-ibm-2013-10-07', overrides: { speed }, autostart: false });
    const atMax = await run(request('max'));
    const switched = await run(request(600), async () => {
      await until('20 items', () => manager.snapshot().emitted >= 20);
      manager.setSpeed('max');
    });
    const paused = await run(request(600), async () => {
      for (let i = 0; i < 3; i++) {
        await until(`${10 * (i + 1)} items`, () => manager.snapshot().emitted >= 10 * (i + 1));
        await manager.pause();
        manager.step();
        await until('PAUSED after the step', () => manager.snapshot().state === SystemState.PAUSED);
        manager.resume();
      }
      manager.setSpeed('max');
    });
    expect(switched).toBe(atMax);
    expect(paused).toBe(atMax);
  }, 60_000);
});
