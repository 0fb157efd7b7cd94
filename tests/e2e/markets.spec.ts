// Markets through the page (issue 18's proof): a weekend of 1m crypto imports as 24/7 (offered
// from its weekend rows) and replays every row; a Berlin file across Europe's DST change imports
// as XETRA and replays in UTC order beside a US symbol, against an ordering computed here; a
// custom market round-trips through export and re-import; bad markets are refused, nothing stored.
// A run mixing US, Berlin and Tokyo symbols shows a clock per market, marks each chart by its own
// market's sessions, and reads "go to" in the market picked.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import initSqlJs from 'sql.js';
import { expect, test } from './fixtures';
import { openData, saveAndLoadReplay, storedState } from './stored-state';
import { HEADER } from '../../src/testing/expected-export';
import { MIN, minuteBars, MIXED_BARS, mixedRunAtBerlinTime, routeMixedMarkets } from './market-files';

const DIR = new URL('../../test-results/markets-files/', import.meta.url).pathname;
mkdirSync(DIR, { recursive: true });

function writeFile(name: string, content: string | Uint8Array): string {
  const path = `${DIR}${name}`;
  writeFileSync(path, content);
  return path;
}

async function confirmImport(page: Page, rows: number) {
  await expect(page.getByTestId('import-report')).toContainText(`${rows.toLocaleString('en-US')} of ${rows.toLocaleString('en-US')} rows can be imported`, { timeout: 60_000 });
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-notice')).toContainText('Imported', { timeout: 60_000 });
}

async function download(page: Page, testId: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).first().click()]);
  return readFileSync(await file.path());
}

async function replay(page: Page, query: string): Promise<string[]> {
  await page.goto(`./?${query}&speed=max&autostart=1`);
  await expect(page.getByTestId('run-complete')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('error')).toHaveCount(0);
  const lines = (await download(page, 'export-csv')).toString('utf8').trim().split('\n');
  expect(lines[0]).toBe(HEADER);
  return lines.slice(1);
}

test('a weekend of 1m crypto is offered as 24/7, imports as such and replays every row', async ({ page }) => {
  test.setTimeout(180_000);
  const bars = minuteBars(Date.parse('2024-03-09T00:00:00Z'), 48 * 60, 60_000);
  const csv = ['symbol,ts,open,high,low,close,volume', ...bars.map(([ts, ...v]) => `BTCUSD,${new Date(ts).toISOString()},${v.join(',')}`)].join('\n');
  await page.goto('./');
  await openData(page);
  await page.getByTestId('import-file').setInputFiles(writeFile('btc-weekend.csv', csv));
  // As US equities only Friday evening's hour fits; the weekend rows offer 24/7.
  await expect(page.getByTestId('import-market-offer')).toContainText('fall on weekends', { timeout: 60_000 });
  await page.getByTestId('import-market-suggestion').click();
  await expect(page.getByTestId('import-market')).toHaveValue('crypto-24-7');
  await confirmImport(page, 48 * 60);

  const rows = await replay(page, 'symbols=BTCUSD&from=2024-03-09&to=2024-03-10');
  expect(rows).toHaveLength(48 * 60);
  expect(rows.map((r) => Number(r.split(',')[4]))).toEqual(bars.map((b) => b[0]));
  expect(rows.every((r) => Number(r.split(',')[5]) - Number(r.split(',')[4]) === MIN)).toBe(true);
});

