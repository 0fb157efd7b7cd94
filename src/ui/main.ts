// The page's entry: waits for index.html's frame to be on screen, starts the first replay's
// downloads, makes sure of cross-origin isolation (or knows why not), then loads the app
// (start.ts) and starts it. Main thread. Kept small on purpose: on a first visit to a static host
// it only registers the service worker and reloads once; the app's chunk downloads meanwhile.

import '@fontsource-variable/inter';
import './app.css';
import { afterFirstPaint, releaseDeferredHints } from './first-paint';
import { prepareIsolation } from './isolation';

// The frame first, then the app's chunk, workers, wasm and data (first-paint.ts); the service
// worker's precache comes after these, so it finds them in flight or cached, never fetches twice.
await afterFirstPaint();
releaseDeferredHints();
// A task of its own for the service worker's registration (short tasks on a phone's first visit).
await new Promise((resolve) => setTimeout(resolve, 0));
// Nothing starts before this: on a first visit to a static host the page reloads once here.
const isolation = await prepareIsolation();
const { start } = await import('./start');
await start(isolation);
