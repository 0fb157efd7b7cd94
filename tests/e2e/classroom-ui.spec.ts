// The classroom UI, driven through its controls and keyboard only (browser in Asia/Tokyo).
// Also writes screenshots at 1280×720 and 1920×1080 to tests/e2e/screenshots/, a folder git
// ignores (so a test run leaves the checkout clean; the README's own screenshots are in docs/).
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { LIVE_STEP_MS } from '../../src/system/live-feed';
import { recordedRun } from './recorded-run';

const SHOTS = new URL('./screenshots/', import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });

const count = async (page: Page) => Number(await page.getByTestId('emitted-count').textContent());
const chartBars = (page: Page) =>
  page.getByTestId('chart').evaluateAll((charts) => charts.reduce((sum, c) => sum + Number((c as HTMLElement).dataset.bars), 0));

/** Focus the page itself, so shortcuts are not taken by a focused control. */
async function focusPage(page: Page) {
  await page.locator('h1').click();
}

test('a replay driven by controls and keyboard: charts follow the emitted count', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByLabel('Bundled replay')).toHaveValue('spy-aig-bac-ibm-2013-10-07');
  await expect(page.getByLabel('Symbols', { exact: true })).toHaveValue('SPY,AIG,BAC,IBM');
  await expect(page.getByText('AAPL', { exact: true })).toBeVisible(); // what data exists, per symbol
  await page.getByRole('button', { name: '360x', exact: true }).click();
  await expect(page.getByTestId('speed-value')).toHaveText('360x');
  await focusPage(page);
  await page.keyboard.press('Space'); // start
  await expect(page.getByTestId('system-state')).toHaveText('RUNNING');
  await expect.poll(() => count(page)).toBeGreaterThan(12);
  await page.keyboard.press('Space'); // pause
  await expect(page.getByTestId('system-state')).toHaveText('PAUSED');
  const held = await count(page);
  await expect.poll(() => chartBars(page)).toBe(held); // every emitted bar is drawn, and no other
  await page.keyboard.press('ArrowRight'); // step
  await expect.poll(() => count(page)).toBe(held + 1);
  await expect.poll(() => chartBars(page)).toBe(held + 1);
  await page.keyboard.press('+');
  await expect(page.getByTestId('speed-value')).toHaveText('1000x');
  await page.keyboard.press('-');
  await page.keyboard.press('-');
  await expect(page.getByTestId('speed-value')).toHaveText('60x');
  await page.keyboard.press('Space'); // resume
  await expect(page.getByTestId('system-state')).toHaveText('RUNNING');
  await page.getByRole('button', { name: 'max', exact: true }).click();
  await expect(page.getByTestId('run-complete')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('emitted-count')).toHaveText('1559');
  await expect.poll(() => chartBars(page)).toBe(1559);
  await expect(page.getByTestId('chart')).toHaveCount(4);
  // Esc stops a running replay.
  await page.getByRole('button', { name: '1x', exact: true }).click();
  await focusPage(page);
  await page.keyboard.press('Space');
  await expect(page.getByTestId('system-state')).toHaveText('RUNNING');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
});

test('the sequence diagram lists the setup steps in order, the gate opening last', async ({ page }) => {
  await page.goto('./?config=spy-aig-bac-ibm-2013-10-07&speed=max&autostart=1');
  await expect(page.getByTestId('run-complete')).toBeVisible({ timeout: 30_000 });
  const rows = page.getByTestId('sequence-step');
  const steps = await rows.evaluateAll((trs) => trs.map((tr) => ({ lane: (tr as HTMLElement).dataset.lane, text: tr.textContent ?? '' })));
  const index = (pattern: RegExp) => steps.findIndex((s) => pattern.test(s.text));
  const order = [/start\(\) called/, /load config/, /initialize managers/, /stop existing streams/, /register AIG 1m with SessionData/, /register AIG 1m with the coordinator/, /fetch AIG 1m: 389 bars/, /feed 389 AIG bars/, /fetch SPY 1m: 390 bars/, /all streams set up/, /gate opens/, /coordinator wakes/, /first item emitted/];
  const positions = order.map(index);
  expect(positions.every((p) => p >= 0)).toBe(true);
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
  const gate = index(/gate opens/);
  expect(steps.slice(gate + 1).every((s) => s.lane !== 'setup')).toBe(true); // nothing is set up after the gate opens
  expect(steps.slice(0, gate).every((s) => !/RUNNING/.test(s.text))).toBe(true); // STOPPED throughout setup
  // The coordinator waits at the gate while the later streams are set up.
  expect(steps.slice(index(/feed 389 AIG/), gate).some((s) => s.text.includes('waiting at the gate'))).toBe(true);
});

