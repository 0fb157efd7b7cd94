// What the lab keeps in the browser: imported datasets (in the bundled file's day-chunk layout),
// saved replay configs and run history, in one IndexedDB database through idb. Any thread: the
// import worker writes datasets, the data worker reads their chunks, the page (main thread) lists
// and deletes them and keeps configs and runs.
//
// Each change is one transaction, so a failure (a full disk, a closed tab) leaves nothing half
// written. The schema is versioned: add a store or an index in a new `if (oldVersion < N)` step
// of upgrade(), never by editing an earlier one.

import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Experiment } from '../core/flaws';
import type { DatasetMeta } from '../core/import-types';
import type { RowAccount } from '../core/row-account';
import type { Interval } from '../core/stream-key';
import type { TradesRecord } from '../core/trades-export';
import { DataError } from './data-error';
import type { ChunkKind, DayChunk } from './import-validator';
import { storedEntries, withMarkets } from './stream-catalog';

export type { DatasetMeta };

export const DB_NAME = 'bar-replay-lab';
export const DB_VERSION = 1;
/** Run history keeps the latest runs only. */
export const MAX_RUNS = 200;

export interface StoredChunk extends DayChunk {
  readonly dataset: string;
}

/** A replay config saved by name: the URL query of the replay panel (the stable parameters). */
export interface SavedConfig {
  readonly name: string;
  readonly query: string;
  readonly savedAt: number;
}

/** One run, as the page saw it end: enough to check it again outside the page. */
export interface RunRecord {
  readonly id?: number;
  readonly format: 'bar-replay-lab/run@1';
  readonly query: string;
  readonly config: unknown;
  /** The flaws and scenario of a teaching experiment, or null for the fixed engine. */
  readonly experiment: Experiment | null;
  readonly gate: string;
  /** ISO times: start() called, the gate opened, the run ended (null while it runs). */
  readonly startedAt: string | null;
  readonly gateOpenedAt: string | null;
  readonly endedAt: string | null;
  readonly outcome: 'complete' | 'stopped' | 'error' | 'running' | 'paused';
  readonly error: string | null;
  readonly counts: { readonly emitted: number; readonly expected: number; readonly streams: readonly { readonly stream: string; readonly emitted: number; readonly expected: number }[] };
  readonly timings: { readonly setupMs: number | null; readonly gateOpenLatencyMs: number | null; readonly runMs: number | null };
  readonly output: { readonly file: string; readonly rows: number; readonly sha256: string };
  /** Added by issue 15: every source row in the replay's symbols and dates, replayed or counted under a reason (absent: live, or not set up). */
  readonly input?: RowAccount;
  /** Paper trading (issue 17, an addition): the fills and the hash of `export-trades`. */
  readonly trades?: TradesRecord;
}

interface LabSchema extends DBSchema {
  datasets: { key: string; value: DatasetMeta };
  /** Keyed [dataset, kind, symbol, interval, day]: one dataset's days of one stream are one key range. */
  chunks: { key: [string, ChunkKind, string, Interval, string]; value: StoredChunk };
  configs: { key: string; value: SavedConfig };
  runs: { key: number; value: RunRecord };
}

export type LabDb = IDBPDatabase<LabSchema>;

let opening: Promise<LabDb> | null = null;

/** The lab's database, opened (and upgraded) once per thread. */
export function openLabDb(): Promise<LabDb> {
  if (typeof indexedDB === 'undefined') return Promise.reject(new DataError('this browser offers no IndexedDB, so imported data cannot be kept'));
  opening ??= openDB<LabSchema>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('datasets', { keyPath: 'id' });
        db.createObjectStore('chunks', { keyPath: ['dataset', 'kind', 'symbol', 'interval', 'day'] });
        db.createObjectStore('configs', { keyPath: 'name' });
        db.createObjectStore('runs', { keyPath: 'id', autoIncrement: true });
      }
    },
    // Another tab wants a newer version: let it upgrade, and open afresh next time.
    blocking(_current, _next, event) {
      (event.target as IDBDatabase).close();
      opening = null;
    },
    terminated() {
      opening = null;
    },
  }).catch((error: Error) => {
    opening = null;
    throw new DataError(`the browser's storage could not be opened: ${error.message}`);
  });
  return opening;
}

