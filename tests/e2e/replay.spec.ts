// The replay engine end to end, through the page only: URL parameters, data-testids, the run
// export. The browser runs in Asia/Tokyo (playwright.config.ts); times must still read New York.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import initSqlJs from 'sql.js';
import { PLAIN_URL } from '../../playwright.config';
import { bundledDb, expectedExport, expectedMixedFromCsv, expectedOneAndFive } from '../../src/testing/expected-export';

const FOUR = ['AIG', 'BAC', 'IBM', 'SPY'];

async function exportCsv(page: Page): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  return readFileSync(await download.path(), 'utf8');
}

/**
 * The coordinator's phase and the emitted count, read from one drawn frame. The phase is the
 * worker's own report (its control-block slot): "holding (paused)" means it holds the next item
 * and can emit only on a step or a resume.
 */
const figures = (page: Page) =>
  page.evaluate(() => ({
    phase: document.querySelector('[data-testid="worker-phase"]')?.textContent,
    emitted: Number(document.querySelector('[data-testid="emitted-count"]')?.textContent),
  }));

/** Two animation frames: a change the page had to draw by now is drawn (App draws at the next frame). */
const frames = (page: Page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

async function runToCompletion(page: Page) {
  await expect(page.getByTestId('run-complete')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
}

test('the four-symbol day at max speed exports exactly the independent ordering, twice', async ({ page }) => {
  await page.goto('./?config=spy-aig-bac-ibm-2013-10-07&speed=max&autostart=1');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await runToCompletion(page);
  await expect(page.getByTestId('emitted-count')).toHaveText(String(4 * 390 - 1)); // AIG: no trade at 13:47
  await expect(page.getByTestId('error')).toHaveCount(0);
  await expect(page.getByTestId('degraded-banner')).toHaveCount(0);
  await expect(page.getByTestId('backtest-clock')).toHaveText('2013-10-07 16:00:00');
  const expected = await expectedExport(bundledDb(), FOUR, '2013-10-07');
  const first = await exportCsv(page);
  expect(first.split('\n').length).toBe(1559 + 2);
  expect(first).toBe(expected);

  await page.getByTestId('start').click();
  await runToCompletion(page);
  await expect(page.getByTestId('emitted-count')).toHaveText('1559');
  expect(await exportCsv(page)).toBe(first);
});

test('SPY in 1m and 5m bars together: 5m bars close at :35, :40 …, in the independent order', async ({ page }) => {
  await page.goto('./?symbols=SPY&from=2013-10-07&interval=1m,5m&speed=max&autostart=1');
  await runToCompletion(page);
  await expect(page.getByTestId('emitted-count')).toHaveText(String(390 + 78));
  const csv = await exportCsv(page);
  expect(csv).toBe(await expectedOneAndFive(bundledDb(), 'SPY', '2013-10-07'));
  const fiveMinute = csv.split('\n').filter((line) => line.includes(',5m,'));
  expect(fiveMinute.slice(0, 2).map((line) => new Date(Number(line.split(',')[5])).toISOString().slice(11, 16))).toEqual(['13:35', '13:40']); // 09:35, 09:40 New York
  await expect(page.getByTestId('chart')).toHaveCount(2);
  await expect(page.getByTestId('invariant-status')).toHaveText('0 violations');
});

test('a mixed replay (SPY 1m and 5m bars, IBM quote updates and trades) matches an order computed from the CSV files', async ({ page }) => {
  await page.goto('./?symbols=SPY&interval=1m,5m&quote_ticks=IBM&trades=IBM&from=2013-10-07&speed=max&autostart=1');
  await runToCompletion(page);
  const expected = expectedMixedFromCsv();
  await expect(page.getByTestId('emitted-count')).toHaveText(String(expected.trim().split('\n').length - 1));
  expect(await exportCsv(page)).toBe(expected);
  await expect(page.getByTestId('invariant-status')).toHaveText('0 violations');
  await expect(page.getByTestId('best-quote')).toContainText('best bid');
  await expect(page.getByTestId('chart')).toHaveCount(2); // candles for the two bar streams
});

test('db= replays a SQLite file the test wrote: rows out of order, equal timestamps across symbols', async ({ page }) => {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.exec('CREATE TABLE bars (symbol TEXT, ts INTEGER, open REAL, high REAL, low REAL, close REAL, volume INTEGER, interval TEXT)');
  const t = Date.parse('2013-10-07T09:30:00-04:00');
  const rows = [
    ['ZZZ', t + 120_000, 3.5, 3.75, 3.25, 3.5, 300, '1m'],
    ['AAA', t + 60_000, 12.5, 12.5, 12.25, 12.25, 20, null],
    ['ZZZ', t, 1.5, 1.5, 1.5, 1.5, 100, null],
    ['aaa', t, 11, 11.5, 10.5, 11.25, 10, '1m'],
    ['ZZZ', t - 60_000, 0.5, 0.5, 0.5, 0.5, 5, null], // 09:29: outside regular hours
    ['ZZZ', t + 60_000, 2.5, 2.5, 2.5, 2.5, 200, null],
    ['AAA', t + 120_000, 13.1, 13.2, 13, 13.1, 30, '1m'],
  ];
  for (const row of rows) db.run('INSERT INTO bars VALUES (?, ?, ?, ?, ?, ?, ?, ?)', row);
  const bytes = db.export();
  db.close();
  await page.route('**/test-data/edge.sqlite', (route) => route.fulfill({ body: Buffer.from(bytes), contentType: 'application/vnd.sqlite3' }));
  await page.goto('./?db=test-data/edge.sqlite&symbols=ZZZ,AAA&from=2013-10-07&speed=max&autostart=1');
  await runToCompletion(page);
  await expect(page.getByTestId('emitted-count')).toHaveText('6');
  const csv = await exportCsv(page);
  expect(csv).toBe(await expectedExport(bytes, ['AAA', 'ZZZ'], '2013-10-07'));
  expect(csv.split('\n').slice(1, 3)).toEqual([`1,bar,AAA,1m,${t},${t + 60_000},11,11.5,10.5,11.25,10`, `2,bar,ZZZ,1m,${t},${t + 60_000},1.5,1.5,1.5,1.5,100`]);
});

test('at 600x: pause holds (no item arrives while PAUSED), step lets one through, resume, stop', async ({ page }) => {
  await page.goto('./?config=spy-aig-bac-ibm-2013-10-07&speed=600&autostart=1');
  await expect(page.getByTestId('system-state')).toHaveText('RUNNING');
  await expect.poll(async () => Number(await page.getByTestId('emitted-count').textContent())).toBeGreaterThan(8);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('system-state')).toHaveText('PAUSED');
  // PAUSED is drawn once the worker has acknowledged it, every item before it in: the count is final.
  const held = Number(await page.getByTestId('emitted-count').textContent());
  // No sleep: the worker reports that it holds; then each step lets exactly one more through.
  await expect.poll(() => figures(page)).toEqual({ phase: 'holding (paused)', emitted: held });
  for (const more of [1, 2]) {
    await page.getByTestId('step').click();
    await expect.poll(() => figures(page)).toEqual({ phase: 'holding (paused)', emitted: held + more });
  }
  await expect(page.getByTestId('system-state')).toHaveText('PAUSED');
  await page.getByTestId('resume').click();
  await expect(page.getByTestId('system-state')).toHaveText('RUNNING');
  await expect.poll(async () => Number(await page.getByTestId('emitted-count').textContent())).toBeGreaterThan(held + 4);
  await page.getByRole('button', { name: '60x', exact: true }).click();
  await page.getByTestId('stop').click();
  await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
  await expect(page.getByTestId('run-complete')).toHaveCount(0);
  await expect(page.getByTestId('start')).toBeEnabled();
  await expect(page.getByTestId('pause')).toBeDisabled();
});

test('a speed change while running takes effect: 60x, then max, runs to the same export', async ({ page }) => {
  await page.goto('./?config=spy-aig-bac-ibm-2013-10-07&speed=60&autostart=1');
  await expect.poll(async () => Number(await page.getByTestId('emitted-count').textContent())).toBeGreaterThan(4);
  await page.getByRole('button', { name: 'max', exact: true }).click();
  await runToCompletion(page);
  expect(await exportCsv(page)).toBe(await expectedExport(bundledDb(), FOUR, '2013-10-07'));
});

test('without isolation and with service workers blocked, the fallback gate produces the same export', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: PLAIN_URL, serviceWorkers: 'block', timezoneId: 'America/Los_Angeles' });
  const page = await context.newPage();
  await page.goto('./?config=spy-aig-bac-ibm-2013-10-07&speed=max&autostart=1');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
  await expect(page.getByTestId('degraded-banner')).toBeVisible();
  await runToCompletion(page);
  expect(await exportCsv(page)).toBe(await expectedExport(bundledDb(), FOUR, '2013-10-07'));
  await context.close();
});