test('a Berlin file across Europe’s DST change replays as XETRA in UTC order beside a US symbol', async ({ page }) => {
  test.setTimeout(180_000);
  // SAP: 15:00–16:00 Berlin wall time, written without an offset, on Friday 2024-10-25 (UTC+2)
  // and Monday 2024-10-28 (UTC+1: Europe changed on the 27th). LABU: 09:30–10:30 New York, still
  // UTC−4 on both days (New York changes on 2024-11-03) — so SAP moves an hour against LABU.
  const berlin = (day: string, offsetHours: number) => minuteBars(Date.parse(`${day}T15:00:00Z`) - offsetHours * 3_600_000, 60, 180);
  const sap = [...berlin('2024-10-25', 2), ...berlin('2024-10-28', 1)];
  const wall = (ts: number, offsetHours: number) => new Date(ts + offsetHours * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
  const sapCsv = ['symbol,ts,open,high,low,close,volume', ...sap.map(([ts, ...v], i) => `SAP,${wall(ts, i < 60 ? 2 : 1)},${v.join(',')}`)].join('\n');
  const labu = [...minuteBars(Date.parse('2024-10-25T13:30:00Z'), 60, 40), ...minuteBars(Date.parse('2024-10-28T13:30:00Z'), 60, 41)];
  const labuCsv = ['symbol,ts,open,high,low,close,volume', ...labu.map(([ts, ...v]) => `LABU,${new Date(ts).toISOString()},${v.join(',')}`)].join('\n');

  await page.goto('./');
  await openData(page);
  await page.getByTestId('import-file').setInputFiles(writeFile('labu.csv', labuCsv));
  await confirmImport(page, 120);
  await page.getByTestId('import-market').selectOption('xetra');
  await expect(page.getByTestId('import-zone')).toHaveValue('Europe/Berlin');
  await page.getByTestId('import-file').setInputFiles(writeFile('sap-berlin.csv', sapCsv));
  await confirmImport(page, 120);

  // The ordering computed here: emit time (start + 1 minute), then symbol in byte order, then start.
  const expected = [...sap.map((b) => ({ symbol: 'SAP', b })), ...labu.map((b) => ({ symbol: 'LABU', b }))]
    .sort((x, y) => x.b[0] - y.b[0] || (x.symbol < y.symbol ? -1 : x.symbol > y.symbol ? 1 : 0))
    .map(({ symbol, b: [ts, ...v] }, i) => [i + 1, 'bar', symbol, '1m', ts, ts + MIN, ...v].join(','));
  const rows = await replay(page, 'symbols=SAP,LABU&from=2024-10-25&to=2024-10-28');
  expect(rows).toEqual(expected);
  // A clock per market, each in its own zone: the run ends at SAP's last bar, 16:00 Berlin.
  await expect(page.getByTestId('market-clocks')).toContainText('XETRA (Frankfurt): 2024-10-28 16:00:00 Europe/Berlin');
  await expect(page.getByTestId('market-clocks')).toContainText('US equities (NYSE, Nasdaq): 2024-10-28 11:00:00 America/New_York');
  // The change is visible in the order: on the 25th SAP starts before LABU, on the 28th after.
  expect(rows[0]).toContain(',SAP,');
  expect(rows.find((r) => Number(r.split(',')[4]) >= Date.parse('2024-10-28T00:00:00Z'))).toContain(',LABU,');
});

test('a custom market round-trips through export and re-import', async ({ page }) => {
  test.setTimeout(180_000);
  // 11:30–13:30 Singapore on Monday 2024-03-11: 30 bars before the lunch break, 60 at lunch (refused), 30 after.
  const bars = minuteBars(Date.parse('2024-03-11T03:30:00Z'), 120, 30);
  const csv = ['symbol,ts,open,high,low,close,volume', ...bars.map(([ts, ...v]) => `D05,${new Date(ts).toISOString()},${v.join(',')}`)].join('\n');
  await page.goto('./');
  await openData(page);
  await page.getByTestId('import-market').selectOption('custom');
  await page.getByTestId('import-custom-id').fill('sgx');
  await page.getByTestId('import-custom-zone').fill('Asia/Singapore');
  await page.getByTestId('import-custom-sessions').fill('09:00–12:00, 13:00–17:00');
  await page.getByTestId('import-file').setInputFiles(writeFile('d05.csv', csv));
  await expect(page.getByTestId('import-report')).toContainText('60 of 120 rows can be imported', { timeout: 60_000 });
  await expect(page.getByTestId('import-report')).toContainText("outside sgx's hours on 2024-03-11 (09:00–12:00, 13:00–17:00 Asia/Singapore)");
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-notice')).toContainText('Imported', { timeout: 60_000 });
  const first = await replay(page, 'symbols=D05&from=2024-03-11&to=2024-03-11');
  expect(first).toHaveLength(60);

  await openData(page);
  const exported = await download(page, 'dataset-export');
  const SQL = await initSqlJs();
  const db = new SQL.Database(new Uint8Array(exported));
  const [[symbol, market, definition]] = db.exec('SELECT symbol, market, definition FROM markets')[0].values;
  db.close();
  expect([symbol, market]).toEqual(['D05', 'sgx']);
  expect(JSON.parse(String(definition))).toMatchObject({ zone: 'Asia/Singapore', sessions: [{ open: '09:00', close: '12:00' }, { open: '13:00', close: '17:00' }], weekdays: [1, 2, 3, 4, 5] });

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByTestId('dataset-delete').click();
  await expect(page.getByTestId('dataset-row')).toHaveCount(0);
  // Re-imported with the form left on us-equities: the file's markets table names the market.
  await page.getByTestId('import-market').selectOption('us-equities');
  await page.getByTestId('import-file').setInputFiles(writeFile('d05-export.sqlite', new Uint8Array(exported)));
  await confirmImport(page, 60);
  expect(await replay(page, 'symbols=D05&from=2024-03-11&to=2024-03-11')).toEqual(first);
});

test('bad markets are refused with clear messages and nothing is stored', async ({ page }) => {
  test.setTimeout(120_000);
  const csv = ['symbol,ts,open,high,low,close,volume', 'ABC,2024-03-11T08:00:00Z,10,11,9,10.5,100'].join('\n');
  const file = writeFile('abc.csv', csv);
  await page.goto('./');
  await openData(page);
  const before = await storedState(page);

  // An unknown market id in a SQLite file's markets table.
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.exec('CREATE TABLE bars (symbol TEXT, ts INTEGER, open REAL, high REAL, low REAL, close REAL, volume INTEGER, interval TEXT)');
  db.run('INSERT INTO bars VALUES (?, ?, 10, 11, 9, 10.5, 100, NULL)', ['ABC', Date.parse('2024-03-11T14:00:00Z')]);
  db.exec("CREATE TABLE markets (symbol TEXT, market TEXT, definition TEXT); INSERT INTO markets VALUES ('ABC', 'nasdaq-nordic', NULL)");
  const sqlite = writeFile('unknown-market.sqlite', db.export());
  db.close();
  await page.getByTestId('import-file').setInputFiles(sqlite);
  await expect(page.getByTestId('import-error')).toContainText('unknown market "nasdaq-nordic"', { timeout: 60_000 });

  await page.getByTestId('import-market').selectOption('custom');
  await page.getByTestId('import-custom-sessions').fill('09:00–12:00, 11:00–17:00');
  await page.getByTestId('import-file').setInputFiles(file);
  await expect(page.getByTestId('import-error')).toContainText('custom market my-market: sessions 09:00–12:00 and 11:00–17:00 overlap', { timeout: 60_000 });

  await page.getByTestId('import-custom-sessions').fill('09:00–17:00');
  await page.getByTestId('import-custom-zone').fill('Europe/Parris');
  await page.getByTestId('import-file').setInputFiles(file);
  await expect(page.getByTestId('import-error')).toContainText('"Europe/Parris" is not a time zone', { timeout: 60_000 });

  await expect(page.getByTestId('import-report')).toHaveCount(0);
  expect(await storedState(page)).toBe(before);
});

test('a US, a Berlin and a Tokyo symbol: a clock each, each chart marked by its own market, go to in Berlin time', async ({ page }) => {
  test.setTimeout(120_000);
  // Go to 15:30 on Monday in Berlin time: 14:30 UTC (Berlin is UTC+1 since Sunday), 10:30 in New York.
  await mixedRunAtBerlinTime(page);
  const target = Date.parse('2024-10-28T14:30:00Z');
  // Every bar that ended by the target, and none after it.
  const ended = Object.values(MIXED_BARS).reduce((n, { bars }) => n + bars.filter(([ts]) => ts + MIN <= target).length, 0);
  await expect(page.getByTestId('emitted-count')).toHaveText(String(ended));

  // A clock per market, each on its own wall clock and named.
  await expect(page.getByTestId('clock-market-us-equities')).toHaveText('US equities (NYSE, Nasdaq): 2024-10-28 10:30:00 America/New_York');
  await expect(page.getByTestId('clock-market-xetra')).toHaveText('XETRA (Frankfurt): 2024-10-28 15:30:00 Europe/Berlin');
  await expect(page.getByTestId('clock-market-tse')).toHaveText('Tokyo Stock Exchange: 2024-10-28 23:30:00 Asia/Tokyo');

  // Each chart's markers come from its own market, in its local time: Monday's open at 09:30
  // New York, 15:00 Berlin (the first bar there), Tokyo's morning and its afternoon after lunch.
  const chart = (symbol: string) => page.locator('figure.chart', { has: page.locator(`[data-testid=chart][data-symbol="${symbol}"]`) });
  await expect(chart('LABU')).toHaveAttribute('data-market', 'us-equities');
  await expect(chart('SAP')).toHaveAttribute('data-market', 'xetra');
  await expect(chart('TOYOTA')).toHaveAttribute('data-market', 'tse');
  await expect(chart('LABU')).toHaveAttribute('data-markers', '10-28@09:30');
  await expect(chart('SAP')).toHaveAttribute('data-markers', '10-28@15:00');
  await expect(chart('TOYOTA')).toHaveAttribute('data-markers', '12:30@12:30 10-28@11:00 12:30@12:30');
  // Sessions on the charts: two days each, Tokyo's in two halves.
  await expect(chart('LABU')).toHaveAttribute('data-sessions', '2');
  await expect(chart('TOYOTA')).toHaveAttribute('data-sessions', '4');
  // The legends read each market's time: the last bar before the target.
  await expect(page.locator('[data-testid=chart-legend][data-symbol=SAP]')).toContainText('2024-10-28 15:29');
  await expect(page.locator('[data-testid=chart-legend][data-symbol=LABU]')).toContainText('2024-10-28 10:29');
});

test("a saved Tokyo replay with start=09:15 (before New York's open, inside Tokyo's morning) loads onto the panel and replays", async ({ page }) => {
  test.setTimeout(120_000);
  const query = (await routeMixedMarkets(page)).replace('symbols=LABU,SAP,TOYOTA', 'symbols=TOYOTA').replace(/to=[^&]*/, 'to=2024-10-25');
  await page.goto(`./?${query}&start=09:15&speed=max`);
  await saveAndLoadReplay(page, 'Tokyo morning');
  await expect(page).toHaveURL(/symbols=TOYOTA/);
  await expect(page).toHaveURL(/start=09(%3A|:)15/);
  await expect(page.getByTestId('error')).toHaveCount(0);
  await page.getByTestId('start').click();
  await expect(page.getByTestId('run-complete')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('error')).toHaveCount(0);
  // Friday's morning half (11:00–11:30 Tokyo) and its afternoon half, every bar.
  await expect(page.getByTestId('emitted-count')).toHaveText(String(MIXED_BARS.TOYOTA.bars.filter(([ts]) => ts < Date.parse('2024-10-26T00:00:00Z')).length));
});
