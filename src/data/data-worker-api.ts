// The data worker's boundary: the one typed interface the page calls through Comlink's wrap().
// Types only, so both threads import it: MarketDataClient (main thread) wraps it, data-worker.ts
// (the data worker) implements it with expose(). Imports core only. Errors cross as DataError
// messages.

import type { ItemColumns } from '../core/item-columns';
import type { BarInterval, StreamKey } from '../core/stream-key';
import type { Hours } from '../core/trading-hours';
import type { CatalogEntry, SourceCatalog } from '../core/catalog-entry';
import type { RowAccount } from '../core/row-account';

// The wire types travel with the protocol; they are defined in core so that this file imports nothing else.
export type { CatalogEntry, SourceCatalog };

export interface DataWorkerApi {
  /** Takes the worker's life lock (core/worker-life.ts); resolves once it is held. */
  holdLife(lock: string): Promise<void>;
  /**
   * Opens a SQLite file as the current file: its bytes, transferred, or — where the browser can
   * transfer streams — the response's body, which this worker reads (the page only relays its
   * chunks). `label` names it in error messages. Then call catalog().
   */
  open(file: ArrayBuffer | ReadableStream<Uint8Array>, label: string): Promise<void>;
  /**
   * What can be replayed: the current file's streams, and with `withImported` the imported
   * datasets' too (read afresh from IndexedDB, so an import or a delete shows at once).
   */
  catalog(withImported: boolean): Promise<readonly CatalogEntry[]>;
  /** The sources of the last catalog(), each with what it holds. */
  sources(): Promise<readonly SourceCatalog[]>;
  /** MarketDataRepository.getBarsBySymbol over the sources; the columns are transferred. */
  getBarsBySymbol(symbol: string, interval: BarInterval, from: string, to: string, hours: Hours): Promise<ItemColumns>;
  /** MarketDataRepository.getItems (quote bars, quote updates, trade prints); transferred. */
  getItems(key: StreamKey, from: string, to: string, hours: Hours): Promise<ItemColumns>;
  /** Every source row of these streams from `from` to `to`: replayed, or counted under a reason (CombinedRepository.account). */
  account(keys: readonly StreamKey[], from: string, to: string, hours: Hours): Promise<RowAccount>;
}
