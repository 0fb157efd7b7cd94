// Installable: index.html links a web app manifest that Chromium parses without errors and finds
// installable; its icons load at their stated sizes; on a plain static host the service worker
// caches the manifest and icons, so the installed app opens (icons included) with no network.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { PORT as PREVIEW_PORT } from '../../playwright.config';
import { stopChild } from './child-process';

interface Manifest {
  name: string;
  short_name: string;
  start_url: string;
  display: string;
  icons: { src: string; sizes: string; type: string; purpose?: string }[];
}

/** Reads the linked manifest and loads each icon in the page: status, type and decoded size. */
async function manifestAndIcons(page: Page) {
  return page.evaluate(async () => {
    const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
    if (!link) return null;
    const response = await fetch(link.href);
    const manifest = (await response.json()) as Manifest;
    const icons = [];
    for (const icon of manifest.icons) {
      const url = new URL(icon.src, link.href).href;
      const image = await fetch(url);
      const bitmap = await createImageBitmap(await image.blob());
      icons.push({ url, status: image.status, type: image.headers.get('content-type'), size: `${bitmap.width}x${bitmap.height}`, icon });
    }
    return { url: link.href, status: response.status, manifest, icons };
  });
}

test('theme-color follows the app\'s own Dark toggle, not only the system\'s scheme', async ({ browser }) => {
  // The system asks for light; the person picks dark in the app, then light again.
  const context = await browser.newContext({ colorScheme: 'light' });
  const page = await context.newPage();
  await page.goto('/');
  const colours = () => page.locator('meta[name="theme-color"]').evaluateAll((metas) => metas.map((m) => m.getAttribute('content')));
  const background = () => page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--bg').trim());
  await expect(page.getByTestId('theme-toggle')).toHaveAttribute('aria-pressed', 'false');
  expect(await colours()).toEqual(['#f4f6f9', '#0f141b']); // one a scheme, as index.html has them
  await page.getByTestId('theme-toggle').click();
  await expect(page.getByTestId('theme-toggle')).toHaveAttribute('aria-pressed', 'true');
  // Whichever tag the browser picks, it gives the app's background.
  await expect.poll(colours).toEqual([await background(), await background()]);
  expect(await background()).toBe('#0f141b');
  await page.getByTestId('theme-toggle').click();
  await expect.poll(colours).toEqual(['#f4f6f9', '#0f141b']);
  expect(await background()).toBe('#f4f6f9');
  await context.close();
});

test("a returning visitor's dark theme and projector mode are on the page's first frame, before the app's scripts", async ({ browser }) => {
  for (const [system, stored, theme, projector] of [
    ['light', { theme: 'dark', projector: true }, 'dark', true],
    ['dark', null, 'dark', false], // no choice stored: the system's scheme
    ['dark', { theme: 'light', projector: false }, 'light', false],
  ] as const) {
    const context = await browser.newContext({ colorScheme: system });
    await context.addInitScript((value) => {
      if (value !== null) localStorage.setItem('bar-replay-lab:preferences', value);
      // Every policy violation from the first script on (index.html's inline one is allowed by its hash).
      (window as unknown as { violations: string[] }).violations = [];
      document.addEventListener('securitypolicyviolation', (event) => (window as unknown as { violations: string[] }).violations.push(event.violatedDirective));
    }, stored === null ? null : JSON.stringify(stored));
    const page = await context.newPage();
    // The app never runs: what shows is index.html's frame alone.
    await page.route(/\/assets\/main-[^/]+\.js$/, (route) => route.abort());
    await page.goto('/');
    await expect(page.locator('header.top h1')).toHaveText('Bar Replay Lab');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
    expect(await page.evaluate(() => document.documentElement.hasAttribute('data-projector'))).toBe(projector);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(theme === 'dark' ? 'rgb(15, 20, 27)' : 'rgb(244, 246, 249)');
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
    await context.close();
  }
});

test('the manifest is linked, parses, makes the page installable, and its icons load at their sizes', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('start')).toBeVisible();
  const found = await manifestAndIcons(page);
  expect(found, 'index.html links a manifest').not.toBeNull();
  const { status, manifest, icons } = found!;
  expect(status).toBe(200);
  expect(manifest).toMatchObject({ name: 'Bar Replay Lab', start_url: './', display: 'standalone' });
  expect(manifest.short_name.length).toBeLessThanOrEqual(12); // fits under an icon on a home screen
  for (const { status: iconStatus, type, size, icon } of icons) {
    expect(iconStatus, icon.src).toBe(200);
    expect(type, icon.src).toBe('image/png');
    expect(size, icon.src).toBe(icon.sizes);
  }
  expect(icons.map(({ icon }) => `${icon.sizes} ${icon.purpose}`).sort()).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);

  // Chromium's own reading of the manifest: no parse errors, and nothing stands in the way of installing.
  const cdp = await page.context().newCDPSession(page);
  const { errors } = (await cdp.send('Page.getAppManifest')) as { errors: { message: string }[] };
  expect(errors).toEqual([]);
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
  // Playwright's contexts are off the record, where Chromium never installs; that is all it may name.
  expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);

  // Theme colours for the browser's chrome, light and dark.
  const themes = await page.locator('meta[name="theme-color"]').evaluateAll((metas) => metas.map((m) => `${m.getAttribute('media')} ${m.getAttribute('content')}`));
  expect(themes).toEqual(['(prefers-color-scheme: light) #f4f6f9', '(prefers-color-scheme: dark) #0f141b']);
});

test.describe('on a plain static host', () => {
  // A port of its own (the static-host spec uses +7), so both can run in one session.
  const PORT = PREVIEW_PORT + 11;
  const SITE = `http://127.0.0.1:${PORT}/app/`;
  let root = '';
  let server: ChildProcess | null = null;

  test.use({ serviceWorkers: 'allow', baseURL: SITE });

  test.beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'bar-replay-lab-install-'));
    cpSync(new URL('../../dist', import.meta.url).pathname, join(root, 'app'), { recursive: true });
    rmSync(join(root, 'app', 'tests'), { recursive: true, force: true });
    server = spawn('python3', ['-m', 'http.server', String(PORT), '--bind', '127.0.0.1', '--directory', root], { stdio: 'ignore' });
    await expect.poll(() => fetch(SITE).then((r) => r.ok, () => false), { timeout: 10_000 }).toBe(true);
  });

  async function stopServer() {
    await stopChild(server);
    server = null;
  }

  test.afterAll(async () => {
    await stopServer();
    rmSync(root, { recursive: true, force: true });
  });

  test('the service worker caches the manifest and its icons: they load with the server gone', async ({ page }) => {
    await page.goto(SITE);
    // The first visit reloads once under the service worker: the context may vanish meanwhile.
    await expect.poll(() => page.evaluate(() => crossOriginIsolated).catch(() => false), { timeout: 20_000 }).toBe(true);
    const online = await manifestAndIcons(page);
    expect(online).not.toBeNull();
    const urls = [online!.url, ...online!.icons.map((i) => i.url)];
    const cached = await page.evaluate(async (list) => Promise.all(list.map(async (url) => (await caches.match(url)) !== undefined)), urls);
    expect(cached).toEqual(urls.map(() => true));

    await stopServer();
    await page.reload();
    await expect(page.getByTestId('start')).toBeVisible();
    const offline = await manifestAndIcons(page);
    expect(offline!.status).toBe(200);
    expect(offline!.icons.map((i) => `${i.status} ${i.size}`)).toEqual(online!.icons.map((i) => `200 ${i.icon.sizes}`));
  });
});
