// The run record: what a run was (config, experiment, gate), what it did (counts, timings) and
// the SHA-256 of its run export, so anyone can check a run outside the page: download both, and
// `sha256sum bar-replay-….csv` must print `output.sha256`. Kept in the run history (IndexedDB)
// and downloadable as JSON beside the CSV. Main thread; the hash is computed in export-worker.ts.

import type { RunRecord } from '../data/dataset-store';
import { SystemState } from '../core/system-state';
import { columnBuffers } from '../core/item-columns';
import type { ExportSource } from '../core/run-export';
import type { TradesRecord } from '../core/trades-export';
import type { SessionData } from './session-data';
import type { SystemSnapshot } from './system-snapshot';

/**
 * SHA-256 of SessionData's run export so far, formatted and hashed in a worker. The columns are
 * copied for it one at a time, a task each, so a run of millions of items never holds the page
 * for long; the emission order is copied first, since a new run reuses that array.
 */
export async function hashRunExport(sessionData: SessionData): Promise<string> {
  const views = sessionData.exportSource();
  const order = views.order.slice();
  const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
  const streams: ExportSource['streams'][number][] = [];
  for (const s of views.streams) {
    const copy = async (a: Float64Array) => {
      await nextTask();
      return a.slice();
    };
    const tsStart = await copy(s.tsStart);
    const tsEmit = await copy(s.tsEmit);
    const fields: Float64Array[] = [];
    for (const f of s.fields) fields.push(await copy(f));
    streams.push({ key: s.key, tsStart, tsEmit, fields });
  }
  const source: ExportSource = { streams, order };
  const buffers = [order.buffer, ...streams.flatMap((s) => columnBuffers({ tsStart: s.tsStart, tsEmit: s.tsEmit, fields: [...s.fields] }))];
  const worker = new Worker(new URL('./export-worker.ts', import.meta.url), { type: 'module', name: 'export' });
  return new Promise<string>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<{ sha256: string }>) => resolve(event.data.sha256);
    worker.onerror = (event) => {
      event.preventDefault();
      reject(new Error(`the export worker failed: ${event.message}`));
    };
    worker.postMessage(source, buffers);
  }).finally(() => worker.terminate());
}

/** The export's file name, from the config's name. */
export function exportFileName(snap: SystemSnapshot, extension: 'csv' | 'json', kind: 'run' | 'trades' = 'run'): string {
  const name = (snap.config?.name ?? 'run').replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-|-$/g, '');
  return `bar-replay-${name}${kind === 'trades' ? '.trades' : extension === 'json' ? '.run' : ''}.${extension}`;
}

function outcome(snap: SystemSnapshot): RunRecord['outcome'] {
  if (snap.runComplete) return 'complete';
  if (snap.error) return 'error';
  if (snap.state === SystemState.RUNNING) return 'running';
  if (snap.state === SystemState.PAUSED) return 'paused';
  return 'stopped';
}

/**
 * The record of the run in `snap` (ended or not), with `sha256` its run export's hash so far, and
 * its paper trades when any were made (an addition: a run without trades records as before).
 */
export function buildRunRecord(snap: SystemSnapshot, query: string, sha256: string, trades?: TradesRecord): RunRecord {
  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
  const expected = snap.streams.reduce((n, s) => n + s.expected, 0);
  return {
    format: 'bar-replay-lab/run@1',
    query,
    config: snap.config,
    experiment: snap.experiment,
    gate: snap.gateKind,
    startedAt: iso(snap.setupStartedAt),
    gateOpenedAt: iso(snap.wallStartedAt),
    endedAt: iso(snap.endedAt),
    outcome: outcome(snap),
    error: snap.error,
    counts: {
      emitted: snap.emitted,
      expected,
      streams: snap.streams.map((s) => ({ stream: `${s.type} ${s.symbol} ${s.interval}`, emitted: s.emitted, expected: s.expected })),
    },
    timings: {
      setupMs: snap.setupStartedAt !== null && snap.wallStartedAt !== null ? snap.wallStartedAt - snap.setupStartedAt : null,
      gateOpenLatencyMs: snap.gateOpenLatencyMs,
      runMs: snap.wallStartedAt !== null && snap.endedAt !== null ? snap.endedAt - snap.wallStartedAt : null,
    },
    output: { file: exportFileName(snap, 'csv'), rows: snap.emitted, sha256 },
    ...(snap.input ? { input: snap.input } : {}),
    ...(trades && trades.rows > 0 ? { trades } : {}),
  };
}
