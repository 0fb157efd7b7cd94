// The data worker: hosts the MarketDataRepository (sql.js) off the main thread. Module worker,
// created by the page's DataManager and called through DataWorkerApi (Comlink).

import { expose, transfer } from 'comlink';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm.wasm?url';
import { columnBuffers } from '../core/item-columns';
import type { DataWorkerApi } from './data-worker-api';
import { DataError } from './data-error';
import { MarketDataRepository } from './market-data-repository';

let sqlJs: Promise<SqlJsStatic> | null = null;
let repository: MarketDataRepository | null = null;

const api: DataWorkerApi = {
  async open(bytes, label) {
    sqlJs ??= initSqlJs({ locateFile: () => wasmUrl });
    const next = MarketDataRepository.open(await sqlJs, new Uint8Array(bytes), label);
    repository?.close();
    repository = next;
    return next.catalog();
  },
  async getBarsBySymbol(symbol, interval, from, to, hours) {
    if (!repository) throw new DataError('no data file is open');
    const columns = repository.getBarsBySymbol(symbol, interval, from, to, hours);
    return transfer(columns, columnBuffers(columns));
  },
  async getItems(key, from, to, hours) {
    if (!repository) throw new DataError('no data file is open');
    const columns = repository.getItems(key, from, to, hours);
    return transfer(columns, columnBuffers(columns));
  },
};

expose(api);
