// Benchmark worker: merge throughput against the design note's linear scan of stream heads, and
// setup from storage (the columnar layout against a row-by-row step() read of the same bars).
// Module worker; the figures are measured here, where the coordinator runs.
import { expose, transfer } from 'comlink';
import initSqlJs from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm.wasm?url';
import { allocateColumns } from '../../src/core/item-columns';
import { seededRandom } from '../../src/core/stats';
import { StreamType } from '../../src/core/stream-key';
import { MergeStatus, StreamMerger } from '../../src/core/stream-merger';
import { MarketDataRepository } from '../../src/data/market-data-repository';
import { COLUMNAR_SCHEMA, INTERCHANGE_SCHEMA } from '../../src/data/storage-layout';
import { syntheticDays, syntheticSymbol, writeSyntheticBars } from '../../src/data/synthetic-bars';

/** `streams` queues with `bars` items in all, emit times seeded-random-increasing per stream. */
function queues(streams: number, bars: number) {
  const random = seededRandom(42);
  const per = Math.floor(bars / streams);
  return Array.from({ length: streams }, () => {
    const c = allocateColumns(per, 5);
    let t = 1_381_152_600_000;
    for (let i = 0; i < per; i++) {
      t += 1 + Math.floor(random() * 120_000);
      c.tsStart[i] = t;
      c.tsEmit[i] = t + 60_000;
    }
    return c;
  });
}

/** The app's StreamMerger (window by window, merge-window.ts) draining the same queues. */
function streamMerge(streams: number, bars: number) {
  const merger = new StreamMerger();
  const data = queues(streams, bars);
  data.forEach((c, i) => {
    const slot = merger.register({ type: StreamType.BAR, symbol: `S${i}`, interval: '1m' });
    merger.feed(slot, c);
    merger.finish(slot);
  });
  // Bytes held per queued bar: the columns themselves (7 Float64 each).
  const bytes = data.reduce((n, c) => n + c.tsStart.byteLength + c.tsEmit.byteLength + c.fields.reduce((m, f) => m + f.byteLength, 0), 0);
  const total = data.reduce((n, c) => n + c.tsStart.length, 0);
  const started = performance.now();
  let n = 0;
  while (merger.peek() === MergeStatus.READY) {
    merger.take();
    n++;
  }
  return { n, ms: performance.now() - started, bytesPerBar: bytes / total };
}

/** The note's find_oldest_pending_item: scan every stream head for the oldest, same key, each time. */
function scanMerge(streams: number, bars: number) {
  const data = queues(streams, bars);
  const heads = new Int32Array(streams);
  const started = performance.now();
  let n = 0;
  for (;;) {
    let best = -1;
    let bestEmit = Infinity;
    for (let s = 0; s < streams; s++) {
      const c = data[s];
      if (heads[s] < c.tsEmit.length) {
        const e = c.tsEmit[heads[s]];
        if (e < bestEmit) {
          bestEmit = e;
          best = s;
        }
      }
    }
    if (best < 0) break;
    heads[best]++;
    n++;
  }
  return { n, ms: performance.now() - started };
}

const api = {
  /** A SQLite file of synthetic bars in the columnar layout only (the app's own storage layout). */
  async columnarFile(symbols: number, days: number) {
    const SQL = await initSqlJs({ locateFile: () => wasmUrl });
    const db = new SQL.Database();
    db.exec(COLUMNAR_SCHEMA);
    writeSyntheticBars(db, symbols, days, 1, false);
    const bytes = db.export();
    db.close();
    return transfer(bytes, [bytes.buffer]);
  },
  merge(streams: number, bars: number) {
    // Run both once untimed first, so the figure is the merge, not the JIT compiling it.
    streamMerge(streams, bars);
    scanMerge(streams, bars);
    const merged = streamMerge(streams, bars);
    const scan = scanMerge(streams, bars);
    return { streams, bars: merged.n, mergeBarsPerSec: merged.n / (merged.ms / 1000), scanBarsPerSec: scan.n / (scan.ms / 1000), bytesPerBar: merged.bytesPerBar };
  },
  async setup(symbols: number, days: number) {
    const SQL = await initSqlJs({ locateFile: () => wasmUrl });
    const db = new SQL.Database();
    db.exec(INTERCHANGE_SCHEMA + COLUMNAR_SCHEMA);
    const total = writeSyntheticBars(db, symbols, days, 1, true);
    const bytes = db.export();
    db.close();
    const repo = MarketDataRepository.open(SQL, bytes, 'synthetic.sqlite');
    const dayList = syntheticDays(days);
    const started = performance.now();
    let read = 0;
    for (let s = 0; s < symbols; s++) read += repo.getBarsBySymbol(syntheticSymbol(s), '1m', dayList[0], dayList.at(-1)!, 'regular').tsStart.length;
    const columnarMs = performance.now() - started;
    // Baseline: the same bars read row by row with step() into typed arrays.
    const raw = new SQL.Database(bytes);
    const rowStarted = performance.now();
    const statement = raw.prepare('SELECT ts, open, high, low, close, volume FROM bars ORDER BY symbol, ts');
    const out = [0, 1, 2, 3, 4, 5].map(() => new Float64Array(total));
    let i = 0;
    while (statement.step()) {
      const row = statement.get();
      for (let k = 0; k < 6; k++) out[k][i] = row[k] as number;
      i++;
    }
    statement.free();
    const rowMs = performance.now() - rowStarted;
    raw.close();
    repo.close();
    return { bars: read, columnarMs, rowByRowMs: rowMs, rows: i };
  },
};

export type BenchWorkerApi = typeof api;
expose(api);
