// Bar Replay Lab's service worker (built into dist/sw.js by shipping/vite-plugin.ts, which fills in
// VERSION, CORE and REST). It runs in the browser's service-worker thread and does three jobs:
//  1. cross-origin isolation on hosts that send no headers: it re-serves every same-origin response
//     with COOP/COEP (and CORP), so SharedArrayBuffer exists after one reload;
//  2. offline: the app, the sql.js wasm, the bundled data (bars-replay.sqlite.gz), the configs and
//     the web app manifest with its icons (so the installed app opens offline) are cached at
//     install, in a cache named after the deploy's VERSION (reusing what the page's HTTP cache
//     already holds); a new deploy replaces it cleanly. On a first visit the install caches only
//     CORE (what a first replay needs, which the page is fetching at the same time) and takes over
//     at once, so the reload for isolation comes early; REST follows when the page asks ('fill');
//  3. a content security policy as a header on what it serves (a <meta> policy does not govern workers).
/* eslint-disable no-restricted-globals */

const VERSION = '__VERSION__';
/** Paths relative to the worker's scope: what a first replay needs (cold-start.ts), and the rest. */
const CORE = __CORE__;
const REST = __REST__;
const CACHE = `bar-replay-lab-${VERSION}`;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const page = await pageAddress();
      // A new deploy is complete before it takes over; a first visit needs only CORE to reload.
      const first = !self.registration.active;
      await Promise.all([
        cache.addAll((first ? CORE : [...CORE, ...REST]).filter((path) => path !== './').map(precacheRequest)),
        // The page itself, fetched at the address the visitor opened (a link with a query), so
        // that the HTTP cache answers; stored as './', which serves every query (see serve()).
        fetch(new Request(page, { cache: 'no-cache' })).then((response) => {
          if (!response.ok) throw new Error(`the page answered ${response.status}`);
          return cache.put(new URL('./', self.registration.scope), response);
        }),
      ]);
      if (first) await self.skipWaiting();
    })(),
  );
});

let filling = null;
/** Caches whatever of CORE and REST this version's cache lacks (after a first visit's short install); one fill at a time. */
function fill() {
  filling ??= fillMissing().finally(() => (filling = null));
  return filling;
}

async function fillMissing() {
  const cache = await caches.open(CACHE);
  const cached = new Set((await cache.keys()).map((request) => request.url));
  const missing = [...CORE, ...REST].filter((path) => path !== './' && !cached.has(new URL(path, self.registration.scope).href));
  // One at a time: a page that is running takes priority on the link.
  for (const path of missing) await cache.add(precacheRequest(path)).catch(() => {});
}

/** The address of an open page of the app (the one that registered this worker), else './'. */
async function pageAddress() {
  const root = new URL('./', self.registration.scope);
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.map((client) => new URL(client.url)).find((url) => url.origin === root.origin && (url.pathname === root.pathname || url.pathname === `${root.pathname}index.html`));
  return open ? open.href.replace(/#.*$/, '') : root.href;
}

/**
 * How a file is fetched for the cache, so that no body crosses the network twice in a visit: a
 * content-hashed asset (assets/…) never changes under its name, so the copy the page already has
 * in the HTTP cache is taken as it is; any other file is revalidated (`no-cache`), so the page's
 * copy comes back as a 304 when unchanged and a new deploy never caches an old file.
 */
function precacheRequest(path) {
  return new Request(new URL(path, self.registration.scope), { cache: path.startsWith('assets/') ? 'default' : 'no-cache' });
}

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith('bar-replay-lab-') && name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

// The page asks a waiting new version to take over when the user accepts the update.
self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
  if (event.data === 'fill') event.waitUntil(fill());
  if (event.data === 'version') event.source?.postMessage({ version: VERSION });
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(serve(request));
});

async function serve(request) {
  const cache = await caches.open(CACHE);
  const navigation = request.mode === 'navigate';
  // A link such as ?config=…&autostart=1 is the same page: match the page without its query.
  let response = await cache.match(request, { ignoreSearch: navigation });
  if (!response) {
    try {
      response = await fetch(request);
    } catch (error) {
      response = navigation ? await cache.match(new URL('./', self.registration.scope)) : undefined;
      if (!response) throw error;
    }
  }
  return isolated(response);
}

function isolated(response) {
  if (response.status === 0) return response; // opaque: headers cannot be changed (never same-origin)
  const headers = new Headers(response.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
