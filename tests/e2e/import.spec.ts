// Bring your own data, through the page: the bad-file corpus (each file its message, IndexedDB
// untouched), the good CSV and SQLite files (import, replay, export the same rows), a dataset
// exported back to SQLite, what survives a reload, a full disk, and a 50 MB file.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import initSqlJs from 'sql.js';
import { tradingSession } from '../../src/core/trading-hours';
import { expect, test } from './fixtures';
import { openData, saveAndLoadReplay, storedState } from './stored-state';
import { expectedExport, HEADER } from '../../src/testing/expected-export';

const FIXTURES = new URL('../fixtures/', import.meta.url);
const fixture = (path: string) => new URL(path, FIXTURES).pathname;
const CASES = JSON.parse(readFileSync(fixture('bad/expected.json'), 'utf8')) as { file: string; expect: string; fatal: boolean }[];
const GOOD_REPLAY = './?symbols=LABX,LABY&from=2014-06-02&to=2014-06-03&speed=max&autostart=1';

async function importFile(page: Page, path: string) {
  await page.getByTestId('import-file').setInputFiles(path);
  await expect(page.getByTestId('import-report')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-notice')).toContainText('Imported', { timeout: 60_000 });
}

async function download(page: Page, testId: string, nth = 0): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).nth(nth).click()]);
  return readFileSync(await file.path());
}

async function replayGood(page: Page): Promise<string> {
  await page.goto(GOOD_REPLAY);
  await expect(page.getByTestId('run-complete')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('error')).toHaveCount(0);
  return (await download(page, 'export-csv')).toString('utf8');
}

/** The independent ORDER BY of the good SQLite file over both days, as one run export. */
async function expectedGood(): Promise<string> {
  const db = new Uint8Array(readFileSync(fixture('good/lab-bars.sqlite')));
  const rows = [
    ...(await expectedExport(db, ['LABX', 'LABY'], '2014-06-02')).trim().split('\n').slice(1),
    ...(await expectedExport(db, ['LABX', 'LABY'], '2014-06-03')).trim().split('\n').slice(1),
  ];
  return [HEADER, ...rows.map((row, i) => `${i + 1}${row.slice(row.indexOf(','))}`)].join('\n') + '\n';
}

test('every bad file gets its own message and leaves IndexedDB as it was', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('./');
  await openData(page);
  // Something stored first, so "unchanged" means more than "still empty".
  await importFile(page, fixture('good/lab-bars.csv'));
  const before = await storedState(page);
  expect(before).toContain('LABX');
  expect(CASES.length).toBeGreaterThanOrEqual(30);
  for (const c of CASES) {
    await page.getByTestId('import-file').setInputFiles(fixture(`bad/${c.file}`));
    if (c.fatal) {
      await expect(page.getByTestId('import-error'), c.file).toContainText(c.expect);
    } else {
      await expect(page.getByTestId('import-report'), c.file).toContainText(c.expect);
      await page.getByTestId('import-cancel').click();
      await expect(page.getByTestId('import-notice')).toContainText('Nothing from');
    }
    expect(await storedState(page), c.file).toBe(before);
  }
  // Text from a file is shown as text: the hostile symbol made no element.
  await page.getByTestId('import-file').setInputFiles(fixture('bad/hostile-symbol.csv'));
  await expect(page.getByTestId('import-report')).toContainText('<img src=x onerror=alert(1)>');
  await expect(page.locator('[data-testid="import-report"] img')).toHaveCount(0);
  await expect(page.getByTestId('import-confirm')).toBeDisabled();
});

