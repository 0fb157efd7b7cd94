// The import worker's boundary (Comlink). Types only, so both threads import it: ImportClient
// (main thread) wraps it, import-worker.ts (the import worker) implements it with expose().

import type { DatasetMeta, ExistingData, ImportOptions, ImportReport } from '../core/import-types';

export interface ImportWorkerApi {
  /** Takes the worker's life lock (core/worker-life.ts); resolves once it is held. */
  holdLife(lock: string): Promise<void>;
  /**
   * Reads and checks a file; keeps its valid rows in the worker (nothing is stored) and returns
   * the report. `existing`: what the lab holds already. Throws when nothing can be read.
   */
  inspect(file: File, options: ImportOptions, existing: ExistingData, onProgress: (fraction: number) => void): Promise<ImportReport>;
  /**
   * Generates the seeded "stress" dataset (src/data/synthetic-bars.ts), checked against what the
   * lab holds, waiting like an inspected file for commit() or discard().
   */
  generateStress(symbols: number, days: number, seed: number, existing: ExistingData): Promise<ImportReport>;
  /** Stores the inspected file's valid rows as a dataset, in one transaction. */
  commit(): Promise<DatasetMeta>;
  /** Forgets the inspected file. */
  discard(): Promise<void>;
  /** A stored dataset as a SQLite file in the interchange schema (transferred). */
  exportDataset(id: string): Promise<Uint8Array<ArrayBuffer>>;
}
