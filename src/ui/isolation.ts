// Cross-origin isolation and offline support, page side (main thread, before anything heavy
// starts). Registers the service worker (dist/sw.js, see src/shipping/), reloads once on the
// first visit so the page is served with the isolation headers, and reports why when isolation
// is impossible — the page then runs on the fallback gate and says so.

export interface Isolation {
  readonly isolated: boolean;
  /** Why the page is not isolated (shown in degraded-banner), or null. */
  readonly degradedReason: string | null;
  /** Calls back when a new deploy has been downloaded and waits to take over. */
  onUpdateReady(callback: (apply: () => void) => void): void;
  /**
   * The app says its page is drawn (every part mounted, the link's replay on the panel): a first
   * visit to a host that sends the isolation headers registers the offline copy's worker only now.
   */
  settled(): void;
}

const RELOAD_KEY = 'bar-replay-lab:isolation-reload';
const CONTROL_TIMEOUT_MS = 8000;
const REGISTER_TIMEOUT_MS = 3000;
/** The file whose download a first visit waits for before its precache starts (worker-supervisor.ts). */
const BUNDLED_DATA_PATH = 'data/bars-replay.sqlite.gz';
const BUNDLED_DATA_WAIT_MS = 15_000;
/** A page that never says it settled (an error while it mounts) still gets its offline copy. */
const SETTLED_WAIT_MS = 15_000;

function session(action: (storage: Storage) => string | null | void): string | null {
  try {
    return action(sessionStorage) ?? null;
  } catch {
    return null; // storage blocked: at worst the page reloads once more
  }
}

/**
 * Resolves once the page has downloaded the bundled data (a resource timing entry), or after
 * BUNDLED_DATA_WAIT_MS when it never does (a view that reads no data).
 */
function afterBundledData(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      observer.disconnect();
      resolve();
    };
    const observer = new PerformanceObserver((list) => {
      if (list.getEntries().some((entry) => entry.name.includes(BUNDLED_DATA_PATH))) done();
    });
    observer.observe({ type: 'resource', buffered: true });
    setTimeout(done, BUNDLED_DATA_WAIT_MS);
  });
}

/** Resolves in the browser's next idle period (or soon, where it has no idle callbacks). */
function whenIdle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 2000 });
    else setTimeout(resolve, 0);
  });
}

export async function prepareIsolation(): Promise<Isolation> {
  let updateCallback: ((apply: () => void) => void) | null = null;
  let pendingUpdate: (() => void) | null = null;
  let pageSettled = () => {};
  const settled = new Promise<void>((resolve) => {
    pageSettled = resolve;
    setTimeout(resolve, SETTLED_WAIT_MS);
  });
  const result = (degradedReason: string | null): Isolation => ({
    isolated: globalThis.crossOriginIsolated === true,
    degradedReason: globalThis.crossOriginIsolated ? null : degradedReason,
    onUpdateReady(callback) {
      updateCallback = callback;
      if (pendingUpdate) callback(pendingUpdate);
    },
    settled: () => pageSettled(),
  });

  if (import.meta.env.DEV) return result('the dev server was started without the isolation headers');
  if (!('serviceWorker' in navigator) || !navigator.serviceWorker) {
    return result('this browser offers no service worker here (an old browser, or a private window that forbids them), and the host sends no isolation headers');
  }
  /** A new deploy: its worker installs beside the running one and waits for the user's go-ahead. */
  const watchUpdates = (registration: ServiceWorkerRegistration) => {
    const announce = (worker: ServiceWorker) => {
      const apply = () => {
        navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
        worker.postMessage('skip-waiting');
      };
      pendingUpdate = apply;
      updateCallback?.(apply);
    };
    if (registration.waiting && navigator.serviceWorker.controller) announce(registration.waiting);
    const watch = (worker: ServiceWorker | null) =>
      worker?.addEventListener('statechange', () => {
        if (worker.state === 'installed' && navigator.serviceWorker.controller) announce(worker);
      });
    // One may be installing already (its updatefound came before this page's script ran).
    watch(registration.installing);
    registration.addEventListener('updatefound', () => watch(registration.installing));
  };
  const register = async (): Promise<ServiceWorkerRegistration | string> => {
    let registration: ServiceWorkerRegistration;
    try {
      // Some browsers (and automation that blocks service workers) never settle a blocked registration.
      registration = await Promise.race([
        navigator.serviceWorker.register('./sw.js', { scope: './' }),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer: service workers seem to be blocked')), REGISTER_TIMEOUT_MS)),
      ]);
    } catch (error) {
      return `the service worker that provides isolation could not start (${(error as Error).message || 'blocked'}), and the host sends no isolation headers`;
    }
    // A blocked registration may also "succeed" with nothing (seen with automation that blocks them).
    if (!registration) return 'service workers are blocked here, and the host sends no isolation headers';

    watchUpdates(registration);
    return registration;
  };

  // A first visit's worker cached only what a first replay needs: it caches the rest once it controls a page.
  const askFill = () => navigator.serviceWorker.controller?.postMessage('fill');
  if (navigator.serviceWorker.controller) askFill();
  else navigator.serviceWorker.addEventListener('controllerchange', askFill, { once: true });

  if (globalThis.crossOriginIsolated) {
    session((s) => s.removeItem(RELOAD_KEY));
    // The host sends the headers itself: the worker is for offline use only. A first visit
    // registers it once the page has its data, so that its precache finds those files in the
    // HTTP cache instead of racing the page for them on a slow link, and once the page is drawn
    // and idle: its install (the precache's reads and writes, in the worker and the browser) would
    // otherwise compete for a phone's cores with the page's first tasks.
    // Controlled already: the registration exists. (Registering again would wait behind an update
    // the navigation started, past REGISTER_TIMEOUT_MS on a slow link, and miss its notice.)
    if (navigator.serviceWorker.controller) void navigator.serviceWorker.ready.then(watchUpdates);
    else void Promise.all([afterBundledData(), settled]).then(whenIdle).then(register);
    return result(null);
  }
  const registered = await register();
  if (typeof registered === 'string') return result(registered);

  if (session((s) => s.getItem(RELOAD_KEY))) {
    session((s) => s.removeItem(RELOAD_KEY));
    return result('the page was reloaded under its service worker but is still not cross-origin isolated');
  }
  // Wait until the worker controls this page, then reload once: the reloaded page comes with the headers.
  const controlled = navigator.serviceWorker.controller
    ? Promise.resolve(true)
    : new Promise<boolean>((resolve) => {
        navigator.serviceWorker.addEventListener('controllerchange', () => resolve(true), { once: true });
        setTimeout(() => resolve(false), CONTROL_TIMEOUT_MS);
      });
  if (!(await controlled)) return result('the service worker did not take control of the page in time');
  session((s) => s.setItem(RELOAD_KEY, '1'));
  location.reload();
  return new Promise<Isolation>(() => {}); // the page is going away
}
