// Browser tests against the production build, in a time zone other than New York (times on the
// page must still read New York). Two servers: vite preview with the cross-origin isolation
// headers, and the same build without them (the fallback gate). Uses Debian's Chromium where it
// is installed (Playwright cannot download its own browser on some machines), else Playwright's.
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

const debianChromium = '/usr/bin/chromium';
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync(debianChromium) ? debianChromium : undefined);

// BRL_PORT moves both servers (and the static-host test's, at +7), so that two checkouts can
// run their browser tests side by side.
export const PORT = Number(process.env.BRL_PORT ?? 4173);
export const ISOLATED_URL = `http://127.0.0.1:${PORT}/`;
export const PLAIN_URL = `http://127.0.0.1:${PORT + 1}/`;

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  // Every expectation waits for a condition; on a loaded machine (2 cores shared with other
  // work) a setup can take longer than Playwright's default 5 s, so the bound is wider.
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: ISOLATED_URL,
    timezoneId: 'Asia/Tokyo',
    acceptDownloads: true,
    // vite preview sends the isolation headers itself; the service worker (and its cache) is
    // tested on a plain static server in static-host.spec.ts, which allows it.
    serviceWorkers: 'block',
    launchOptions: {
      executablePath,
      args: executablePath
        ? ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic']
        : [],
    },
  },
  webServer: [
    { command: `npx vite preview --port ${PORT} --strictPort --host 127.0.0.1`, url: ISOLATED_URL, reuseExistingServer: !process.env.CI },
    {
      command: `npx vite preview --port ${PORT + 1} --strictPort --host 127.0.0.1`,
      url: PLAIN_URL,
      env: { BRL_NO_ISOLATION: '1' },
      reuseExistingServer: !process.env.CI,
    },
  ],
});
