// Links that keep what they say (view=, experiment=, autostart=, bad parameters named and kept,
// speed= alone a pace for the bundled replay, unknown symbols named on load) and charts a trader
// can read (few bars spread, Fit, the OHLC legend, one time axis a run). Through the page only:
// URL parameters and data-testids.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const params = (page: Page) => new URL(page.url()).searchParams;

test('view= opens a view, and the address bar keeps the view as tabs change', async ({ page }) => {
  await page.goto('./?view=data');
  await expect(page.getByTestId('view-data')).toHaveAttribute('aria-selected', 'true');
  await page.getByTestId('view-lab').click();
  await expect.poll(() => params(page).get('view')).toBe('lab');
  await page.getByTestId('view-replay').click();
  await expect.poll(() => params(page).has('view')).toBe(false);
});

test('an experiment link selects it in the lab, and autostart runs it with the flaw on', async ({ page }) => {
  await page.goto('./?view=lab&experiment=look-ahead&autostart=1');
  await expect(page.getByTestId('view-lab')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('experiment-look-ahead')).toHaveAttribute('aria-current', 'true');
  await expect(page.getByTestId('experiment-result-look-ahead-flawed')).toHaveAttribute('data-kinds', /look-ahead/, { timeout: 30_000 });
  await expect(page.getByTestId('experiment-result-look-ahead-fixed')).toContainText('not run yet');
  expect(params(page).get('experiment')).toBe('look-ahead');
  expect(params(page).get('view')).toBe('lab');
  // The selection stays in the link as the person switches tabs.
  await page.getByTestId('view-replay').click();
  await expect.poll(() => params(page).get('experiment')).toBe('look-ahead');
});

test('a link with several bad parameters names each, keeps the good ones, and starts nothing', async ({ page }) => {
  await page.goto('./?symbols=IBM&from=2013-13-45&hours=extended&speed=-3&interval=7m&autostart=1');
  const error = page.getByTestId('error');
  await expect(error).toContainText('URL parameter from:');
  await expect(error).toContainText('URL parameter speed:');
  await expect(error).toContainText('URL parameter interval:');
  await expect(page.getByLabel('Symbols', { exact: true })).toHaveValue('IBM');
  await expect.poll(() => params(page).get('symbols')).toBe('IBM');
  const kept = params(page);
  expect([kept.get('hours'), kept.get('from'), kept.get('speed'), kept.get('interval'), kept.get('autostart')]).toEqual(['extended', '2013-13-45', '-3', '7m', null]);
  await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
  await expect(page.getByTestId('emitted-count')).toHaveText('0');
  await expect(page.getByTestId('setup-progress')).toHaveCount(0);
});

test('a link with only speed= opens the bundled replay at that pace, and Start replays it; with autostart it starts it', async ({ page }) => {
  await page.goto('./?speed=600');
  await expect(page.getByLabel('Symbols', { exact: true })).toHaveValue('SPY,AIG,BAC,IBM');
  await expect(page.getByTestId('speed-value')).toHaveText('600x');
  await expect.poll(() => params(page).get('config')).toBe('spy-aig-bac-ibm-2013-10-07');
  expect(params(page).get('speed')).toBe('600');
  await page.getByTestId('start').click();
  await expect(page.getByTestId('system-state')).toHaveText('RUNNING');
  await expect(page.getByTestId('error')).toHaveCount(0);
  await page.getByTestId('stop').click();
  await expect(page.getByTestId('system-state')).toHaveText('STOPPED');

  await page.goto('./?speed=max&autostart=1');
  await expect(page.getByTestId('run-complete')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('error')).toHaveCount(0);
  await expect(page.getByTestId('speed-value')).toHaveText('max');
  expect(params(page).get('config')).toBe('spy-aig-bac-ibm-2013-10-07');
});

