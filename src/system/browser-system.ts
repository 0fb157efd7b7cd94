// The SystemManager as the page builds it: the real coordinator and data workers, the page's
// clock and fetch. Main thread. Used by the app (ui/main.ts) and by the browser fuzz harness.

import { MarketDataClient } from './market-data-client';
import { CoordinatorClient } from './coordinator-client';
import type { FrameClock } from './frame-budget';
import { SystemManager } from './system-manager';

/**
 * `shared`: the page is cross-origin isolated, so the SharedArrayBuffer gate can be used.
 * `baseUrl`: where the bundled data and configs are (the app's own page by default).
 * `draws`: the page draws what arrives (the app): leave each frame time to draw (frame-budget.ts).
 */
export function createBrowserSystem(shared: boolean, baseUrl = document.baseURI, draws = false): SystemManager {
  return new SystemManager({
    frames: draws ? pageFrames : undefined,
    baseUrl,
    // SharedArrayBuffer exists only on cross-origin isolated pages; otherwise the fallback gate.
    shared: shared && typeof SharedArrayBuffer === 'function',
    clock: () => performance.timeOrigin + performance.now(),
    fetchText: (url) => fetch(url),
    createCoordinator: (options) => CoordinatorClient.create(options),
    createData: (onFailure) => MarketDataClient.create(onFailure),
  });
}

/** The page's frames. A hidden tab draws none (and its timers are slowed): nothing is held back then. */
const pageFrames: FrameClock = {
  now: () => performance.now(),
  drawing: () => document.visibilityState === 'visible',
  nextFrame(callback) {
    // requestAnimationFrame, or a timer should the tab be hidden before the frame comes.
    let done = false;
    const once = () => {
      if (done) return;
      done = true;
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      callback();
    };
    const frame = requestAnimationFrame(once);
    const timer = setTimeout(once, 250);
  },
};
