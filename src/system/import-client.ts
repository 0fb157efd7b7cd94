// The page's handle on the import worker. Runs on the main thread. Cancelling an import ends the
// worker (a SQLite file is read in one synchronous stretch, so a message could not interrupt it)
// and the next import starts a fresh one; nothing was stored, so nothing is lost.

import { proxy, wrap, type Remote } from 'comlink';
import type { ImportOptions } from '../data/csv-import';
import type { DatasetMeta } from '../data/dataset-store';
import { DataError } from '../data/data-error';
import { lifeLockName, watchLifeLock } from '../core/worker-life';
import type { ExistingData, ImportReport } from '../data/import-validator';
import type { ImportWorkerApi } from '../data/import-worker-api';

export class ImportClient {
  private worker: Worker | null = null;
  private remote: Remote<ImportWorkerApi> | null = null;
  /** Rejects the call in flight when the worker is ended or breaks. */
  private abandon: ((error: Error) => void) | null = null;
  private unwatch = () => {};

  private connect(): Remote<ImportWorkerApi> {
    if (this.remote) return this.remote;
    const worker = new Worker(new URL('../data/import-worker.ts', import.meta.url), { type: 'module', name: 'import' });
    worker.onerror = (event) => {
      event.preventDefault();
      this.end(new DataError(`the import worker failed: ${event.message || 'it could not be loaded'}`));
    };
    this.worker = worker;
    const remote = wrap<ImportWorkerApi>(worker);
    // A worker that ends without an error (closed, killed, crashed) releases its lock: say so.
    const lock = lifeLockName('import');
    void remote.holdLife(lock).then(() => {
      if (this.worker === worker) this.unwatch = watchLifeLock(lock, () => this.end(new DataError('the import worker stopped unexpectedly; nothing was stored')));
    });
    return (this.remote = remote);
  }

  /** Runs one call, rejected at once if the worker is ended (cancel) or fails meanwhile. */
  private call<T>(run: (remote: Remote<ImportWorkerApi>) => Promise<T>): Promise<T> {
    const remote = this.connect();
    return new Promise<T>((resolve, reject) => {
      this.abandon = reject;
      run(remote).then(resolve, reject).finally(() => (this.abandon = null));
    });
  }

  inspect(file: File, options: ImportOptions, existing: ExistingData, onProgress: (fraction: number) => void): Promise<ImportReport> {
    return this.call((r) => r.inspect(file, options, existing, proxy(onProgress)));
  }

  generateStress(symbols: number, days: number, seed: number, existing: ExistingData): Promise<ImportReport> {
    return this.call((r) => r.generateStress(symbols, days, seed, existing));
  }

  commit(): Promise<DatasetMeta> {
    return this.call((r) => r.commit());
  }

  async discard(): Promise<void> {
    if (this.remote) await this.remote.discard();
  }

  exportDataset(id: string): Promise<Uint8Array<ArrayBuffer>> {
    return this.call((r) => r.exportDataset(id));
  }

  /** Stops whatever the worker is doing; the next call starts a new worker. */
  cancel(): void {
    this.end(new DataError('the import was cancelled; nothing was stored'));
  }

  private end(error: Error): void {
    this.unwatch();
    this.worker?.terminate();
    this.worker = null;
    this.remote = null;
    this.abandon?.(error);
    this.abandon = null;
  }
}
