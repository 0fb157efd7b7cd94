// A new visitor's first visit to the built site over the bench's school link (tests/bench/
// throttled-server.ts: GitHub-Pages-like caching, gzip for text only), on a host with and without
// the isolation headers. Structure, never time: the first bar comes without the lazily loaded
// views; once the service worker has cached everything, no file's body went out twice and the page
// reloaded at most once; with the server gone the lab and data views still open from the cache.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { COLDLOAD_URL } from '../bench/coldload';
import { ThrottledServer } from '../bench/throttled-server';
import { PORT as PREVIEW_PORT } from '../../playwright.config';

const PORT = PREVIEW_PORT + 13;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const DIST = new URL('../../dist', import.meta.url).pathname;
/** Chunks a first replay must not need: the views and dialogs loaded when opened. */
const LAZY = /\/assets\/(LabView|DataPanel|HelpOverlay|AboutPanel)-[^/]+\.js$/;

const emitted = (page: Page) => page.evaluate(() => Number(document.querySelector('[data-testid="emitted-count"]')?.textContent ?? 0)).catch(() => 0);

/** Every path the service worker caches (CORE and REST, read from the sw.js the site serves). */
async function precacheList(page: Page): Promise<string[]> {
  const source = await page.evaluate(() => fetch('sw.js').then((r) => r.text()));
  const list = (name: string) => JSON.parse(new RegExp(`const ${name} = (\\[.*?\\]);`).exec(source)?.[1] ?? '[]') as string[];
  return [...list('CORE'), ...list('REST')];
}

/** Resolves once the worker's cache holds every precached path. */
async function offlineReady(page: Page): Promise<void> {
  const paths = await precacheList(page);
  expect(paths.length).toBeGreaterThan(10);
  await expect.poll(() => page.evaluate(async (list) => {
    const names = (await caches.keys()).filter((n) => n.startsWith('bar-replay-lab-'));
    if (names.length !== 1) return -1;
    const cache = await caches.open(names[0]);
    const present = await Promise.all(list.map((path) => cache.match(new URL(path, document.baseURI).href)));
    return present.filter((r) => r === undefined).length;
  }, paths).catch(() => -1), { timeout: 60_000 }).toBe(0);
}

test.use({ serviceWorkers: 'allow', baseURL: `${ORIGIN}/` });
test.describe.configure({ mode: 'serial' });

for (const headers of [false, true]) {
  test(`a cold visit, ${headers ? 'host sends COOP/COEP' : 'no COOP/COEP (service worker)'}: first bar without the lazy views, nothing sent twice, offline afterwards`, async ({ page }) => {
    test.slow(); // a 10 Mbps link, on a shared machine
    const server = new ThrottledServer(DIST, headers);
    await server.listen(PORT);
    try {
      let loads = 0;
      page.on('request', (request) => request.isNavigationRequest() && request.frame() === page.mainFrame() && loads++);
      const pageFetches: string[] = [];
      page.on('request', (request) => request.serviceWorker() === null && pageFetches.push(new URL(request.url()).pathname));

      await page.goto(`./${COLDLOAD_URL}`, { waitUntil: 'commit' });
      await expect.poll(() => emitted(page), { timeout: 60_000 }).toBeGreaterThan(0);
      expect(pageFetches.filter((path) => LAZY.test(path)), 'lazy chunks the page fetched before its first bar').toEqual([]);
      await expect.poll(() => page.evaluate(() => crossOriginIsolated).catch(() => false)).toBe(true);

      await offlineReady(page);
      expect(server.sentTwice(), 'files whose body went out twice').toEqual([]);
      expect(loads, 'page loads (one reload for isolation at most)').toBeLessThanOrEqual(headers ? 1 : 2);
      // The bundled 6.5 MB file is never part of a visit.
      expect(server.log.filter((s) => s.path.endsWith('/bars.sqlite'))).toEqual([]);
    } finally {
      await server.close();
    }

    // Server gone: the lazily loaded views open from the cache, by link and by tab.
    await page.goto('./?view=lab');
    await expect(page.getByTestId('tour')).toBeVisible();
    await page.getByTestId('view-data').click();
    await expect(page.getByTestId('datasets')).toBeVisible();
    await expect(page.getByTestId('bundled-download-note')).toContainText('needs the network');
    await page.goto('./?view=data');
    await expect(page.getByTestId('datasets')).toBeVisible();
    await page.getByTestId('help-button').click();
    await expect(page.getByTestId('help-overlay')).toBeVisible();
  });
}