test('an invalid URL parameter shows an error naming it, and nothing starts', async ({ page }) => {
  await page.goto('./?config=spy-aig-bac-ibm-2013-10-07&speed=fast&autostart=1');
  await expect(page.getByTestId('error')).toContainText('speed');
  // Once the page has read the link it writes the panel back to the address bar; without
  // autostart there, it reports that it will not start. A start would be drawn within two frames.
  await expect(page).toHaveURL((url) => url.searchParams.get('config') === 'spy-aig-bac-ibm-2013-10-07' && !url.searchParams.has('autostart'));
  await frames(page);
  await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
  await expect(page.getByTestId('emitted-count')).toHaveText('0');
  await expect(page.getByTestId('setup-progress')).toHaveCount(0);
});

test('config errors are readable, leave the system STOPPED, and clear on the next start', async ({ page }) => {
  await page.goto('./?config=spy-aig-bac-ibm-2013-10-07&symbols=SPY,NOPE&speed=max&autostart=1');
  await expect(page.getByTestId('error')).toHaveText('symbols: unknown symbol NOPE: the data has AAPL, AIG, BAC, IBM, SPY, TWX');
  await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
  await page.getByLabel('Symbols', { exact: true }).fill('TWX');
  await page.getByTestId('start').click();
  await expect(page.getByTestId('error')).toHaveText(/no data in 2013-10-07 for TWX \(has 2014-06-05 to 2014-06-09\)/);
  await page.getByLabel('Symbols', { exact: true }).fill('IBM');
  await page.getByTestId('start').click();
  await expect(page.getByTestId('error')).toHaveCount(0);
  await runToCompletion(page);
  await expect(page.getByTestId('emitted-count')).toHaveText('390');
  // The next start clears run-complete and the count (at 1x the first bar is a minute away).
  await page.getByRole('button', { name: '1x', exact: true }).click();
  await page.getByTestId('start').click();
  await expect(page.getByTestId('system-state')).toHaveText('RUNNING');
  await expect(page.getByTestId('run-complete')).toHaveCount(0);
  await expect(page.getByTestId('emitted-count')).toHaveText('0');
  await page.getByTestId('stop').click();
  await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
  await page.goto('./?config=no-such-config&autostart=1');
  await expect(page.getByTestId('error')).toContainText('there is no bundled config "no-such-config"');
});