test('the good CSV and the good SQLite file import, replay and export the same rows; a dataset exports to SQLite; a reload keeps it all', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./');
  await openData(page);
  await importFile(page, fixture('good/lab-bars.csv'));
  await expect(page.getByTestId('dataset-row')).toHaveCount(1);
  await expect(page.getByTestId('dataset-row')).toContainText('LABX, LABY');

  const expected = await expectedGood();
  const fromCsv = await replayGood(page);
  expect(fromCsv).toBe(expected);

  // The dataset back out as interchange SQLite: the same rows as the file it came from.
  await openData(page);
  const exported = await download(page, 'dataset-export');
  const SQL = await initSqlJs();
  const rows = (bytes: Uint8Array) => {
    const db = new SQL.Database(bytes);
    const values = db.exec('SELECT symbol, ts, open, high, low, close, volume, interval FROM bars ORDER BY symbol, ts')[0].values;
    db.close();
    return values;
  };
  expect(rows(new Uint8Array(exported))).toEqual(rows(new Uint8Array(readFileSync(fixture('good/lab-bars.sqlite')))));

  // A reload keeps the dataset and the run history (the link autostarts the replay once more).
  await page.reload();
  await expect(page.getByTestId('run-complete')).toBeVisible({ timeout: 30_000 });
  await openData(page);
  await expect(page.getByTestId('dataset-row')).toHaveCount(1);
  await expect(page.getByTestId('run-row')).toHaveCount(2);
  for (const row of await page.getByTestId('run-row').all()) await expect(row).toHaveAttribute('data-outcome', 'complete');

  // The run record's hash is the export's.
  const record = JSON.parse((await download(page, 'run-export')).toString('utf8'));
  const { createHash } = await import('node:crypto');
  expect(record.output.sha256).toBe(createHash('sha256').update(fromCsv).digest('hex'));
  expect(record.counts.emitted).toBe(1560);

  // The same bars from the SQLite file (rows stored shuffled): the same export.
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByTestId('dataset-delete').click();
  await expect(page.getByTestId('dataset-row')).toHaveCount(0);
  await importFile(page, fixture('good/lab-bars.sqlite'));
  expect(await replayGood(page)).toBe(fromCsv);
  await openData(page);
  await expect(page.getByTestId('run-row')).toHaveCount(3);
  // Long names, dates and queries wrap in their columns: the page never scrolls sideways.
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `at ${width} px`).toBeLessThanOrEqual(width);
  }
});

test('bundled and imported data replay together; the run record downloads beside the CSV', async ({ page }) => {
  await page.goto('./');
  await openData(page);
  await importFile(page, fixture('good/lab-bars.csv'));
  await page.goto('./?symbols=SPY,LABX&from=2013-10-07&to=2014-06-02&speed=max&autostart=1');
  await expect(page.getByTestId('run-complete')).toBeVisible({ timeout: 30_000 });
  // The panel's symbol list marks the imported ones, and only those.
  const labx = page.locator('label.symbol', { hasText: 'LABX' });
  await expect(labx.getByTestId('symbol-imported')).toHaveText('imported');
  await expect(labx.getByTestId('symbol-imported')).toHaveAttribute('title', /imported: lab-bars/);
  await expect(page.locator('label.symbol', { hasText: 'SPY' }).getByTestId('symbol-imported')).toHaveCount(0);
  const csv = (await download(page, 'export-csv')).toString('utf8');
  const symbols = new Set(csv.trim().split('\n').slice(1).map((line) => line.split(',')[2]));
  expect([...symbols].sort()).toEqual(['LABX', 'SPY']);
  const record = JSON.parse((await download(page, 'export-run')).toString('utf8'));
  expect(record).toMatchObject({ format: 'bar-replay-lab/run@1', outcome: 'complete', counts: { emitted: csv.trim().split('\n').length - 1 } });
});

test('saved replays survive a reload and load onto the panel', async ({ page }) => {
  await page.goto('./?config=week-2013-10&symbols=IBM');
  await saveAndLoadReplay(page, 'IBM all week');
  await expect(page).toHaveURL(/symbols=IBM/);
  await expect(page).toHaveURL(/to=2013-10-11/);
});

