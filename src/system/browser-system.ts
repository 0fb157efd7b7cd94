// The SystemManager as the page builds it: the real coordinator and data workers, the page's
// clock and fetch. Main thread. Used by the app (ui/main.ts) and by the browser fuzz harness.

import { MarketDataClient } from '../data/market-data-client';
import { CoordinatorClient } from '../worker/coordinator-client';
import { SystemManager } from './system-manager';

/**
 * `shared`: the page is cross-origin isolated, so the SharedArrayBuffer gate can be used.
 * `baseUrl`: where the bundled data and configs are (the app's own page by default).
 */
export function createBrowserSystem(shared: boolean, baseUrl = document.baseURI): SystemManager {
  return new SystemManager({
    baseUrl,
    // SharedArrayBuffer exists only on cross-origin isolated pages; otherwise the fallback gate.
    shared: shared && typeof SharedArrayBuffer === 'function',
    clock: () => performance.timeOrigin + performance.now(),
    fetchText: (url) => fetch(url),
    createCoordinator: (options) => CoordinatorClient.create(options),
    createData: (onFailure) => MarketDataClient.create(onFailure),
  });
}
