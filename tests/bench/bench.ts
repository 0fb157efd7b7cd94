// Benchmark page (main thread): starts the benchmark worker and the gate latency lab, and hands
// the results to scripts/bench.ts through window.bench. Not part of the app.
import { wrap } from 'comlink';
import { median, p99 } from '../../src/core/stats';
import { measureGateLatency } from '../../src/system/gate-latency-lab';
import { FIXED, NO_FLAWS, type Experiment } from '../../src/core/flaws';
import { SystemState } from '../../src/core/system-state';
import { createBrowserSystem } from '../../src/system/browser-system';
import type { SystemManager } from '../../src/system/system-manager';
import { syntheticDays } from '../../src/data/synthetic-bars';
import type { BenchWorkerApi } from './bench-worker';

const worker = wrap<BenchWorkerApi>(new Worker(new URL('./bench-worker.ts', import.meta.url), { type: 'module' }));
// The app's SystemManager on the real workers; the app's data is two levels up.
const manager: SystemManager = createBrowserSystem(true, new URL('../..', location.href).href);
const now = () => performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves when `test` holds for the manager's snapshot (checked on every change). */
function until(test: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (test()) return resolve();
    const off = manager.subscribe(() => {
      if (test()) {
        off();
        resolve();
      }
    });
  });
}

const bench = {
  isolated: () => crossOriginIsolated,
  merge: (streams: number, bars: number) => worker.merge(streams, bars),
  setup: (symbols: number, days: number) => worker.setup(symbols, days),
  /**
   * Pause latency mid-gap at 60x: SPY's one-minute bars are a second apart, and each pause lands
   * at a random point of a gap; from pause() to the coordinator confirming that it holds. The
   * baseline is the note's uninterruptible sleep (the teaching flaw), which waits the gap out.
   */
  async pauseLatency(trials: number) {
    const measure = async (experiment: Experiment) => {
      const times: number[] = [];
      await manager.start({ configName: 'spy-aig-bac-ibm-2013-10-07', overrides: { symbols: 'SPY', speed: 60 }, autostart: false }, experiment);
      await until(() => manager.snapshot().emitted > 0);
      for (let i = 0; i < trials; i++) {
        await sleep(100 + Math.random() * 800);
        const t = now();
        await manager.pause();
        times.push(now() - t);
        manager.resume();
      }
      await manager.stop();
      return { p50: median(times), p99: p99(times), max: Math.max(...times) };
    };
    const fixed = await measure(FIXED);
    const sleeping = await measure({ flaws: { ...NO_FLAWS, uninterruptibleSleep: true }, scenario: {} });
    return { fixed, sleeping };
  },
  /**
   * End to end at max speed: 1M synthetic bars (4 symbols) from a SQLite file through the data
   * worker, the coordinator and the batches into SessionData; bars a second from the gate
   * opening to the last bar in SessionData.
   */
  async endToEnd(symbols: number, days: number) {
    const bytes = await worker.columnarFile(symbols, days);
    const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>]));
    const dayList = syntheticDays(days);
    const list = Array.from({ length: symbols }, (_, i) => `S${String(i).padStart(4, '0')}`).join(',');
    const setupStarted = now();
    const started = await manager.start({ overrides: { symbols: list, from: dayList[0], to: dayList.at(-1)!, speed: 'max' }, dbUrl: url, autostart: false });
    if (!started) throw new Error(manager.snapshot().error ?? 'the replay did not start');
    const gateOpened = now();
    await until(() => manager.snapshot().runComplete || manager.snapshot().state === SystemState.STOPPED);
    const ended = now();
    const snap = manager.snapshot();
    URL.revokeObjectURL(url);
    if (!snap.runComplete) throw new Error(snap.error ?? 'the run did not complete');
    return { bars: snap.emitted, setupMs: gateOpened - setupStarted, runMs: ended - gateOpened, barsPerSec: snap.emitted / ((ended - gateOpened) / 1000) };
  },
  async gate(trials: number) {
    const r = await measureGateLatency(['poll', 'message', 'atomics'], trials, 7, () => {});
    return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, { p50: median(v), p99: p99(v) }]));
  },
};

declare global {
  interface Window {
    bench: typeof bench;
  }
}
window.bench = bench;
