// Paper trading and indicators through the page (issue 17): a market buy and sell on the bundled
// day fill at the opens the fill model names — computed here from the CSV files in data/lean/,
// not from the app — the trades export has the documented columns, indicators read the bars so
// far, and bad input (orders while stopped, a quantity of 0, an unknown indicator) changes nothing.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import Papa from 'papaparse';
import { expect, test } from './fixtures';

interface CsvBar { ts: number; open: number; close: number }
const SPY: CsvBar[] = Papa.parse<Record<string, string>>(readFileSync(new URL('../../data/lean/bars/2013-10/1min_rth/SPY.csv', import.meta.url), 'utf8'), { header: true, skipEmptyLines: true })
  .data.map((r) => ({ ts: Date.parse(r.ts), open: Number(r.open), close: Number(r.close) }))
  .filter((b) => b.ts >= Date.parse('2013-10-07T09:30:00-04:00') && b.ts < Date.parse('2013-10-07T16:00:00-04:00'));

const SPY_OPEN = SPY.map((b) => b.open);

/** The fill model's market fill: the open of the first bar starting at or after the order's time. */
const firstBarFrom = (t: number) => SPY.find((b) => b.ts >= t);

async function download(page: Page, testid: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  return readFileSync(await file.path(), 'utf8');
}

const emitted = async (page: Page) => Number(await page.getByTestId('emitted-count').textContent());

/** Step one bar while paused, and wait until it is in. */
async function step(page: Page) {
  const before = await emitted(page);
  await page.getByTestId('step').click();
  await expect.poll(() => emitted(page)).toBe(before + 1);
}

test('a market buy and a market sell fill at the opens the fill model names, and export as documented', async ({ page }) => {
  await page.goto('./?symbols=SPY&from=2013-10-07&speed=600&autostart=1');
  await expect.poll(() => emitted(page)).toBeGreaterThan(3);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('system-state')).toHaveText('PAUSED');
  await expect(page.getByTestId('fill-model')).toContainText('fills at the open of the first bar of its symbol that starts at or after t');

  await page.getByTestId('order-buy').click();
  await expect(page.getByTestId('order-message')).toHaveCount(0);
  await expect(page.getByTestId('position')).toHaveText('0'); // placed, not filled: that bar has not been emitted
  await step(page);
  await expect(page.getByTestId('position')).toHaveText('100');
  await page.getByTestId('order-sell').click();
  await step(page);
  await expect(page.getByTestId('position')).toHaveText('0');

  const csv = await download(page, 'export-trades');
  const [header, ...rows] = csv.trimEnd().split('\n');
  expect(header).toBe('seq,order_id,symbol,side,qty,order_type,ts_order,ts_fill,price,commission');
  expect(csv.endsWith('\n') && !csv.includes('\r')).toBe(true);
  expect(rows).toHaveLength(2);
  const fills = rows.map((line) => line.split(','));
  for (const [i, cells] of fills.entries()) {
    const [seq, orderId, symbol, side, qty, type, tsOrder, tsFill, price, commission] = cells;
    const bar = firstBarFrom(Number(tsOrder));
    expect([seq, orderId, symbol, side, qty, type, commission]).toEqual([String(i + 1), String(i + 1), 'SPY', i === 0 ? 'buy' : 'sell', '100', 'market', '0']);
    expect(Number(tsFill)).toBe(bar?.ts);
    expect(price).toBe(String(bar?.open));
  }
  // The first bar emitted after the buy: its start is the clock when the buy was placed.
  expect(Number(fills[1][6])).toBe(Number(fills[0][6]) + 60_000);
  const realized = (Number(fills[1][8]) - Number(fills[0][8])) * 100;
  await expect(page.getByTestId('pnl-realized')).toHaveText(realized.toFixed(2));
  await expect(page.getByTestId('trade-row')).toHaveCount(2);

  // The run record gains the trades and the export's hash.
  const record = JSON.parse(await download(page, 'export-run')) as { trades: { sha256: string; rows: number } };
  const { createHash } = await import('node:crypto');
  expect(record.trades.rows).toBe(2);
  expect(record.trades.sha256).toBe(createHash('sha256').update(csv).digest('hex'));
});

test('orders while stopped and a quantity of 0 are refused with a message, and nothing changes', async ({ page }) => {
  await page.goto('./?symbols=SPY&from=2013-10-07&speed=600');
  await expect(page.getByTestId('start')).toBeEnabled();
  await page.getByTestId('order-buy').click();
  await expect(page.getByTestId('order-message')).toContainText('Orders need a replay that is running or paused');
  await expect(page.getByTestId('position')).toHaveText('0');
  await expect(page.getByTestId('export-trades')).toBeDisabled();

  await page.getByTestId('start').click();
  await expect.poll(() => emitted(page)).toBeGreaterThan(1);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('system-state')).toHaveText('PAUSED');
  await page.getByTestId('order-qty').fill('0');
  await page.getByTestId('order-buy').click();
  await expect(page.getByTestId('order-message')).toContainText('quantity must be a whole number of shares above 0');
  await page.getByTestId('order-qty').fill('-5');
  await page.getByTestId('order-sell').click();
  await expect(page.getByTestId('order-message')).toContainText('above 0');
  await step(page);
  await expect(page.getByTestId('position')).toHaveText('0');
  await expect(page.getByTestId('open-order')).toHaveCount(0);
  await expect(page.getByTestId('trade-row')).toHaveCount(0);
});

