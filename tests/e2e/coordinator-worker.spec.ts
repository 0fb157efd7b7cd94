// The real coordinator worker with a real SharedArrayBuffer (and the message-based fallback gate,
// which must pass the same tests), driven through tests/harness/. The page itself never calls
// Atomics.wait: only the worker does.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

async function open(page: Page, shared: boolean, announceMail = true) {
  await page.goto('./tests/harness/index.html');
  await page.waitForFunction(() => 'harness' in window);
  expect(await page.evaluate(() => window.harness.isolated())).toBe(true);
  expect(await page.evaluate(([s, m]) => window.harness.create(s, m), [shared, announceMail] as const)).toBe(shared ? 'atomics' : 'message');
}

for (const shared of [true, false]) {
  const gate = shared ? 'Atomics gate' : 'fallback gate';

  test.describe(gate, () => {
    test('holds while STOPPED and opens on RUNNING', async ({ page }) => {
      await open(page, shared);
      await page.evaluate(async () => {
        await window.harness.plan();
        await window.harness.stream('BBB', 5);
        await window.harness.stream('AAA', 5);
        window.harness.setSpeed('max');
      });
      expect(await page.evaluate(() => window.harness.waitPhase('AT_GATE'))).toBe(true);
      expect(await page.evaluate(() => window.harness.turns(2))).toBe(true); // two more looks at the gate: still closed
      expect(await page.evaluate(() => window.harness.emittedCount())).toBe(0);
      await page.evaluate(() => window.harness.setState('RUNNING'));
      expect(await page.evaluate(() => window.harness.waitEvent('complete'))).toBe(true);
      const emitted = await page.evaluate(() => window.harness.emitted());
      // AAA (slot 1) before BBB (slot 0) at each minute: symbol order, not registration order.
      expect(emitted.map((e) => e.slot)).toEqual([1, 0, 1, 0, 1, 0, 1, 0, 1, 0]);
      expect(emitted.map((e) => e.tsEmit)).toEqual([...emitted.map((e) => e.tsEmit)].sort((a, b) => a - b));
    });

    test('pause mid-gap takes effect at once', async ({ page }) => {
      await open(page, shared);
      await page.evaluate(async () => {
        await window.harness.plan();
        await window.harness.stream('SPY', 3);
        window.harness.setSpeed(1); // the first bar is due one real minute after the gate opens
        window.harness.setState('RUNNING');
      });
      expect(await page.evaluate(() => window.harness.waitPhase('PACING'))).toBe(true);
      const latency = await page.evaluate(() => window.harness.pauseLatency());
      test.info().annotations.push({ type: 'pause acknowledged after', description: `${latency.toFixed(2)} ms (${gate})` });
      expect(latency).toBeGreaterThanOrEqual(0);
      expect(latency).toBeLessThan(10_000); // far inside the 60 000 ms gap: the wait was cut short
      expect(await page.evaluate(() => window.harness.waitPhase('PAUSED'))).toBe(true);
      expect(await page.evaluate(() => window.harness.emittedCount())).toBe(0);
      await page.evaluate(() => window.harness.step());
      await expect.poll(() => page.evaluate(() => window.harness.emittedCount())).toBe(1);
      expect(await page.evaluate(() => window.harness.turns(2))).toBe(true); // two more turns while PAUSED: exactly one item
      expect(await page.evaluate(() => window.harness.emittedCount())).toBe(1);
      expect(await page.evaluate(() => window.harness.phase())).toBe('PAUSED');
    });

    test('shutdown during setup exits cleanly', async ({ page }) => {
      await open(page, shared);
      await page.evaluate(async () => {
        await window.harness.plan();
        const slot = await window.harness.stream('SPY', 2, 0, false); // unfinished: setup still under way
        await window.harness.feed(slot, 1, 2, false);
      });
      expect(await page.evaluate(() => window.harness.shutdown(5000))).toBe(true);
      expect(await page.evaluate(() => window.harness.eventKinds())).toContain('exited');
      expect(await page.evaluate(() => window.harness.emittedCount())).toBe(0);
    });

    test('no deadlock: setup of many streams completes while the coordinator holds an item at the gate', async ({ page }) => {
      await open(page, shared);
      await page.evaluate(async () => {
        await window.harness.plan();
        await window.harness.stream('A000', 2);
        window.harness.setSpeed('max');
      });
      // The worker now holds A000's first bar at the gate, blocked in Atomics.wait (or awaiting, on the fallback).
      expect(await page.evaluate(() => window.harness.waitPhase('AT_GATE'))).toBe(true);
      const setupMs = await page.evaluate(async () => {
        const started = performance.now();
        for (let i = 1; i <= 300; i++) await window.harness.stream(`S${String(i).padStart(3, '0')}`, 2, i % 3);
        return performance.now() - started;
      });
      test.info().annotations.push({ type: 'setup of 300 streams at the gate', description: `${setupMs.toFixed(0)} ms (${gate})` });
      expect(await page.evaluate(() => window.harness.emittedCount())).toBe(0);
      await page.evaluate(() => window.harness.setState('RUNNING'));
      expect(await page.evaluate(() => window.harness.waitEvent('complete'))).toBe(true);
      expect(await page.evaluate(() => window.harness.emittedCount())).toBe(602);
    });
  });
}

test('without the mail doorbell the bounded slices still end the deadlock, only slowly', async ({ page }) => {
  await open(page, true, false);
  await page.evaluate(async () => {
    await window.harness.plan();
    await window.harness.stream('A000', 1);
  });
  expect(await page.evaluate(() => window.harness.waitPhase('AT_GATE'))).toBe(true);
  const setupMs = await page.evaluate(async () => {
    const started = performance.now();
    for (let i = 1; i <= 5; i++) await window.harness.stream(`S${i}`, 1);
    return performance.now() - started;
  });
  test.info().annotations.push({ type: 'setup of 5 streams without the doorbell', description: `${setupMs.toFixed(0)} ms` });
  // Two calls a stream, each read only when a 50 ms wait slice runs out.
  expect(setupMs).toBeGreaterThan(5 * 2 * 20);
});
