// The app proper, loaded by main.ts once isolation is settled: builds the SystemManager with the
// real workers and mounts the UI. Main thread. A chunk of its own, so that a first visit to a host
// without isolation headers registers its service worker (and reloads) before parsing any of it.

import { mount } from 'svelte';
import { createBrowserSystem } from '../system/browser-system';
import App from './App.svelte';
import type { Isolation } from './isolation';
import { ensureDefined } from '../core/assert';

export function start(isolation: Isolation): void {
  const manager = createBrowserSystem(isolation.isolated, document.baseURI, true);
  manager.prepare();
  const target = ensureDefined(document.getElementById('app'), 'the #app element of index.html');
  // index.html's frame leaves in the same task as the app arrives: no frame is drawn with neither.
  target.replaceChildren();
  mount(App, { target, props: { manager, isolation } });
}
