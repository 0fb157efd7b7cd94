// The page's handle on the data worker (MarketDataRepository behind Comlink). Runs on the main thread.
// It fetches a SQLite file here — URLs resolve against the page, and the page's preload of the
// bundled data is the page's to use — and hands the response's body to the worker, which reads it
// and opens it with sql.js: the page only relays the body's chunks (small tasks) instead of
// assembling the file in one task (the bytes themselves where a browser cannot transfer streams).

import { transfer, wrap, type Remote } from 'comlink';
import type { ItemColumns } from '../core/item-columns';
import type { BarInterval, StreamKey } from '../core/stream-key';
import type { Hours } from '../core/trading-hours';
import { DataError } from '../data/data-error';
import { loadFailure } from '../data/file-body';
import { lifeLockName, watchLifeLock } from '../core/worker-life';
import type { CatalogEntry, SourceCatalog } from '../core/catalog-entry';
import type { RowAccount } from '../core/row-account';
import type { DataWorkerApi } from '../data/data-worker-api';

/** What the SystemManager needs of a data source: MarketDataClient, or an in-process one in tests. */
export interface MarketDataSource {
  /** Set when the source broke (its worker failed): it must be replaced. */
  readonly failed: string | null;
  /** Opens the SQLite file at `url` (with the imported datasets beside it when `withImported`); its catalog. */
  open(url: string, label: string, withImported?: boolean): Promise<readonly CatalogEntry[]>;
  /** The sources of the last open(), each with what it holds. */
  sources(): Promise<readonly SourceCatalog[]>;
  getBarsBySymbol(symbol: string, interval: BarInterval, from: string, to: string, hours: Hours): Promise<ItemColumns>;
  getItems(key: StreamKey, from: string, to: string, hours: Hours): Promise<ItemColumns>;
  /** Every source row of these streams and dates: replayed, or counted under a reason. */
  account(keys: readonly StreamKey[], from: string, to: string, hours: Hours): Promise<RowAccount>;
  terminate(): void;
}

let streamsTransfer: boolean | undefined;
/** Whether this browser can transfer a ReadableStream to a worker (Chromium, Firefox; not every Safari). */
function canTransferStreams(): boolean {
  if (streamsTransfer === undefined) {
    try {
      const stream = new ReadableStream();
      structuredClone(stream, { transfer: [stream] });
      streamsTransfer = true;
    } catch {
      streamsTransfer = false;
    }
  }
  return streamsTransfer;
}

/** The response's bytes; a body that breaks off is a loadFailure, as in the worker. */
async function bytesOf(response: Response, label: string): Promise<ArrayBuffer> {
  try {
    return await response.arrayBuffer();
  } catch (error) {
    throw loadFailure(label, error);
  }
}

export class MarketDataClient implements MarketDataSource {
  private openUrl: string | null = null;
  private failure: string | null = null;
  private unwatch = () => {};
  /** Ended on purpose: its life lock is no longer watched. */
  private ended = false;

  private constructor(
    private readonly worker: Worker,
    private readonly remote: Remote<DataWorkerApi>,
    onFailure: (message: string) => void,
  ) {
    const fail = (message: string) => {
      if (this.failure) return;
      this.failure = message;
      onFailure(message);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      fail(`the data worker failed: ${event.message || 'it could not be loaded'}`);
    };
    // A worker that ends without an error (closed, killed, crashed) releases its lock: say so.
    const lock = lifeLockName('data');
    void remote.holdLife(lock).then(() => {
      if (!this.ended) this.unwatch = watchLifeLock(lock, () => fail('the data worker stopped unexpectedly (it was ended or it crashed)'));
    });
  }

  /** `onFailure` hears when the worker itself breaks: calls in flight will then never settle. */
  static create(onFailure: (message: string) => void): MarketDataClient {
    const worker = new Worker(new URL('../data/data-worker.ts', import.meta.url), { type: 'module', name: 'data' });
    return new MarketDataClient(worker, wrap<DataWorkerApi>(worker), onFailure);
  }

  get failed(): string | null {
    return this.failure;
  }

  /**
   * Opens the SQLite file at `url` (absolute) unless it is already open; returns its catalog, with
   * the imported datasets' (read afresh) when `withImported`.
   */
  async open(url: string, label: string, withImported = false): Promise<readonly CatalogEntry[]> {
    if (this.openUrl !== url) await this.load(url, label);
    return this.remote.catalog(withImported);
  }

  sources(): Promise<readonly SourceCatalog[]> {
    return this.remote.sources();
  }

  private async load(url: string, label: string): Promise<void> {
    let response: Response;
    try {
      response = await fetch(url);
    } catch (error) {
      throw loadFailure(label, error);
    }
    if (!response.ok) throw new DataError(`could not load ${label}: the server answered ${response.status} ${response.statusText}`.trim());
    if (response.headers.get('content-type')?.includes('text/html')) {
      throw new DataError(`could not load ${label}: the server answered with a web page, not the file (is the path right?)`);
    }
    this.openUrl = null;
    const body = response.body;
    // The body, not its bytes: assembling the file on the main thread cost a phone a task of its
    // own in the page's first second; the worker reads it instead.
    const file = body && canTransferStreams() ? body : await bytesOf(response, label);
    await this.remote.open(transfer(file, [file]), label);
    this.openUrl = url;
  }

  getBarsBySymbol(symbol: string, interval: BarInterval, from: string, to: string, hours: Hours): Promise<ItemColumns> {
    return this.remote.getBarsBySymbol(symbol, interval, from, to, hours);
  }

  getItems(key: StreamKey, from: string, to: string, hours: Hours): Promise<ItemColumns> {
    return this.remote.getItems(key, from, to, hours);
  }

  account(keys: readonly StreamKey[], from: string, to: string, hours: Hours): Promise<RowAccount> {
    return this.remote.account(keys, from, to, hours);
  }

  terminate(): void {
    this.ended = true;
    this.unwatch();
    this.worker.terminate();
  }
}
