// The student's replay (issue 17, items 1–3) through the page only: bar steps and steps back, a
// start time, blind practice. Expected exports come from the independent ordering
// (src/testing/expected-export.ts: one ORDER BY over the SQLite file), never from the page.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { bundledDb, expectedExport } from '../../src/testing/expected-export';

const FOUR = ['AIG', 'BAC', 'IBM', 'SPY'];
const DAY = '2013-10-07';
const ny = (time: string) => Date.parse(`${DAY}T${time}:00-04:00`);

async function exportCsv(page: Page): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  return readFileSync(await download.path(), 'utf8');
}

const rows = (csv: string) => csv.trimEnd().split('\n').slice(1);
const emitOf = (row: string) => Number(row.split(',')[5]);
/** The expected export cut at backtest time `t`: its header and the rows emitted by then, renumbered as they are. */
const prefixAt = (expected: string, t: number) => rows(expected).filter((row) => emitOf(row) <= t);
const emitted = async (page: Page) => Number(await page.getByTestId('emitted-count').textContent());
/** The backtest clock as epoch ms (it reads "YYYY-MM-DD HH:MM:SS" in New York). */
async function clockMs(page: Page): Promise<number> {
  const text = (await page.getByTestId('backtest-clock').textContent()) ?? '';
  return Date.parse(`${text.replace(' ', 'T')}-04:00`);
}

test('step back and forward while paused, then resume: the same file as a straight run', async ({ page }) => {
  const expected = await expectedExport(bundledDb(), FOUR, DAY);
  await page.goto('./?config=spy-aig-bac-ibm-2013-10-07&speed=600&autostart=1');
  await expect.poll(() => emitted(page), { timeout: 20_000 }).toBeGreaterThan(40);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('system-state')).toHaveText('PAUSED');

  // Paused part-way through a minute or at its end: a bar step completes the next time step.
  const paused = await emitted(page);
  await page.getByTestId('step-bar').click();
  await expect.poll(() => emitted(page)).toBeGreaterThan(paused);
  await expect.poll(async () => (await emitted(page)) === prefixAt(expected, await clockMs(page)).length).toBe(true);
  const at = await clockMs(page);
  expect(rows(await exportCsv(page))).toEqual(prefixAt(expected, at));

  // Back three minutes, one step each: SessionData, the count, the clock and the charts follow.
  for (let back = 1; back <= 3; back++) {
    const before = await emitted(page);
    await page.getByTestId('step-back').click();
    const t = at - back * 60_000;
    await expect(page.getByTestId('emitted-count')).toHaveText(String(prefixAt(expected, t).length));
    expect(before - (await emitted(page))).toBe(prefixAt(expected, t + 60_000).length - prefixAt(expected, t).length);
    await expect.poll(() => clockMs(page)).toBe(t);
    expect(rows(await exportCsv(page))).toEqual(prefixAt(expected, t));
    for (const symbol of FOUR) {
      const bars = prefixAt(expected, t).filter((row) => row.split(',')[2] === symbol).length;
      await expect(page.locator(`[data-testid="chart"][data-symbol="${symbol}"]`)).toHaveAttribute('data-bars', String(bars));
    }
  }
  await expect(page.getByTestId('invariant-status')).toHaveText('0 violations');

  // Forward by one item and one bar, and back again with the key (","): then the rest at max.
  await page.getByTestId('step').click();
  await page.getByTestId('step-bar').click();
  await expect.poll(() => clockMs(page)).toBe(at - 2 * 60_000);
  await page.keyboard.press(',');
  await expect.poll(() => clockMs(page)).toBe(at - 3 * 60_000);
  await expect(page.getByTestId('emitted-count')).toHaveText(String(prefixAt(expected, at - 3 * 60_000).length));
  await page.getByRole('button', { name: 'max', exact: true }).click();
  await page.getByTestId('resume').click();
  await expect(page.getByTestId('run-complete')).toBeVisible({ timeout: 30_000 });
  expect(await exportCsv(page)).toBe(expected);
  await expect(page.getByTestId('invariant-status')).toHaveText('0 violations');
});

test('step back is refused with a reason while running and at the start; nothing changes', async ({ page }) => {
  await page.goto('./?config=spy-aig-bac-ibm-2013-10-07&speed=1&autostart=1');
  await expect(page.getByTestId('system-state')).toHaveText('RUNNING');
  await expect(page.getByTestId('step-back')).toBeDisabled();
  await expect(page.getByTestId('step-bar')).toBeDisabled();
  // The key is always there: it says why.
  await page.keyboard.press(',');
  await expect(page.getByTestId('step-message')).toContainText('paused');
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('system-state')).toHaveText('PAUSED');
  // At 1x nothing was emitted before the pause (the first minute takes 60 s): at the start.
  await expect(page.getByTestId('emitted-count')).toHaveText('0');
  await expect(page.getByTestId('step-back')).toBeDisabled();
  await page.keyboard.press(',');
  await expect(page.getByTestId('step-message')).toContainText('at its start');
  await expect(page.getByTestId('emitted-count')).toHaveText('0');
  await page.keyboard.press('.');
  await expect(page.getByTestId('emitted-count')).toHaveText('4');
  await expect(page.getByTestId('step-message')).toHaveCount(0);
  await expect(page.getByTestId('backtest-clock')).toHaveText(`${DAY} 09:31:00`);
});

