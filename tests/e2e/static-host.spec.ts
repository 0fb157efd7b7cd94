// The built dist/ on a plain static server that sends no special headers (python3 -m
// http.server), under a sub-path: isolation arrives through the service worker; the replay runs;
// with the server stopped it runs again from the cache; a second deploy is picked up after the
// update notice; with service workers blocked, degraded mode gives the same export.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { bundledDb, expectedExport } from '../../src/testing/expected-export';
import { PORT as PREVIEW_PORT } from '../../playwright.config';
import { stopChild } from './child-process';

const PORT = PREVIEW_PORT + 7;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const SITE = `${ORIGIN}/lab/`;
const REPLAY = `${SITE}?config=spy-aig-bac-ibm-2013-10-07&speed=max&autostart=1`;

let root = '';
let server: ChildProcess | null = null;

async function startServer() {
  server = spawn('python3', ['-m', 'http.server', String(PORT), '--bind', '127.0.0.1', '--directory', root], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    if (await fetch(SITE).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the static server did not start');
}

async function stopServer() {
  await stopChild(server);
  server = null;
}

async function isolated(page: Page): Promise<boolean> {
  // The first visit reloads the page under the service worker: the context may vanish meanwhile.
  await expect.poll(() => page.evaluate(() => crossOriginIsolated).catch(() => false), { timeout: 20_000 }).toBe(true);
  return true;
}

async function exportCsv(page: Page): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  return readFileSync(await download.path(), 'utf8');
}

test.describe.configure({ mode: 'serial' });
test.use({ serviceWorkers: 'allow', baseURL: SITE });

test.beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'bar-replay-lab-static-'));
  cpSync(new URL('../../dist', import.meta.url).pathname, join(root, 'lab'), { recursive: true });
  rmSync(join(root, 'lab', 'tests'), { recursive: true, force: true });
  await startServer();
});

test.afterAll(async () => {
  await stopServer();
  rmSync(root, { recursive: true, force: true });
});

test('isolated through the service worker, offline once the server is gone, then a new deploy', async ({ page }) => {
  test.setTimeout(120_000);
  const expected = await expectedExport(bundledDb(), ['AIG', 'BAC', 'IBM', 'SPY'], '2013-10-07');
  const origins = new Set<string>();
  page.on('request', (request) => origins.add(new URL(request.url()).origin));
  // Policy violations from the page's first script on: none, under the worker's header policy too.
  await page.addInitScript(() => {
    (window as unknown as { violations: string[] }).violations = [];
    document.addEventListener('securitypolicyviolation', (event) => (window as unknown as { violations: string[] }).violations.push(event.violatedDirective));
  });

  await page.goto(REPLAY);
  await isolated(page);
  expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
  await expect(page.getByTestId('degraded-banner')).toHaveCount(0);
  await expect(page.getByTestId('run-complete')).toBeVisible({ timeout: 30_000 });
  expect(await exportCsv(page)).toBe(expected);

  // The content security policy governs the page: no inline script, no workers from blob: URLs.
  // (Code run by the test itself is exempt, so the checks make the page do it.)
  expect(await page.evaluate(() => new Promise((resolve) => {
    document.addEventListener('securitypolicyviolation', (event) => resolve(event.violatedDirective), { once: true });
    const script = document.createElement('script');
    script.textContent = 'window.inlineRan = true';
    document.head.append(script);
    setTimeout(() => resolve((window as unknown as { inlineRan?: boolean }).inlineRan ? 'ran' : 'no event'), 1000);
  }))).toMatch(/^script-src/);
  expect(await page.evaluate(() => new Promise((resolve) => {
    try {
      const worker = new Worker(URL.createObjectURL(new Blob(['postMessage(1)'])));
      worker.onmessage = () => resolve('ran');
      worker.onerror = () => resolve('blocked');
    } catch {
      resolve('blocked');
    }
  }))).toBe('blocked');

  // Offline: stop the server and reload; everything comes from the service worker's cache.
  await stopServer();
  await page.reload();
  await isolated(page);
  await expect(page.getByTestId('run-complete')).toBeVisible({ timeout: 30_000 });
  expect(await exportCsv(page)).toBe(expected);
  expect([...origins]).toEqual([ORIGIN]); // nothing from any other origin

  // A second deploy with changed files: the page says an update is ready, and applying it serves them.
  const configPath = join(root, 'lab', 'data', 'configs', 'spy-aig-bac-ibm-2013-10-07.json');
  writeFileSync(configPath, readFileSync(configPath, 'utf8').replace('"name": "', '"name": "Second deploy: '));
  const swPath = join(root, 'lab', 'sw.js');
  writeFileSync(swPath, readFileSync(swPath, 'utf8').replace(/const VERSION = "([0-9a-f]+)"/, 'const VERSION = "$1-2"'));
  await startServer();
  await page.goto(SITE);
  await expect(page.getByTestId('update-ready')).toBeVisible({ timeout: 20_000 });
  const before = await page.evaluate(() => fetch('data/configs/spy-aig-bac-ibm-2013-10-07.json').then((r) => r.text()));
  expect(before).not.toContain('Second deploy');
  // Applying the update reloads the page under the new version.
  await Promise.all([
    page.waitForEvent('load', { timeout: 20_000 }),
    page.getByTestId('update-ready').getByRole('button', { name: 'Reload to update' }).click(),
  ]);
  await isolated(page);
  const after = await page.evaluate(() => fetch('data/configs/spy-aig-bac-ibm-2013-10-07.json').then((r) => r.text()));
  expect(after).toContain('Second deploy');
  await isolated(page);
  await expect(page.getByTestId('update-ready')).toHaveCount(0);
});

test('with service workers blocked: degraded mode says why and gives the same export', async ({ browser }) => {
  const context = await browser.newContext({ serviceWorkers: 'block', baseURL: SITE, timezoneId: 'Europe/Paris' });
  const page = await context.newPage();
  await page.goto(REPLAY);
  await expect(page.getByTestId('degraded-banner')).toBeVisible();
  await expect(page.getByTestId('degraded-banner')).toContainText('service worker');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
  await expect(page.getByTestId('run-complete')).toBeVisible({ timeout: 30_000 });
  expect(await exportCsv(page)).toBe(await expectedExport(bundledDb(), ['AIG', 'BAC', 'IBM', 'SPY'], '2013-10-07'));
  await expect(page.getByTestId('gate-latency')).toContainText('ms');
  await context.close();
});
