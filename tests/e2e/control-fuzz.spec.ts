// The control fuzz in the browser: 10,000 seeded operations (start, pause, resume, step, stop,
// speed changes, bad configs) on the real workers and the Atomics gate, the invariants checked
// after each (src/testing/control-fuzz.ts); shorter runs on the fallback gate and with the app's
// frame budget (batch acknowledgements held until the next frame).
import { expect, test } from './fixtures';
import { PLAIN_URL } from '../../playwright.config';

const SEEDS = [1, 2, 3, 4];
const OPS = 2500;

test(`${SEEDS.length * OPS} random control operations on the Atomics gate: zero invariant violations`, async ({ page }) => {
  test.setTimeout(600_000);
  await page.goto('./tests/harness/fuzz.html');
  await page.waitForFunction(() => 'fuzz' in window);
  expect(await page.evaluate(() => window.fuzz.gate)).toBe('atomics');
  let completed = 0;
  let checked = 0;
  for (const seed of SEEDS) {
    const result = await page.evaluate(([s, n]) => window.fuzz.run(s, n), [seed, OPS]);
    expect(result.ops).toBe(OPS);
    expect(result.starts).toBeGreaterThan(100);
    completed += result.completed;
    checked += result.checked;
  }
  test.info().annotations.push({ type: 'fuzz', description: `${completed} runs completed, ${checked} items checked` });
  expect(completed).toBeGreaterThan(20);
  expect(checked).toBeGreaterThan(10_000);
});

test('2,000 random control operations on the fallback gate: zero invariant violations', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto(`${PLAIN_URL}tests/harness/fuzz.html`);
  await page.waitForFunction(() => 'fuzz' in window);
  expect(await page.evaluate(() => window.fuzz.gate)).toBe('message');
  const result = await page.evaluate(() => window.fuzz.run(99, 2000));
  expect(result.completed).toBeGreaterThan(3);
});

test('2,000 random control operations with the frame budget the app keeps: zero invariant violations', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('./tests/harness/fuzz.html?draws');
  await page.waitForFunction(() => 'fuzz' in window);
  const result = await page.evaluate(() => window.fuzz.run(7, 2000));
  expect(result.ops).toBe(2000);
  expect(result.completed).toBeGreaterThan(3);
});