for (const worker of ['coordinator-worker', 'data-worker']) {
  test(`a ${worker} that fails to load is reported in the page; once it loads, the next start works`, async ({ page }) => {
    await page.route(`**/${worker}-*.js`, (route) => route.abort());
    await page.goto('./?config=spy-aig-bac-ibm-2013-10-07&speed=max&autostart=1');
    await expect(page.getByTestId('error')).toContainText(`the ${worker.replace('-', ' ')} failed`);
    await expect(page.getByTestId('error')).toContainText('Press Start to try again');
    await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
    await expect(page.getByTestId('start')).toBeEnabled();
    await page.unroute(`**/${worker}-*.js`);
    await page.getByTestId('start').click();
    await expect(page.getByTestId('run-complete')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('error')).toHaveCount(0);
    await expect(page.getByTestId('emitted-count')).toHaveText('1559');
  });
}

test('a multi-day replay marks session boundaries; split-adjusted AAPL prices are continuous', async ({ page }) => {
  await page.goto('./?config=week-2013-10&symbols=IBM&speed=max&autostart=1');
  await runToCompletion(page);
  await expect(page.locator('figure.chart')).toHaveAttribute('data-sessions', '6');

  await page.goto('./?config=aapl-split-2014-06&symbols=AAPL&speed=max&autostart=1');
  await runToCompletion(page);
  const raw = (await exportCsv(page)).trim().split('\n').slice(1).map((line) => line.split(','));
  await page.goto('./?config=aapl-split-2014-06&symbols=AAPL&adjust=split&speed=max&autostart=1');
  await runToCompletion(page);
  await expect(page.getByLabel('Prices')).toHaveValue('split');
  const adjusted = (await exportCsv(page)).trim().split('\n').slice(1).map((line) => line.split(','));
  expect(adjusted.length).toBe(raw.length);
  const close = (rows: string[][], i: number) => Number(rows[i][9]);
  expect(close(adjusted, 0)).toBeCloseTo(close(raw, 0) / 7, 9); // 2014-06-05, before the split
  expect(Number(adjusted[0][10])).toBe(Number(raw[0][10]) * 7);
  expect(close(adjusted, raw.length - 1)).toBe(close(raw, raw.length - 1)); // 2014-06-09, after it
  // Raw, the split looks like an 86% crash overnight; adjusted, the two sides are within a few per cent.
  const lastBefore = raw.findLastIndex((r) => new Date(Number(r[4])).toISOString() < '2014-06-09');
  expect(close(raw, lastBefore + 1) / close(raw, lastBefore)).toBeLessThan(0.2);
  expect(Math.abs(close(adjusted, lastBefore + 1) / close(adjusted, lastBefore) - 1)).toBeLessThan(0.05);
});

