// The page's entry: makes sure of cross-origin isolation (or knows why not), builds the
// SystemManager with the real workers, and mounts the UI. Main thread.

import '@fontsource-variable/inter';
import { mount } from 'svelte';
import { createBrowserSystem } from '../system/browser-system';
import App from './App.svelte';
import './app.css';
import { prepareIsolation } from './isolation';
import { ensureDefined } from '../core/assert';

// Nothing starts before this: on a first visit to a static host the page reloads once here.
const isolation = await prepareIsolation();

const manager = createBrowserSystem(isolation.isolated, document.baseURI, true);

mount(App, { target: ensureDefined(document.getElementById('app'), 'the #app element of index.html'), props: { manager, isolation } });