test('start=15:00: the history at once, then paced from 15:00', async ({ page }) => {
  const expected = await expectedExport(bundledDb(), FOUR, DAY);
  const history = prefixAt(expected, ny('15:00'));
  await page.goto('./?config=spy-aig-bac-ibm-2013-10-07&start=15:00&speed=60&autostart=1');
  await expect(page.getByTestId('start-time')).toHaveValue('15:00');
  await expect(page.getByTestId('backtest-clock')).toHaveText(`${DAY} 15:00:00`, { timeout: 20_000 });
  await expect(page.getByTestId('system-state')).toHaveText('RUNNING');
  // Paced from there at 60x: one minute a second, so the run is far from complete.
  await expect(page.getByTestId('effective-speed')).toHaveText(/^(59\.\d|60\.\d)x$/, { timeout: 20_000 });
  await expect(page.getByTestId('run-complete')).toHaveCount(0);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('system-state')).toHaveText('PAUSED');
  const csv = await exportCsv(page);
  const paced = rows(csv).slice(history.length);
  expect(rows(csv).slice(0, history.length)).toEqual(history);
  expect(paced.length).toBeGreaterThan(0);
  expect(paced.length).toBeLessThan(60 * 4); // an hour of four symbols would be unpaced
  expect(rows(csv)).toEqual(prefixAt(expected, await clockMs(page)));
});

test('a bad start is named with every other bad parameter, and nothing starts', async ({ page }) => {
  await page.goto('./?config=spy-aig-bac-ibm-2013-10-07&start=07:00&speed=fast&autostart=1');
  const error = page.getByTestId('error');
  await expect(error).toContainText('URL parameter start: start 07:00 is outside the regular session');
  await expect(error).toContainText('URL parameter speed:');
  await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
  await expect(page.getByTestId('emitted-count')).toHaveText('0');
  await page.goto('./?symbols=SPY&from=2013-10-07&start=9h30');
  await expect(page.getByTestId('error')).toContainText('URL parameter start: start must be a time written HH:MM, on the clock of the replay\'s first market');
});

/** Blind practice with `seed`: the page's whole markup and address while the day is hidden, then the day revealed. */
async function blindRun(page: Page, seed: number) {
  await page.goto(`./?blind=${seed}&speed=60&autostart=1`);
  await expect(page.getByTestId('system-state')).toHaveText('RUNNING', { timeout: 20_000 });
  await expect.poll(() => emitted(page), { timeout: 20_000 }).toBeGreaterThan(2);
  await expect(page.getByTestId('backtest-clock')).toHaveText(/^\d\d:\d\d:\d\d$/);
  const markup = await page.evaluate(() => document.documentElement.outerHTML);
  const address = page.url();
  await page.getByTestId('blind-reveal').click();
  const revealed = (await page.getByTestId('blind-revealed').textContent()) ?? '';
  const [, symbol, day] = /was (\S+) on (\d{4}-\d\d-\d\d)/.exec(revealed) ?? [];
  // Revealed: the charts name the symbol again, and the export holds that symbol's day.
  await expect(page.locator(`[data-testid="chart"][data-symbol="${symbol}"]`)).toHaveCount(1);
  await expect(page.getByTestId('backtest-clock')).toHaveText(new RegExp(`^${day} `));
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('system-state')).toHaveText('PAUSED');
  const exported = rows(await exportCsv(page));
  expect(new Set(exported.map((row) => row.split(',')[2]))).toEqual(new Set([symbol]));
  const firstOpen = Number(exported[0].split(',')[6]);
  return { markup, address, symbol, day, firstOpen };
}

test('blind=SEED: the same hidden day twice, and nothing of it in the page before Reveal', async ({ page }) => {
  const first = await blindRun(page, 7);
  const second = await blindRun(page, 7);
  expect([second.symbol, second.day]).toEqual([first.symbol, first.day]);
  expect(first.symbol).toMatch(/^[A-Z]+$/);
  for (const { markup, address, symbol, day, firstOpen } of [first, second]) {
    expect(markup).not.toContain(symbol);
    expect(markup).not.toContain(day);
    expect(markup).not.toContain(day.slice(5)); // MM-DD, as session markers write it
    expect(markup).not.toContain(firstOpen.toFixed(2)); // no absolute price
    expect(address).not.toContain(symbol);
    expect(address).not.toContain(day);
    expect(markup).toContain('Hidden symbol');
  }
  // Another seed may pick another day, but always one the page can replay: a bad seed is named.
  await page.goto('./?blind=soon');
  await expect(page.getByTestId('error')).toContainText('URL parameter blind: blind must be a whole number');
});
