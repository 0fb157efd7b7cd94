// Faults: a worker that ends mid-setup or mid-run (closed from inside, as a crash would: no error
// event, calls never answered), and a data file that fails to load. Each time the page shows the
// error, returns to STOPPED, and the next start works.
import type { Page, Route } from '@playwright/test';
import { expect, test } from './fixtures';
import { recordedRun } from './recorded-run';

const REPLAY = './?config=spy-aig-bac-ibm-2013-10-07&speed=max';

/** Ends a worker of the page from inside (its script URL names it), as if it had crashed. */
async function kill(page: Page, name: 'coordinator-worker' | 'data-worker') {
  await expect.poll(() => page.workers().some((w) => w.url().includes(name))).toBe(true);
  const worker = page.workers().find((w) => w.url().includes(name))!;
  await worker.evaluate(() => setTimeout(() => self.close())).catch(() => {}); // the reply may not make it out
}

async function expectStoppedWithError(page: Page, text: string) {
  await expect(page.getByTestId('error')).toContainText(text);
  await expect(page.getByTestId('error')).toContainText('Press Start to try again');
  await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
  await expect(page.getByTestId('setup-progress')).toHaveCount(0);
  await expect(page.getByTestId('start')).toBeEnabled();
}

async function nextStartWorks(page: Page) {
  await page.getByRole('button', { name: 'max', exact: true }).click();
  await page.getByTestId('start').click();
  await expect(page.getByTestId('run-complete')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('error')).toHaveCount(0);
  await expect(page.getByTestId('emitted-count')).toHaveText('1559', { timeout: 10_000 });
}

/** Holds the bundled file's download until released (then lets it through): setup waits in "initialize managers". */
async function holdBundledFile(page: Page): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/data/bars-replay.sqlite.gz', async (route: Route) => {
    await released;
    await route.continue();
  });
  return release;
}

for (const name of ['coordinator-worker', 'data-worker'] as const) {
  const label = name.replace('-', ' ');

  test(`the ${label} ends mid-setup: the error shows, STOPPED, the next start works`, async ({ page }) => {
    const release = await holdBundledFile(page);
    await page.goto(REPLAY);
    await page.getByTestId('start').click();
    await expect(page.getByTestId('setup-progress')).toBeVisible();
    await kill(page, name);
    await expectStoppedWithError(page, `the ${label} stopped unexpectedly`);
    release();
    await nextStartWorks(page);
  });

  test(`the ${label} ends mid-run: the error shows, STOPPED, the next start works`, async ({ page }) => {
    await page.goto(REPLAY.replace('speed=max', 'speed=60'));
    await page.getByTestId('start').click();
    await expect(page.getByTestId('system-state')).toHaveText('RUNNING');
    await expect.poll(async () => Number(await page.getByTestId('emitted-count').textContent())).toBeGreaterThan(0);
    await kill(page, name);
    await expectStoppedWithError(page, `the ${label} stopped unexpectedly`);
    // Nothing more arrives: the count the run's record took when it ended is the count shown
    // once that record has been hashed and stored (the run is over; a late item would show).
    const recorded = await recordedRun(page, 'error');
    expect(recorded).toBeGreaterThan(0);
    await expect(page.getByTestId('emitted-count')).toHaveText(String(recorded));
    await nextStartWorks(page);
  });
}

test('a missing or corrupt data file is reported; STOPPED; once it loads, the next start works', async ({ page }) => {
  // One handler whose answer the test switches, so no request slips through between two routes.
  let serve: 'missing' | 'corrupt' | 'real' = 'missing';
  await page.route('**/data/bars-replay.sqlite.gz', (route) => {
    if (serve === 'missing') return route.fulfill({ status: 404, body: 'gone' });
    if (serve === 'corrupt') return route.fulfill({ status: 200, contentType: 'application/octet-stream', body: Buffer.from('SQLite format 3\0 but then nothing a database needs') });
    return route.continue();
  });
  await page.goto(REPLAY);
  // The panel's catalog reads the file first.
  await expect(page.getByTestId('error')).toContainText('could not load data/bars.sqlite: the server answered 404');
  serve = 'corrupt';
  await page.getByTestId('start').click();
  await expect(page.getByTestId('error')).toContainText('data/bars.sqlite is a damaged SQLite file');
  await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
  serve = 'real';
  await nextStartWorks(page);
});