test('"go to" fast-forwards to a time without pacing', async ({ page }) => {
  await page.goto('./?config=spy-aig-bac-ibm-2013-10-07&speed=1&autostart=1');
  await expect(page.getByTestId('system-state')).toHaveText('RUNNING');
  await page.getByLabel('Time (New York)').fill('12:00');
  await page.getByRole('button', { name: 'Fast-forward' }).click();
  await expect(page.getByTestId('backtest-clock')).toHaveText('2013-10-07 12:00:00');
  // Every bar that ended by 12:00 (150 a symbol), and at 1x the next is a minute away.
  await expect(page.getByTestId('emitted-count')).toHaveText('600');
  await expect(page.getByTestId('system-state')).toHaveText('RUNNING');
  // From PAUSED it jumps and holds again.
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('system-state')).toHaveText('PAUSED');
  await page.getByLabel('Time (New York)').fill('13:00');
  await page.getByRole('button', { name: 'Fast-forward' }).click();
  await expect(page.getByTestId('backtest-clock')).toHaveText('2013-10-07 13:00:00');
  await expect(page.getByTestId('system-state')).toHaveText('PAUSED');
  await expect(page.getByTestId('emitted-count')).toHaveText('840');
});

test('the URL round-trips a replay built in the panel', async ({ page, context }) => {
  await page.goto('./');
  await page.getByLabel('Bundled replay').selectOption('week-2013-10');
  await expect(page.getByLabel('From', { exact: true })).toHaveValue('2013-10-04');
  await page.getByRole('checkbox', { name: /^BAC/ }).uncheck();
  await page.getByRole('checkbox', { name: /^SPY/ }).uncheck();
  await page.getByLabel('To', { exact: true }).fill('2013-10-07');
  await page.getByLabel('Hours').selectOption('extended');
  await page.getByRole('button', { name: 'max', exact: true }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get('speed')).toBe('max');
  const url = new URL(page.url());
  expect(Object.fromEntries(url.searchParams)).toEqual({ config: 'week-2013-10', symbols: 'AIG,IBM', from: '2013-10-04', to: '2013-10-07', interval: '1m', hours: 'extended', speed: 'max' });
  const other = await context.newPage();
  await other.goto(`${url.pathname}${url.search}&autostart=1`);
  await expect(other.getByLabel('Symbols', { exact: true })).toHaveValue('AIG,IBM');
  await expect(other.getByLabel('Hours')).toHaveValue('extended');
  await expect(other.getByTestId('run-complete')).toBeVisible({ timeout: 30_000 });
  // AIG 416 + 433 and IBM 411 + 453 bars in 04:00–20:00 on 2013-10-04 and 2013-10-07.
  await expect(other.getByTestId('emitted-count')).toHaveText(String(416 + 433 + 411 + 453));
});