/** A storage failure as a message a person can act on (a full disk is the common one). */
export function storageError(error: unknown, action: string): DataError {
  const e = error as DOMException | null;
  if (e?.name === 'QuotaExceededError') {
    return new DataError(`the browser's storage for this page is full, so ${action} failed (QuotaExceededError). Delete a dataset or free disk space and try again; nothing was stored.`);
  }
  return new DataError(`${action} failed: ${e?.message ?? String(error)}`);
}

function chunkBytes(chunk: DayChunk): number {
  return chunk.ts.byteLength + chunk.values.reduce((n, v) => n + v.byteLength, 0);
}

/** Stores a dataset and all its chunks in one transaction: all of it, or (on any failure) none. */
export async function saveDataset(db: LabDb, meta: Omit<DatasetMeta, 'storedBytes' | 'entries'>, chunks: readonly DayChunk[]): Promise<DatasetMeta> {
  const full: DatasetMeta = { ...meta, storedBytes: chunks.reduce((n, c) => n + chunkBytes(c), 0), entries: withMarkets(storedEntries(chunks), (symbol) => meta.markets?.[symbol]) };
  const tx = db.transaction(['datasets', 'chunks'], 'readwrite');
  try {
    const writes: Promise<unknown>[] = [tx.objectStore('datasets').add(full)];
    for (const chunk of chunks) writes.push(tx.objectStore('chunks').add({ ...chunk, dataset: meta.id }));
    await Promise.all([...writes, tx.done]);
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // already aborted by the failure
    }
    throw storageError(tx.error ?? error, `storing ${meta.name}`);
  }
  return full;
}

export async function listDatasets(db: LabDb): Promise<DatasetMeta[]> {
  return (await db.getAll('datasets')).sort((a, b) => a.importedAt - b.importedAt);
}

/** Deletes a dataset and its chunks in one transaction. */
export async function deleteDataset(db: LabDb, id: string): Promise<void> {
  const tx = db.transaction(['datasets', 'chunks'], 'readwrite');
  await Promise.all([tx.objectStore('datasets').delete(id), tx.objectStore('chunks').delete(IDBKeyRange.bound([id], [id, []])), tx.done]);
}

/** One stream's chunks of a dataset from `from` to `to` (New York days, inclusive), by day. */
export function readChunks(db: LabDb, dataset: string, kind: ChunkKind, symbol: string, interval: Interval, from: string, to: string): Promise<StoredChunk[]> {
  return db.getAll('chunks', IDBKeyRange.bound([dataset, kind, symbol, interval, from], [dataset, kind, symbol, interval, to]));
}

export function datasetChunks(db: LabDb, dataset: string): Promise<StoredChunk[]> {
  return db.getAll('chunks', IDBKeyRange.bound([dataset], [dataset, []]));
}

export async function saveConfig(db: LabDb, config: SavedConfig): Promise<void> {
  await db.put('configs', config).catch((error) => {
    throw storageError(error, `saving config "${config.name}"`);
  });
}

export async function listConfigs(db: LabDb): Promise<SavedConfig[]> {
  return (await db.getAll('configs')).sort((a, b) => a.name.localeCompare(b.name));
}

export async function deleteConfig(db: LabDb, name: string): Promise<void> {
  await db.delete('configs', name);
}

/** Adds a run to the history, dropping the oldest beyond MAX_RUNS, in one transaction. */
export async function addRun(db: LabDb, record: RunRecord): Promise<number> {
  const tx = db.transaction('runs', 'readwrite');
  try {
    const id = await tx.store.add(record);
    const keys = await tx.store.getAllKeys();
    for (const key of keys.slice(0, Math.max(0, keys.length - MAX_RUNS))) await tx.store.delete(key);
    await tx.done;
    return id;
  } catch (error) {
    throw storageError(tx.error ?? error, 'saving the run to the history');
  }
}

/** Newest first. */
export async function listRuns(db: LabDb): Promise<RunRecord[]> {
  return (await db.getAll('runs')).reverse();
}

export async function clearRuns(db: LabDb): Promise<void> {
  await db.clear('runs');
}
