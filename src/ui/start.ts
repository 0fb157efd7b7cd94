// The app proper, loaded by main.ts once isolation is settled: builds the SystemManager with the
// real workers and mounts the UI. Main thread. A chunk of its own, so that a first visit to a host
// without isolation headers registers its service worker (and reloads) before parsing any of it.

import { mount } from 'svelte';
import { createBrowserSystem } from '../system/browser-system';
import App from './App.svelte';
import type { Isolation } from './isolation';
import { ensureDefined } from '../core/assert';

/**
 * Lets the browser draw and take input before going on: evaluating this chunk, starting the
 * workers and mounting the app are tasks of their own, not one long task (a phone's first visit).
 */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function start(isolation: Isolation): Promise<void> {
  await nextTask();
  const manager = createBrowserSystem(isolation.isolated, document.baseURI, true);
  manager.prepare();
  await nextTask();
  const target = ensureDefined(document.getElementById('app'), 'the #app element of index.html');
  // index.html's frame leaves in the same task as the app arrives: no frame is drawn with neither.
  target.replaceChildren();
  mount(App, { target, props: { manager, isolation } });
}
