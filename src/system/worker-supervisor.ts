// WorkerSupervisor: the two workers behind the SystemManager — the coordinator (created on the
// first start, kept across runs) and the data worker (created on first use, replaced after it has
// failed) — and which database file a replay reads. Main thread; owned by the SystemManager.

import type { CatalogEntry } from '../core/catalog-entry';
import type { MarketDataSource } from './market-data-client';
import type { CoordinatorEvent } from '../worker/coordinator-api';
import type { CoordinatorClientOptions, CoordinatorHandle } from './coordinator-client';
import { abortable } from './abortable';
import { REPLAY_FILE } from '../data/storage-layout';

/** The bundled data's name in messages and the catalog (the file with both layouts, offered for download). */
export const BUNDLED_DB = 'data/bars.sqlite';
/** What the page downloads of it: the columnar tables alone, gzipped (storage-layout.ts). */
const BUNDLED_DOWNLOAD = `data/${REPLAY_FILE}`;

/** How to make the workers: the real ones in the page, in-process ones in Node tests. */
export interface WorkerFactories {
  /** The page's base URL (document.baseURI): bundled files resolve against it. */
  readonly baseUrl: string;
  /** Cross-origin isolated: use the SharedArrayBuffer gate. */
  readonly shared: boolean;
  readonly createCoordinator: (options: CoordinatorClientOptions) => Promise<CoordinatorHandle>;
  readonly createData: (onFailure: (message: string) => void) => MarketDataSource;
}

export class WorkerSupervisor {
  private coordinatorHandle: CoordinatorHandle | null = null;
  private creating: Promise<CoordinatorHandle> | null = null;
  /** Bumped when the coordinator is let go: a creation begun before it is not adopted. */
  private generation = 0;
  private data: MarketDataSource | null = null;

  constructor(
    private readonly factories: WorkerFactories,
    private readonly onEvent: (event: CoordinatorEvent) => void,
    /** Either worker failed (a failed data worker has been let go already): the run must end. */
    private readonly onFailure: (message: string) => void,
  ) {}

  get coordinator(): CoordinatorHandle | null {
    return this.coordinatorHandle;
  }

  /** The coordinator, created on first use; callers that ask while it is being created share that one. */
  async ensureCoordinator(signal: AbortSignal): Promise<CoordinatorHandle> {
    if (this.coordinatorHandle) return this.coordinatorHandle;
    if (!this.creating) {
      const generation = this.generation;
      const creating = this.factories
        .createCoordinator({ shared: this.factories.shared, onEvent: this.onEvent, onFailure: this.onFailure })
        .then((handle) => {
          // The worker failed while it was being created (dropCoordinator ran): it is not adopted.
          if (generation !== this.generation) {
            handle.terminate();
            throw new Error('the coordinator worker failed while it started');
          }
          return (this.coordinatorHandle = handle);
        })
        .finally(() => {
          if (generation === this.generation) this.creating = null;
        });
      creating.catch(() => {}); // each caller sees the failure through abortable(); none is left unhandled
      this.creating = creating;
    }
    return abortable(this.creating, signal);
  }

  /** Opens the bundled file with the imported datasets, or the `dbUrl` file alone; returns its catalog. */
  async open(dbUrl?: string, signal?: AbortSignal): Promise<readonly CatalogEntry[]> {
    const { url, label } = this.dbSource(dbUrl);
    const opening = this.dataSource().open(url, label, dbUrl === undefined);
    return signal ? abortable(opening, signal) : opening;
  }

  /** The data worker, replaced when it has failed. */
  dataSource(): MarketDataSource {
    if (this.data?.failed) {
      this.data.terminate();
      this.data = null;
    }
    return (this.data ??= this.createData());
  }

  /** Ends the coordinator now (it failed, or a run must not wait for it). */
  dropCoordinator(): void {
    this.coordinatorHandle?.terminate();
    this.coordinatorHandle = null;
    // A creation under way belongs to the failed worker (a worker whose script failed to load never
    // answers init): the next start creates a new one instead of waiting on it forever.
    this.generation++;
    this.creating = null;
  }

  /** Ends both workers, the coordinator politely. */
  async shutdown(): Promise<void> {
    await this.coordinatorHandle?.shutdown();
    this.coordinatorHandle = null;
    this.data?.terminate();
    this.data = null;
  }

  private createData(): MarketDataSource {
    const data = this.factories.createData((message) => {
      if (this.data === data) this.data = null;
      data.terminate();
      this.onFailure(message);
    });
    return data;
  }

  private dbSource(dbUrl?: string): { url: string; label: string } {
    return dbUrl ? { url: dbUrl, label: `db file ${new URL(dbUrl).pathname}` } : { url: new URL(BUNDLED_DOWNLOAD, this.factories.baseUrl).href, label: BUNDLED_DB };
  }
}
