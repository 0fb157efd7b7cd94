// The bench's coldload figure (Node, called by scripts/bench.ts): a new user's first visit to the
// built site over a school link (throttled-server.ts), in a fresh Chromium context. Reports the
// time from navigation to the first bar (emitted-count > 0), the bytes sent by then, and once the
// visit has settled (service worker installed, nothing sent for a while) any file sent twice.

import type { Browser } from '@playwright/test';
import { ThrottledServer } from './throttled-server';

export const COLDLOAD_URL = '?symbols=SPY&from=2013-10-07&speed=max&autostart=1';
/** The visit counts as settled once nothing has been sent for this long. */
const QUIET_MS = 1500;

export interface ColdLoad {
  readonly isolationHeaders: boolean;
  readonly firstBarMs: number;
  readonly bytesByFirstBar: number;
  readonly bytesTotal: number;
  readonly sentTwice: readonly string[];
  /** Reloads of the page during the visit (the service worker's one for isolation). */
  readonly reloads: number;
  readonly requests: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function coldLoad(browser: Browser, dist: string, isolationHeaders: boolean, port: number): Promise<ColdLoad> {
  const server = new ThrottledServer(dist, isolationHeaders);
  await server.listen(port);
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  try {
    const page = await context.newPage();
    // Documents requested (an address-bar update is a navigation too, but requests nothing; a
    // page may reload before its DOMContentLoaded, so load events would miss it).
    let loads = 0;
    page.on('request', (request) => request.isNavigationRequest() && request.frame() === page.mainFrame() && loads++);
    server.reset();
    const started = performance.now();
    await page.goto(`http://127.0.0.1:${port}/${COLDLOAD_URL}`, { waitUntil: 'commit' });
    const emitted = () => page.evaluate(() => Number(document.querySelector('[data-testid="emitted-count"]')?.textContent ?? 0)).catch(() => 0);
    for (;;) {
      if ((await emitted()) > 0) break;
      if (performance.now() - started > 60_000) throw new Error('coldload: no bar within 60 s');
      await pause(10);
    }
    const firstBarMs = performance.now() - started;
    const bytesByFirstBar = server.bytesSent();
    if (process.env.BRL_COLDLOAD_LOG) console.log(`first bar at ${firstBarMs.toFixed(0)} ms`, server.log.map((s) => `${s.at.toFixed(0)} ${s.status} ${s.path} ${s.bytes}`).join('\n'));
    // Settled: a service worker is active, and the link has been idle for QUIET_MS.
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 60_000 }).catch(() => {});
    for (let seen = -1; seen !== server.log.length; ) {
      seen = server.log.length;
      await pause(QUIET_MS);
    }
    return {
      isolationHeaders,
      firstBarMs,
      bytesByFirstBar,
      bytesTotal: server.bytesSent(),
      sentTwice: server.sentTwice(),
      reloads: Math.max(0, loads - 1),
      requests: server.log.length,
    };
  } finally {
    await context.close();
    await server.close();
  }
}
