// Determinism: a replay's output does not depend on speed, pauses or timing. The same config at
// max, at 600x switched to max mid-run, and with pauses gives the same export, and each bundled
// config's export hash is checked in (a change to the order or the data shows up here).
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { SystemState } from '../core/system-state';
import type { ReplayRequest } from '../core/url-params';
import { createInProcessManager } from '../testing/in-process-engine';

const manager = createInProcessManager();
afterAll(() => manager.shutdown());

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const until = (predicate: () => boolean) =>
  new Promise<void>((resolve) => {
    const tick = () => (predicate() ? resolve() : setTimeout(tick, 2));
    tick();
  });

async function run(request: ReplayRequest, drive?: () => Promise<void>): Promise<string> {
  expect(await manager.start(request)).toBe(true);
  await drive?.();
  await until(() => manager.snapshot().runComplete || manager.snapshot().error !== null);
  expect(manager.snapshot().error).toBeNull();
  return sha256(manager.exportCsv());
}

/** SHA-256 of each bundled config's export at max speed (update only for an intended change). */
const BUNDLED_HASHES: Record<string, string> = {
  // Also the independent ORDER BY of tests/e2e/replay.spec.ts: the two checks agree.
  'spy-aig-bac-ibm-2013-10-07': '31c8ca7c8c6a7f3df428325a175fdbe3d26bd8e7a713b49c2cc7b5dd25f5bbc9',
  'week-2013-10': '2200a6f56569f6db7cc5b41651b23054e6e633e9d00c1fca5c18c374aabeebac',
  'aapl-split-2014-06': 'f2f336c98308620a6d7e07b7ad0570bbd5647f82e63dd2ed0e9943eeee24bf1c',
};

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
      await until(() => manager.snapshot().emitted >= 20);
      manager.setSpeed('max');
    });
    const paused = await run(request(600), async () => {
      for (let i = 0; i < 3; i++) {
        await until(() => manager.snapshot().emitted >= 10 * (i + 1));
        await manager.pause();
        manager.step();
        await until(() => manager.snapshot().state === SystemState.PAUSED);
        manager.resume();
      }
      manager.setSpeed('max');
    });
    expect(switched).toBe(atMax);
    expect(paused).toBe(atMax);
  }, 60_000);
});