test('help overlay, about panel, dark and projector modes render; screenshots at both sizes', async ({ page }) => {
  test.slow(); // two page loads and replays, one a size: on a loaded machine over a minute
  for (const [width, height] of [[1280, 720], [1920, 1080]]) {
    await page.setViewportSize({ width, height });
    await page.goto('./?config=spy-aig-bac-ibm-2013-10-07&speed=360&autostart=1');
    await expect.poll(() => count(page), { timeout: 20_000 }).toBeGreaterThan(40);
    await page.getByTestId('pause').click();
    await expect(page.getByTestId('system-state')).toHaveText('PAUSED');
    if ((await page.locator('html').getAttribute('data-theme')) !== 'light') await page.getByTestId('theme-toggle').click();
    await page.screenshot({ path: `${SHOTS}main-light-${width}x${height}.png` });

    await page.getByTestId('theme-toggle').click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(15, 20, 27)');
    await page.screenshot({ path: `${SHOTS}main-dark-${width}x${height}.png` });

    await page.getByTestId('projector-toggle').click();
    await expect(page.locator('html')).toHaveAttribute('data-projector', '');
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('21px');
    await page.screenshot({ path: `${SHOTS}projector-dark-${width}x${height}.png` });
    await page.getByTestId('projector-toggle').click();
    await page.getByTestId('theme-toggle').click();

    await page.getByTestId('stop').click();
    await page.getByRole('heading', { name: 'Startup sequence, as it happened' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}sequence-light-${width}x${height}.png` });
  }
  await focusPage(page);
  await page.keyboard.press('?');
  await expect(page.getByTestId('help-overlay')).toBeVisible();
  await expect(page.getByTestId('help-overlay')).toContainText('step one item');
  await page.screenshot({ path: `${SHOTS}help-1920x1080.png` });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help-overlay')).toBeHidden();
  await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
  await page.getByTestId('about-button').click();
  await expect(page.getByTestId('about-panel')).toContainText('Data provided by AlgoSeek');
  await page.getByTestId('about-panel').getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('about-panel')).toBeHidden();
});

test('every control is labelled and reachable by keyboard', async ({ page }) => {
  await page.goto('./');
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll('button, input, select')]
      .filter((el) => {
        const labelled = (el as HTMLInputElement).labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
        const text = el.tagName === 'BUTTON' && el.textContent?.trim();
        return !labelled && !text;
      })
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  expect(unlabelled).toEqual([]);
  // Tab reaches Start, and Enter on it starts.
  await page.getByLabel('Bundled replay').focus();
  let guard = 0;
  while (!(await page.getByTestId('start').evaluate((el) => el === document.activeElement)) && guard++ < 40) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('system-state')).toHaveText('RUNNING');
});

test('a coarser chart draws its forming bar from the finer bars already emitted, marked partial', async ({ page }) => {
  await page.goto('./?symbols=SPY&from=2013-10-07&interval=1m,5m&speed=60&autostart=1');
  // Two one-minute bars in (09:31, 09:32), the first five-minute bar (09:35) is still forming.
  await expect.poll(() => count(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('system-state')).toHaveText('PAUSED');
  const charts = page.getByTestId('chart');
  await expect(charts).toHaveCount(2);
  const five = page.locator('[data-testid="chart"][data-symbol="SPY"]').nth(1);
  if (Number(await page.getByTestId('emitted-count').textContent()) % 6 !== 0) {
    await expect(page.getByTestId('forming-bar')).toBeVisible();
  }
  // The forming bar is drawn only: SessionData (and the checker, and the export) hold complete bars.
  const csv = await (async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    return (await import('node:fs')).readFileSync(await download.path(), 'utf8');
  })();
  expect(csv.split('\n').filter((l) => l.includes(',5m,')).length).toBe(Number(await five.getAttribute('data-bars')));
  await expect(page.getByTestId('invariant-status')).toHaveText('0 violations');
});

test('live mode: a simulated feed on the wall clock, no gate, until stopped', async ({ page }) => {
  await page.goto('./?mode=live&symbols=SPY,IBM&autostart=1');
  await expect(page.getByLabel('Mode')).toHaveValue('live');
  await expect(page.getByTestId('system-state')).toHaveText('RUNNING');
  await expect.poll(() => count(page), { timeout: 10_000 }).toBeGreaterThan(10);
  const clock = await page.getByTestId('backtest-clock').textContent();
  const nowNewYork = new Date().toLocaleString('sv-SE', { timeZone: 'America/New_York' });
  // The wall clock, in New York time (compared as wall readings, within a few seconds).
  expect(Math.abs(Date.parse(`${clock!.replace(' ', 'T')}Z`) - Date.parse(`${nowNewYork.replace(' ', 'T')}Z`))).toBeLessThan(10_000);
  await expect(page.getByTestId('stream-row')).toHaveCount(2);
  await page.getByTestId('stop').click();
  await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
  // Nothing more arrives: the count the run's record took when it ended is still the count shown
  // once the record is stored, and after two more of the feed's steps (its timer fires before a
  // later one of the same period: a feed still running would have ticked by then).
  const held = await recordedRun(page, 'stopped');
  expect(held).toBeGreaterThan(10);
  await expect(page.getByTestId('emitted-count')).toHaveText(String(held));
  await page.evaluate(
    (stepMs) =>
      new Promise<void>((resolve) => {
        let ticks = 0;
        const timer = setInterval(() => ++ticks === 2 && (clearInterval(timer), resolve()), stepMs);
      }),
    LIVE_STEP_MS,
  );
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  expect(await count(page)).toBe(held);
  await expect(page.getByTestId('run-complete')).toHaveCount(0);
  await expect(page.getByTestId('invariant-status')).toHaveText('0 violations');
});
