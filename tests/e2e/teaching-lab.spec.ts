// The teaching lab through the page: every experiment caught by the invariant checker with its
// flaw on and clean when fixed; zero violations on every bundled replay; the gate latency lab;
// the tie-break lab; the guided tour.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { EXPERIMENTS } from '../../src/system/experiments';

async function openLab(page: Page) {
  await page.goto('./');
  await page.getByTestId('view-lab').click();
  await expect(page.getByTestId('tour')).toBeVisible();
}

test('with each flaw on, the checker reports the expected violations; fixed, none', async ({ page }) => {
  test.setTimeout(120_000);
  await openLab(page);
  for (const experiment of EXPERIMENTS) {
    const card = page.getByTestId(`experiment-${experiment.id}`);
    if (experiment.unavailable) {
      await expect(card).toContainText('Not yet');
      continue;
    }
    await page.getByTestId(`run-flawed-${experiment.id}`).click();
    const flawed = page.getByTestId(`experiment-result-${experiment.id}-flawed`);
    await expect(flawed).toHaveAttribute('data-kinds', /./, { timeout: 30_000 });
    expect((await flawed.getAttribute('data-kinds'))!.split(',').sort()).toEqual([...experiment.expected].sort());
    await expect(page.getByTestId('invariant-status')).not.toHaveText('0 violations');
    await page.getByTestId(`run-fixed-${experiment.id}`).click();
    const fixed = page.getByTestId(`experiment-result-${experiment.id}-fixed`);
    await expect(fixed).toHaveAttribute('data-kinds', '', { timeout: 30_000 });
    await expect(fixed).toContainText('no violations');
    await expect(page.getByTestId('invariant-status')).toHaveText('0 violations');
  }
});

for (const config of ['spy-aig-bac-ibm-2013-10-07', 'week-2013-10', 'aapl-split-2014-06']) {
  test(`the fixed engine has zero violations on ${config}`, async ({ page }) => {
    await page.goto(`./?config=${config}&speed=max&autostart=1`);
    await expect(page.getByTestId('run-complete')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('invariant-status')).toHaveText('0 violations');
    const checked = await page.getByTestId('invariant-status').locator('xpath=..').textContent();
    expect(checked).toContain(`${Number(await page.getByTestId('emitted-count').textContent()).toLocaleString('en-US')} items checked`);
  });
}

test('the gate latency lab measures three distributions; polling is at least ten times slower', async ({ page }) => {
  test.setTimeout(90_000);
  await openLab(page);
  await page.getByTestId('latency-trials').fill('20');
  await page.getByTestId('latency-run').click();
  await expect(page.getByTestId('latency-plot')).toBeVisible({ timeout: 60_000 });
  const rows = await page.getByTestId('latency-row').evaluateAll((trs) =>
    Object.fromEntries(trs.map((tr) => [(tr as HTMLElement).dataset.strategy, Number((tr as HTMLElement).dataset.median)])),
  );
  expect(Object.keys(rows).sort()).toEqual(['atomics', 'message', 'poll']);
  test.info().annotations.push({ type: 'gate latency medians (ms)', description: JSON.stringify(rows) });
  expect(rows.poll).toBeGreaterThanOrEqual(10 * rows.message);
  expect(rows.poll).toBeGreaterThanOrEqual(10 * rows.atomics);
  await expect(page.getByTestId('latency-plot').locator('circle')).toHaveCount(60);
});

test('the tie-break lab: only the documented rule ignores registration order', async ({ page }) => {
  await openLab(page);
  const order = (rule: string) => page.getByTestId(`tiebreak-${rule}`).locator('li').allTextContents();
  const documented = await order('documented');
  expect(documented).toEqual(['AIG bar 1m', 'IBM bar 1m', 'SPY bar 1m', 'IBM bar 5m', 'IBM quote 1m', 'IBM tick tick #1', 'IBM tick tick #2']);
  const registration = await order('registration');
  await page.getByTestId('tiebreak-shuffle').click();
  expect(await order('documented')).toEqual(documented);
  expect(await order('registration')).not.toEqual(registration);
});

test('the guided tour walks the claims and drives the page', async ({ page }) => {
  await openLab(page);
  await page.getByRole('button', { name: 'Start the four-symbol day' }).click();
  await expect(page.getByTestId('system-state')).toHaveText('RUNNING');
  await page.getByTestId('stop').click();
  await page.getByTestId('view-lab').click();
  for (let i = 0; i < 3; i++) await page.getByTestId('tour-next').click();
  await expect(page.getByTestId('tour')).toContainText('step 4 of 6');
  await page.getByRole('button', { name: 'Show the latency lab' }).click();
  await expect(page.getByRole('heading', { name: 'Gate latency lab' })).toBeInViewport();
});