test('indicators=… draws them from the bars so far: SMA 20 at the last bar is the mean of the last 20 closes in the CSV', async ({ page }) => {
  await page.goto('./?symbols=SPY&from=2013-10-07&speed=max&indicators=sma20,ema50,vwap,bb20,rsi14&autostart=1');
  await expect(page.getByTestId('run-complete')).toBeVisible({ timeout: 30_000 });
  expect(new URL(page.url()).searchParams.get('indicators')).toBe('sma20,ema50,vwap,bb20,rsi14');
  const sma = SPY.slice(-20).reduce((s, b) => s + b.close, 0) / 20;
  const legend = page.getByTestId('chart-indicator-legend');
  await expect(legend).toContainText(`sma20 ${sma.toFixed(2)}`);
  await expect(legend).toContainText('ema50 ');
  await expect(legend).toContainText('rsi14 ');
  await expect(page.getByTestId('chart-indicators')).toContainText('sma20, ema50, vwap, bb20, rsi14');
});

test('an unknown indicator in the link is named, and nothing starts', async ({ page }) => {
  await page.goto('./?symbols=SPY&from=2013-10-07&speed=max&indicators=sma20,macd&autostart=1');
  await expect(page.getByTestId('error')).toContainText('URL parameter indicators: unknown indicator "macd"');
  await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
  await expect(page.getByTestId('emitted-count')).toHaveText('0');
  expect(new URL(page.url()).searchParams.get('indicators')).toBe('sma20,macd');
});

test('the look-ahead lesson in money: the flawed run earns what seeing each bar from its start allows; the fixed one does not', async ({ page }) => {
  await page.goto('./?view=lab');
  await page.getByTestId('lesson-money-run').click();
  const flawed = page.getByTestId('lesson-pnl-flawed');
  await expect(flawed).toBeVisible({ timeout: 30_000 });
  // Independently, from the CSV: holding bar i means buying at its open (and selling at the next
  // change's open); the flawed rule holds the bars that close up, the fixed rule the bars after one.
  const up = SPY.map((b, i) => b.close > SPY_OPEN[i]);
  const pnl = (holds: (i: number) => boolean) => {
    let cash = 0;
    let position = 0;
    SPY.forEach((_, i) => {
      const want = holds(i) ? 100 : 0;
      if (want !== position) cash -= (want - position) * SPY_OPEN[i] + Math.abs(want - position) * 0.005;
      position = want;
    });
    return cash + position * SPY[SPY.length - 1].close;
  };
  const expectedFlawed = pnl((i) => up[i]);
  const expectedFixed = pnl((i) => i > 0 && up[i - 1]);
  expect(Math.abs(Number(await flawed.textContent()) - expectedFlawed)).toBeLessThan(0.011);
  expect(Math.abs(Number(await page.getByTestId('lesson-pnl-fixed').textContent()) - expectedFixed)).toBeLessThan(0.011);
  expect(expectedFlawed).toBeGreaterThan(expectedFixed + 100);
  await expect(page.getByTestId('lesson-equity').locator('path')).toHaveCount(2);
});

test('pointing at one chart moves the others\' crosshairs to the same instant; the legend gives OHLC and volume', async ({ page }) => {
  await page.goto('./?symbols=SPY,IBM&from=2013-10-07&interval=1m,5m&speed=max&autostart=1');
  await expect(page.getByTestId('run-complete')).toBeVisible({ timeout: 30_000 });
  const chart = page.locator('[data-testid="chart"][data-symbol="SPY"]').first();
  await chart.scrollIntoViewIfNeeded();
  const box = await chart.boundingBox();
  if (!box) throw new Error('no SPY chart');
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.3);
  const spy = page.locator('[data-testid="chart-legend"][data-symbol="SPY"]').first();
  await expect(spy).toHaveText(/^2013-10-07 \d\d:\d\d  O \S+  H \S+  L \S+  C \S+ .* V [\d,]+$/);
  const minute = (await spy.textContent())?.slice(0, 16) ?? '';
  const [hh, mm] = minute.slice(11).split(':').map(Number);
  // IBM's 1-minute chart on the same minute; each 5-minute chart on the bar holding it.
  const bucket = `2013-10-07 ${String(hh).padStart(2, '0')}:${String(mm - ((mm - 30 + 60) % 5)).padStart(2, '0')}`;
  await expect(page.locator('[data-testid="chart-legend"][data-symbol="IBM"]').first()).toHaveText(new RegExp(`^${minute} `));
  await expect(page.locator('[data-testid="chart-legend"][data-symbol="IBM"]').nth(1)).toHaveText(new RegExp(`^${bucket} `));
  await expect(page.locator('[data-testid="chart-legend"][data-symbol="SPY"]').nth(1)).toHaveText(new RegExp(`^${bucket} `));
});
