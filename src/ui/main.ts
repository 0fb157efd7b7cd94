// The page's entry: builds the SystemManager with the real workers and mounts the UI. Main thread.

import { mount } from 'svelte';
import { MarketDataClient } from '../data/market-data-client';
import { SystemManager } from '../system/system-manager';
import { CoordinatorClient } from '../worker/coordinator-client';
import App from './App.svelte';
import '@fontsource-variable/inter';
import './app.css';

const manager = new SystemManager({
  baseUrl: document.baseURI,
  // SharedArrayBuffer exists only on cross-origin isolated pages; otherwise the fallback gate.
  shared: globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function',
  clock: () => performance.timeOrigin + performance.now(),
  fetchText: (url) => fetch(url),
  createCoordinator: (options) => CoordinatorClient.create(options),
  createData: (onFailure) => MarketDataClient.create(onFailure),
});

mount(App, { target: document.getElementById('app')!, props: { manager } });