test('an unknown symbol is named on load, before any start', async ({ page }) => {
  await page.goto('./?symbols=NOPE&from=2013-10-07');
  await expect(page.getByTestId('error')).toHaveText('symbols: unknown symbol NOPE: the data has AAPL, AIG, BAC, IBM, SPY, TWX');
  await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
});

const chart = (page: Page, symbol: string) => page.locator(`[data-testid="chart"][data-symbol="${symbol}"]`);

test('daily bars fill the width, and the legend follows the crosshair', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('./?symbols=SPY,IBM&from=2013-10-04&to=2013-10-11&interval=1d&speed=max&autostart=1');
  await expect(page.getByTestId('run-complete')).toBeVisible({ timeout: 30_000 });
  await expect(chart(page, 'SPY')).toHaveAttribute('data-bars', '6');
  await chart(page, 'SPY').scrollIntoViewIfNeeded();
  const box = await chart(page, 'SPY').boundingBox();
  if (!box) throw new Error('no chart box');
  const legend = page.locator('[data-testid="chart-legend"][data-symbol="SPY"]');
  // No crosshair: the latest bar. The first day sits at the left edge, not squeezed at the right.
  await expect(legend).toContainText('2013-10-11');
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height / 2);
  await expect(legend).toHaveText(/^2013-10-04 {2}O \d+\.\d\d {2}H .* V [\d,]+$/);
  await page.screenshot({ path: '/tmp/links-shots/daily.png' });
  // The days are spread: the middle of the chart is a day in the middle of the week.
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2);
  await expect(legend).toHaveText(/^2013-10-(08|09|10) /);
});

test('more bars than five but fewer than the width holds stay spread: a day of 15m bars fills the chart', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('./?symbols=SPY,IBM&from=2013-10-07&interval=15m&speed=3600&autostart=1');
  await expect(page.getByTestId('run-complete')).toBeVisible({ timeout: 30_000 });
  await expect(chart(page, 'SPY')).toHaveAttribute('data-bars', '26');
  await chart(page, 'SPY').scrollIntoViewIfNeeded();
  const box = await chart(page, 'SPY').boundingBox();
  if (!box) throw new Error('no chart box');
  // Paced, so the bars arrive one by one: spreading the first few widened the spacing, and the
  // day's 26 bars must still all be in view:
  // the left tenth of the chart is the morning, not the last bars of the afternoon.
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height / 2);
  await expect(page.locator('[data-testid="chart-legend"][data-symbol="SPY"]')).toHaveText(/^2013-10-07 (09|10):\d\d /);
});

test('one time axis a run: scrolling one chart moves the other; Fit shows the whole run', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('./?symbols=SPY,IBM&from=2013-10-07&speed=max&autostart=1');
  await expect(page.getByTestId('run-complete')).toBeVisible({ timeout: 30_000 });
  const [ibm, spy] = [chart(page, 'IBM'), chart(page, 'SPY')];
  await expect(ibm).toHaveAttribute('data-visible-from', /^2013-10-07/);
  await ibm.scrollIntoViewIfNeeded();
  const box = await ibm.boundingBox();
  if (!box) throw new Error('no chart box');
  const before = await ibm.getAttribute('data-visible-from');
  // Drag IBM's chart to the right: earlier bars come into view, on both charts.
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.8, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect(ibm).not.toHaveAttribute('data-visible-from', before ?? '');
  const moved = await ibm.getAttribute('data-visible-from');
  await expect(spy).toHaveAttribute('data-visible-from', moved ?? '');
  await page.screenshot({ path: '/tmp/links-shots/synced.png' });
  await page.mouse.move(0, 0);
  await page.getByTestId('chart-fit').click();
  for (const c of [ibm, spy]) {
    await expect(c).toHaveAttribute('data-visible-from', '2013-10-07 09:30');
    await expect(c).toHaveAttribute('data-loaded', '390');
  }
  await expect(page.getByRole('button', { name: /^Fit/ })).toBeVisible();
});
