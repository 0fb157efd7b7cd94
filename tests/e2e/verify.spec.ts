// The Verify view through the page: each design checked in every interleaving in a worker, each
// property's verdict, a shortest counterexample in the design note's table style that steps
// forward and back, and a link that reopens exactly that trace. How long each check took is shown
// on the page and logged here, never asserted (npm run bench measures speed).
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const SHOTS = 'test-results/verify/';

/** What each design must come to (the same table as src/core/gate-model.test.ts, through the page). */
const DESIGNS = [
  { variant: 'doorbell', flaws: '', violated: [] },
  { variant: 'fallback', flaws: '', violated: [] },
  { variant: 'sleep-poll', flaws: '', violated: ['pause-at-once'] },
  { variant: 'naive-atomics', flaws: '', violated: ['completes', 'no-deadlock'] },
  { variant: 'doorbell', flaws: 'late-gate-check,drop-stale', violated: ['nothing-dropped', 'pause-at-once'] },
  { variant: 'doorbell', flaws: 'look-ahead', violated: ['no-look-ahead'] },
];

async function decided(page: Page) {
  const properties = page.getByTestId('verify-property');
  await expect(properties).toHaveCount(8);
  await expect(page.locator('[data-testid="verify-property"][data-verdict="running"]')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId('verify-summary')).not.toBeEmpty();
  return properties.evaluateAll((items) => items.filter((i) => i.getAttribute('data-verdict') === 'violated').map((i) => i.getAttribute('data-property')).sort());
}

for (const design of DESIGNS) {
  test(`Verify ${design.variant}${design.flaws ? ` with ${design.flaws}` : ''}: ${design.violated.join(', ') || 'every property holds'}`, async ({ page }) => {
    await page.goto(`./?view=verify&variant=${design.variant}${design.flaws ? `&flaws=${design.flaws}` : ''}&autostart=1`);
    await expect(page.getByTestId('view-verify')).toHaveAttribute('aria-selected', 'true');
    expect(await decided(page)).toEqual(design.violated);
    await expect(page.getByTestId('verify-states')).toHaveText(/^[1-9]\d*$/);
    const figures = await page.getByTestId('verify-states').locator('xpath=..').textContent();
    console.log(`${design.variant} ${design.flaws}: ${figures?.replace(/\s+/g, ' ').trim()}`);
    if (design.violated.length === 0) await expect(page.getByTestId('verify-summary')).toContainText(`all 8 properties hold in all`);
    // The replay did not start: autostart=1 here runs the check.
    await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
  });
}

test('the naive port: the deadlock as a table, stepped through, and a link that reopens exactly that trace', async ({ page }) => {
  await page.goto('./?view=verify&variant=naive-atomics&autostart=1');
  await decided(page);
  await expect(page.getByTestId('verify-summary')).toContainText('deadlock after 11 steps — here is how');
  const steps = page.getByTestId('verify-trace-step');
  await expect(steps).toHaveCount(12);
  await expect(steps.first()).toContainText('T0');
  await expect(steps.last()).toContainText('blocked in Atomics.wait');
  await expect(steps.last().locator('mark')).toContainText(['coordinator at: blocked in Atomics.wait']);
  const current = page.locator('[data-testid="verify-trace-step"][aria-current="step"]');
  await expect(current).toContainText('T0');
  await page.getByTestId('verify-step-forward').click();
  await page.getByTestId('verify-step-forward').click();
  await expect(current).toContainText('T2');
  await page.getByTestId('verify-step-back').click();
  await expect(current).toContainText('T1');
  await page.screenshot({ path: `${SHOTS}naive-deadlock.png`, fullPage: true });
  const rows = await steps.allTextContents();
  const href = await page.getByTestId('verify-trace-link').getAttribute('href');
  expect(href).toContain('trace=no-deadlock');
  expect(href).toContain('step=1');
  await page.goto(`./${href}`);
  await decided(page);
  await expect(steps).toHaveCount(12);
  expect(await steps.allTextContents()).toEqual(rows);
  await expect(current).toContainText('T1');
});

test('a phone shows the counterexample without sideways scrolling of the page', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('./?view=verify&variant=doorbell&flaws=uninterruptible-sleep&autostart=1');
  expect(await decided(page)).toEqual(['pause-at-once']);
  await expect(page.getByTestId('verify-trace-step').first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: `${SHOTS}phone-uninterruptible-sleep.png`, fullPage: true });
});

for (const flaw of ['late-gate-check', 'empty-as-done']) {
  test(`${flaw}: the model's counterexample played on the real workers is caught as the same property; fixed, clean`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto(`./?view=verify&variant=doorbell&flaws=${flaw}&autostart=1`);
    expect(await decided(page)).toContain('no-overtaking');
    await page.getByTestId('verify-play-engine').click();
    const flawed = page.getByTestId('verify-engine-flawed');
    await expect(flawed).toHaveAttribute('data-kinds', /./, { timeout: 30_000 });
    expect((await flawed.getAttribute('data-kinds'))?.split(',')).toContain('overtaken');
    const fixed = page.getByTestId('verify-engine-fixed');
    await expect(fixed).toHaveAttribute('data-kinds', '', { timeout: 30_000 });
    await expect(fixed).toContainText('no violations');
    await page.screenshot({ path: `${SHOTS}engine-${flaw}.png`, fullPage: true });
  });
}