test('a full disk is reported, and nothing is stored', async ({ page }) => {
  await page.goto('./');
  await openData(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(page.url()).origin, quotaSize: 20_000 });
  await page.getByTestId('import-file').setInputFiles(fixture('good/lab-bars.csv'));
  await expect(page.getByTestId('import-report')).toBeVisible();
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-error')).toContainText('storage for this page is full');
  expect((await storedState(page)).includes('LABX')).toBe(false);
  await expect(page.getByTestId('dataset-row')).toHaveCount(0);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(page.url()).origin });
});

test('a 50 MB CSV is read in the worker: the page keeps drawing its progress, then imports it', async ({ page }) => {
  test.setTimeout(240_000);
  const path = bigCsv();
  await page.goto('./');
  await openData(page);
  await page.getByTestId('import-file').setInputFiles(path);
  // The progress bar moves while the file is read: the main thread is free to render it.
  await expect
    .poll(async () => Number((await page.locator('[data-testid="import-progress"] progress').getAttribute('value').catch(() => null)) ?? 0), { timeout: 60_000 })
    .toBeGreaterThan(0.2);
  await expect(page.getByTestId('import-report')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('import-report')).toContainText('No problems found');
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-notice')).toContainText('Imported', { timeout: 120_000 });
  await expect(page.getByTestId('dataset-row')).toContainText('BIG0');
});

/** About 50 MB of valid extended-hours bars: 10 symbols over as many trading days as it takes. */
function bigCsv(): string {
  const dir = new URL('../../test-results/', import.meta.url).pathname;
  mkdirSync(dir, { recursive: true });
  const path = `${dir}big-50mb.csv`;
  const lines = ['symbol,ts,open,high,low,close,volume'];
  let bytes = 0;
  for (let t = Date.parse('2015-01-02T12:00:00Z'); bytes < 50 * 1024 * 1024; t += 86_400_000) {
    const session = tradingSession(new Date(t).toISOString().slice(0, 10), 'extended');
    if (!session) continue;
    for (let s = 0; s < 10; s++) {
      for (let m = session.open; m < session.close; m += 60_000) {
        const line = `BIG${s},${m},100.25,100.75,99.5,100.5,${1000 + (m % 7)}`;
        lines.push(line);
        bytes += line.length + 1;
      }
    }
  }
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

test('a file dropped on the page is read like a chosen one', async ({ page }) => {
  await page.goto('./');
  await openData(page);
  const text = readFileSync(fixture('bad/negative-volume.csv'), 'utf8');
  await page.getByTestId('import-drop').evaluate((zone, content) => {
    const data = new DataTransfer();
    data.items.add(new File([content], 'dropped.csv', { type: 'text/csv' }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, text);
  await expect(page.getByTestId('import-report')).toContainText('dropped.csv: 0 of 1 rows can be imported');
  await expect(page.getByTestId('import-report')).toContainText('row 2: volume -5 is negative');
});

test('a stress dataset is generated, stored like an import, and replays', async ({ page }) => {
  await page.goto('./');
  await openData(page);
  await page.getByTestId('stress').locator('summary').click();
  await page.getByTestId('stress-symbols').fill('3');
  await page.getByTestId('stress-days').fill('2');
  await page.getByTestId('stress-generate').click();
  await expect(page.getByTestId('import-report')).toContainText('stress-3x2-seed1: 2,340 of 2,340 rows can be imported');
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('dataset-row')).toContainText('S0000, S0001, S0002');
  // The same again would only repeat days the lab holds: refused, a day at a time.
  await page.getByTestId('stress-generate').click();
  await expect(page.getByTestId('import-report')).toContainText('0 of 2,340 rows can be imported');
  await expect(page.getByTestId('import-report')).toContainText('S0000 on 2013-10-07 is already in dataset "stress-3x2-seed1"');
  await page.getByTestId('import-cancel').click();
  await page.goto('./?symbols=S0000,S0001,S0002&from=2013-10-07&to=2013-10-08&speed=max&autostart=1');
  await expect(page.getByTestId('run-complete')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('emitted-count')).toHaveText('2340');
});
