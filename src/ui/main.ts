// The page's entry: makes sure of cross-origin isolation (or knows why not), builds the
// SystemManager with the real workers, and mounts the UI. Main thread.

import '@fontsource-variable/inter';
import { mount } from 'svelte';
import { MarketDataClient } from '../data/market-data-client';
import { SystemManager } from '../system/system-manager';
import { CoordinatorClient } from '../worker/coordinator-client';
import App from './App.svelte';
import './app.css';
import { prepareIsolation } from './isolation';

// Nothing starts before this: on a first visit to a static host the page reloads once here.
const isolation = await prepareIsolation();

const manager = new SystemManager({
  baseUrl: document.baseURI,
  // SharedArrayBuffer exists only on cross-origin isolated pages; otherwise the fallback gate.
  shared: isolation.isolated && typeof SharedArrayBuffer === 'function',
  clock: () => performance.timeOrigin + performance.now(),
  fetchText: (url) => fetch(url),
  createCoordinator: (options) => CoordinatorClient.create(options),
  createData: (onFailure) => MarketDataClient.create(onFailure),
});

mount(App, { target: document.getElementById('app')!, props: { manager, isolation } });
