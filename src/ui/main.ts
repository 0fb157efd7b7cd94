// The page's entry: makes sure of cross-origin isolation (or knows why not), then loads the app
// (start.ts) and starts it. Main thread. Kept small on purpose: on a first visit to a static host
// it only registers the service worker and reloads once; the app's chunk is hinted in index.html
// (shipping/cold-start.ts), so it downloads meanwhile and parses in the background.

import '@fontsource-variable/inter';
import './app.css';
import { prepareIsolation } from './isolation';

// Nothing starts before this: on a first visit to a static host the page reloads once here.
const isolation = await prepareIsolation();
const { start } = await import('./start');
start(isolation);