test('in a burst a chart holds only the latest bars; it settles on 300 and loads older ones when scrolled back', async ({ page }) => {
  await page.goto('./?config=week-2013-10&symbols=IBM&speed=max&autostart=1');
  await runToCompletion(page);
  const chart = page.getByTestId('chart');
  const bars = Number(await page.getByTestId('emitted-count').textContent());
  expect(bars).toBeGreaterThan(1000);
  await expect(chart).toHaveAttribute('data-bars', String(bars)); // the chart catches up within a few frames
  await expect(chart).toHaveAttribute('data-loaded', '300');
  // Drag the chart rightwards, back in time, until it reaches the oldest loaded bars.
  await chart.scrollIntoViewIfNeeded();
  const box = (await chart.boundingBox())!;
  for (let i = 0; i < 6 && Number(await chart.getAttribute('data-loaded')) === 300; i++) {
    await page.mouse.move(box.x + 100, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width - 100, box.y + box.height / 2, { steps: 10 });
    await page.mouse.up();
  }
  await expect.poll(async () => Number(await chart.getAttribute('data-loaded'))).toBeGreaterThan(300);
  expect(Number(await chart.getAttribute('data-loaded'))).toBeLessThanOrEqual(bars);
});

test('gaps: a minute without trades is a gap by default, or filled forward as a flat zero-volume bar', async ({ page }) => {
  await page.goto('./?symbols=AIG&from=2013-10-07&speed=max&autostart=1');
  await runToCompletion(page);
  await expect(page.getByTestId('emitted-count')).toHaveText('389');
  await page.goto('./?symbols=AIG&from=2013-10-07&gaps=fill&speed=max&autostart=1');
  await runToCompletion(page);
  await expect(page.getByTestId('emitted-count')).toHaveText('390');
  const rows = (await exportCsv(page)).trim().split('\n').map((line) => line.split(','));
  const t1347 = String(Date.parse('2013-10-07T13:47:00-04:00'));
  const filled = rows.find((r) => r[4] === t1347)!;
  const before = rows[rows.indexOf(filled) - 1];
  expect(filled.slice(6)).toEqual([before[9], before[9], before[9], before[9], '0']); // flat at the last close, no volume
  await expect(page.getByTestId('invariant-status')).toHaveText('0 violations');
});

test('at 60x the effective speed reads 60x within 5%, measured over the clock\'s own steps', async ({ page }) => {
  await page.goto('./?config=spy-aig-bac-ibm-2013-10-07&speed=60&autostart=1');
  await expect(page.getByTestId('system-state')).toHaveText('RUNNING', { timeout: 30_000 });
  // Eight one-minute steps of four symbols: the clock has moved for several seconds.
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="emitted-count"]')?.textContent) >= 4 * 8, null, { timeout: 30_000 });
  const text = (await page.getByTestId('effective-speed').textContent()) ?? '';
  expect(text).toMatch(/^\d+\.\dx$/);
  const speed = Number.parseFloat(text);
  test.info().annotations.push({ type: 'effective speed at 60x', description: text });
  expect(speed).toBeGreaterThanOrEqual(57);
  expect(speed).toBeLessThanOrEqual(63);
  await page.getByTestId('stop').click();
});
