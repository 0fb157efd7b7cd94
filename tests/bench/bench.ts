// Benchmark page (main thread): starts the benchmark worker and the gate latency lab, and hands
// the results to scripts/bench.ts through window.bench. Not part of the app.
import { wrap } from 'comlink';
import { median, p99 } from '../../src/core/stats';
import { measureGateLatency } from '../../src/worker/gate-latency-lab';
import type { BenchWorkerApi } from './bench-worker';

const worker = wrap<BenchWorkerApi>(new Worker(new URL('./bench-worker.ts', import.meta.url), { type: 'module' }));

const bench = {
  isolated: () => crossOriginIsolated,
  merge: (streams: number, bars: number) => worker.merge(streams, bars),
  setup: (symbols: number, days: number) => worker.setup(symbols, days),
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
