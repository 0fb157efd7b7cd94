// Browser harness for the control fuzz: the SystemManager the app builds (real coordinator and
// data workers; the Atomics gate when the page is isolated, else the fallback), driven by the
// seeded driver of src/testing/control-fuzz.ts. Playwright calls window.fuzz.run().

import { createBrowserSystem } from '../../src/system/browser-system';
import { runControlFuzz, type FuzzResult } from '../../src/testing/control-fuzz';

// The app's data lives at the site root, two levels above this page. With ?draws the manager keeps
// the frame budget the app keeps (acknowledgements held past a frame's deadline).
const draws = new URLSearchParams(location.search).has('draws');
const manager = createBrowserSystem(crossOriginIsolated, new URL('../..', location.href).href, draws);

declare global {
  interface Window {
    fuzz: { gate: string; run(seed: number, ops: number): Promise<FuzzResult> };
  }
}

window.fuzz = { gate: manager.gateKind, run: (seed, ops) => runControlFuzz(manager, seed, ops) };
