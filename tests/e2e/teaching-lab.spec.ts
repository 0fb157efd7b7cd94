// The teaching lab through the page: every experiment caught by the invariant checker with its
// flaw on and clean when fixed; zero violations on every bundled replay; the gate latency lab;
// the tie-break lab; the guided tour.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { EXPERIMENTS } from '../../src/system/experiments';
import { marketsFile } from '../../src/testing/market-files';

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

test("a lab link with its own Tokyo bars: the one-minute bar end is caught on Tokyo's clock, the same twice; fixed, clean; the other cards keep their scenarios", async ({ page }) => {
  test.setTimeout(90_000);
  const bytes = await marketsFile();
  await page.route('**/test-data/markets.sqlite', (route) => route.fulfill({ body: Buffer.from(bytes), contentType: 'application/vnd.sqlite3' }));
  await page.goto('./?view=lab&experiment=one-minute-bar-end&db=test-data/markets.sqlite&symbols=TOYOTA&from=2024-03-11&interval=1m,30m&autostart=1');
  const card = page.getByTestId('experiment-one-minute-bar-end');
  await expect(card).toContainText("On the link's replay: TOYOTA on 2024-03-11, 1m,30m bars.");
  await expect(page.getByTestId('experiment-no-gate')).toContainText(EXPERIMENTS[0].setting);
  const flawed = page.getByTestId('experiment-result-one-minute-bar-end-flawed');
  await expect(flawed).toHaveAttribute('data-kinds', 'look-ahead', { timeout: 30_000 });
  await expect(flawed).toContainText('10× a bar was visible before its end time');
  await expect(flawed).toContainText('TOYOTA 30m from 03-11 09:00 ends at 03-11 09:30 but was emitted at 03-11 09:01 (Tokyo time)');
  await expect(page.getByTestId('run-flawed-one-minute-bar-end')).toBeEnabled({ timeout: 30_000 });
  const runs = [await violationList(page)];
  await page.getByTestId('run-flawed-one-minute-bar-end').click();
  await expect(page.getByTestId('run-flawed-one-minute-bar-end')).toBeEnabled({ timeout: 30_000 });
  runs.push(await violationList(page));
  expect(runs[0]).toContain('look-ahead: TOYOTA 30m from 03-11 11:00 ends at 03-11 11:30 but was emitted at 03-11 11:01 (Tokyo time)');
  expect(runs[1]).toEqual(runs[0]);
  await page.getByTestId('run-fixed-one-minute-bar-end').click();
  await expect(page.getByTestId('experiment-result-one-minute-bar-end-fixed')).toContainText('no violations · 310 items', { timeout: 30_000 });
  await expect(page.getByTestId('error')).toHaveCount(0);
});

/** The invariant panel's list of offending items, as text, in order. */
async function violationList(page: Page): Promise<string[]> {
  return page.getByTestId('violation').evaluateAll((items) => items.map((li) => `${(li as HTMLElement).dataset.kind}: ${li.textContent}`));
}

test('each experiment shows the same violations every run, never an internal error; the panel shows its replay', async ({ page }) => {
  test.setTimeout(180_000);
  await openLab(page);
  for (const experiment of EXPERIMENTS.filter((e) => !e.unavailable)) {
    const runs: string[][] = [];
    for (let i = 0; i < 2; i++) {
      const flawed = page.getByTestId(`experiment-result-${experiment.id}-flawed`);
      // A second run replaces the first run's result; wait for the new one via the button coming back.
      await page.getByTestId(`run-flawed-${experiment.id}`).click();
      await expect(page.getByTestId(`run-flawed-${experiment.id}`)).toBeEnabled({ timeout: 30_000 });
      await expect(flawed).toHaveAttribute('data-kinds', /./);
      runs.push(await violationList(page));
      await expect(page.getByTestId('error')).toHaveCount(0);
    }
    expect(runs[0].length, experiment.id).toBeGreaterThan(0);
    expect(runs[1], experiment.id).toEqual(runs[0]);
    const symbols = String(experiment.request.overrides.symbols ?? 'SPY,AIG,BAC,IBM').split(',').sort();
    expect((await page.getByLabel('Symbols', { exact: true }).inputValue()).split(',').map((s) => s.trim()).sort(), experiment.id).toEqual(symbols);
  }
  // The headline experiment says what its card says: SPY, overtaken with the clock at 16:00.
  await page.getByTestId('run-flawed-no-gate').click();
  await expect(page.getByTestId('run-flawed-no-gate')).toBeEnabled({ timeout: 30_000 });
  expect((await violationList(page))[0]).toMatch(/SPY/);
  await expect(page.getByTestId('backtest-clock')).toContainText('16:00');
});

test('the tour stays in view while it drives the page, and its last step ends it', async ({ page }) => {
  test.setTimeout(90_000);
  await openLab(page);
  const tour = page.getByTestId('tour');
  await page.getByRole('button', { name: 'Start the four-symbol day' }).click();
  await expect(page.getByTestId('system-state')).toHaveText('RUNNING');
  await expect(tour).toBeInViewport();
  await page.getByTestId('stop').click();
  await page.getByTestId('tour-next').click();
  await page.getByTestId('tour-next').click();
  await page.getByRole('button', { name: 'Run the no-gate experiment' }).click();
  await expect(page.getByTestId('experiment-result-no-gate-flawed')).toHaveAttribute('data-kinds', /overtaken/, { timeout: 30_000 });
  await expect(page.getByTestId('tour-next')).toBeInViewport();
  await page.getByTestId('tour-next').click();
  await page.getByRole('button', { name: 'Show the latency lab' }).click();
  await expect(page.getByRole('heading', { name: 'Gate latency lab' })).toBeInViewport();
  await expect(page.getByTestId('tour-next')).toBeInViewport();
  await page.getByTestId('tour-next').click();
  await page.getByRole('button', { name: 'Show the experiments' }).click();
  await expect(page.getByTestId('tour-next')).toBeInViewport();
  await page.getByTestId('tour-next').click();
  await expect(tour).toContainText('step 6 of 6');
  await page.getByRole('button', { name: 'Run the sleep experiment' }).click();
  await expect(page.getByTestId('experiment-result-uninterruptible-sleep-flawed')).toHaveAttribute('data-kinds', 'late-pause', { timeout: 30_000 });
  await expect(page.getByTestId('tour-end')).toBeInViewport();
  await page.getByTestId('tour-end').click();
  await expect(tour).toHaveCount(0);
  await page.getByTestId('tour-restart').click();
  await expect(tour).toContainText('step 1 of 6');
});
