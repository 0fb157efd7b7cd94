// The data worker's boundary: the one typed interface the page calls through Comlink's wrap().
// Types only; data-worker.ts implements it with expose(). Errors cross as DataError messages.

import type { ItemColumns } from '../core/item-columns';
import type { BarInterval, StreamKey } from '../core/stream-key';
import type { Hours } from '../core/trading-hours';
import type { CatalogEntry } from './market-data-repository';

export interface DataWorkerApi {
  /**
   * Opens a SQLite file (its bytes, transferred) as the current repository and returns what it
   * holds. `label` names the file in error messages.
   */
  open(bytes: ArrayBuffer, label: string): Promise<readonly CatalogEntry[]>;
  /** MarketDataRepository.getBarsBySymbol on the current repository; the columns are transferred. */
  getBarsBySymbol(symbol: string, interval: BarInterval, from: string, to: string, hours: Hours): Promise<ItemColumns>;
  /** MarketDataRepository.getItems (quote bars, quote updates, trade prints); transferred. */
  getItems(key: StreamKey, from: string, to: string, hours: Hours): Promise<ItemColumns>;
}
