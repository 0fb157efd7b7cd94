// Bars for the market specs, and one SQLite file mixing three markets: LABU (US equities), SAP
// (XETRA, Berlin) and TOYOTA (Tokyo, around its lunch break), on Friday 2024-10-25 and Monday
// 2024-10-28 — either side of Europe's DST change (New York changes a week later). Served to the
// page with db= (page.route), so a spec reaches a mixed-market run without an import.
import type { Page } from '@playwright/test';
import initSqlJs from 'sql.js';
import { expect } from './fixtures';

export const MIN = 60_000;

/** 1m bars: [ts (ms), open, high, low, close, volume] with prices that differ bar to bar. */
export function minuteBars(from: number, count: number, base: number): number[][] {
  return Array.from({ length: count }, (_, i) => {
    const open = base + (i % 50) / 10;
    return [from + i * MIN, open, open + 0.5, open - 0.5, open + 0.2, 100 + i];
  });
}

export const MIXED_DAYS = ['2024-10-25', '2024-10-28'] as const;
const utc = (day: string, hm: string) => Date.parse(`${day}T${hm}:00Z`);

/** Each symbol's bars and market. */
export const MIXED_BARS: Record<'LABU' | 'SAP' | 'TOYOTA', { market: string; bars: number[][] }> = {
  // 09:30–10:30 New York (UTC−4 both days).
  LABU: { market: 'us-equities', bars: MIXED_DAYS.flatMap((d, k) => minuteBars(utc(d, '13:30'), 60, 40 + k)) },
  // 15:00–16:00 Berlin: 13:00 UTC on the 25th (summer time), 14:00 UTC on the 28th (winter time).
  SAP: { market: 'xetra', bars: [...minuteBars(utc('2024-10-25', '13:00'), 60, 180), ...minuteBars(utc('2024-10-28', '14:00'), 60, 181)] },
  // 11:00–11:30 and 12:30–13:00 Tokyo (UTC+9): half an hour either side of the lunch break.
  TOYOTA: { market: 'tse', bars: MIXED_DAYS.flatMap((d, k) => [...minuteBars(utc(d, '02:00'), 30, 2600 + k), ...minuteBars(utc(d, '03:30'), 30, 2610 + k)]) },
};

/** The mixed file in the interchange schema, with its markets table. */
export async function mixedMarketsFile(): Promise<Uint8Array> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.exec('CREATE TABLE bars (symbol TEXT, ts INTEGER, open REAL, high REAL, low REAL, close REAL, volume INTEGER, interval TEXT)');
  db.exec('CREATE TABLE markets (symbol TEXT, market TEXT, definition TEXT)');
  for (const [symbol, { market, bars }] of Object.entries(MIXED_BARS)) {
    for (const bar of bars) db.run('INSERT INTO bars VALUES (?, ?, ?, ?, ?, ?, ?, NULL)', [symbol, ...bar]);
    if (market !== 'us-equities') db.run('INSERT INTO markets VALUES (?, ?, NULL)', [symbol, market]);
  }
  const bytes = db.export();
  db.close();
  return bytes;
}

/** Serves the mixed file to `page`; returns the link's query for a replay of all three over both days. */
export async function routeMixedMarkets(page: Page): Promise<string> {
  const bytes = await mixedMarketsFile();
  await page.route('**/test-data/mixed-markets.sqlite', (route) => route.fulfill({ body: Buffer.from(bytes), contentType: 'application/vnd.sqlite3' }));
  return `db=test-data/mixed-markets.sqlite&symbols=LABU,SAP,TOYOTA&from=${MIXED_DAYS[0]}&to=${MIXED_DAYS[1]}`;
}

/**
 * The mixed run, paused, then fast-forwarded to 15:30 on Monday in Berlin time (14:30 UTC, 10:30
 * New York): a clock per market and each chart with its own markers. 1x: the next bar is a minute
 * of wall time away, so what the page shows holds still while it is read.
 */
export async function mixedRunAtBerlinTime(page: Page): Promise<void> {
  const query = await routeMixedMarkets(page);
  await page.goto(`./?${query}&speed=1&autostart=1`);
  await expect(page.getByTestId('system-state')).toHaveText('RUNNING', { timeout: 30_000 });
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('system-state')).toHaveText('PAUSED');
  const goToMarket = page.getByTestId('goto-market');
  await expect(goToMarket).toHaveValue('us-equities'); // the run's first market (LABU sorts first)
  await goToMarket.selectOption('xetra');
  await page.getByTestId('goto-day').selectOption('2024-10-28');
  await page.getByLabel('Time (Berlin)').fill('15:30');
  await page.getByRole('button', { name: 'Fast-forward' }).click();
  await expect(page.getByTestId('backtest-clock')).toHaveText('2024-10-28 10:30:00');
  await expect(page.getByTestId('system-state')).toHaveText('PAUSED');
}
