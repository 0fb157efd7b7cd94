// The data worker's entry point; runs in the data worker (a module worker). It hosts the
// repositories off the main thread — the SQLite file (sql.js) and the imported datasets
// (IndexedDB) combined. Created by the page's MarketDataClient, called through DataWorkerApi (Comlink).

import { expose, transfer } from 'comlink';
import type { SqlJsStatic } from 'sql.js';
import { columnBuffers } from '../core/item-columns';
import { holdLifeLock } from '../core/worker-life';
import { CombinedRepository } from './combined-repository';
import type { DataWorkerApi } from './data-worker-api';
import { DataError } from './data-error';
import { listDatasets, openLabDb } from './dataset-store';
import { readBody } from './file-body';
import { inflateIfGzip } from './gzip-file';
import { ImportedDataset } from './imported-dataset';
import { MarketDataRepository } from './market-data-repository';
import { loadSqlJs } from './sql-wasm';

// Started at once, so the wasm downloads while the page is still fetching the data file.
const sqlJs: Promise<SqlJsStatic> = loadSqlJs();
void sqlJs.catch(() => {}); // reported by the open() that needs it
let file: MarketDataRepository | null = null;
let combined: CombinedRepository | null = null;

function current(): CombinedRepository {
  if (!combined) throw new DataError('no data file is open');
  return combined;
}

const api: DataWorkerApi = {
  holdLife: holdLifeLock,
  async open(source, label) {
    const sqlite = await inflateIfGzip(new Uint8Array(source instanceof ArrayBuffer ? source : await readBody(source, label)), label);
    const next = MarketDataRepository.open(await sqlJs, sqlite, label);
    file?.close();
    file = next;
    combined = new CombinedRepository([file]);
  },
  async catalog(withImported) {
    if (!file) throw new DataError('no data file is open');
    const datasets = withImported ? await importedDatasets() : [];
    combined = new CombinedRepository([file, ...datasets]);
    return combined.catalog();
  },
  async sources() {
    return current().bySource();
  },
  async getBarsBySymbol(symbol, interval, from, to, hours) {
    const columns = await current().getBarsBySymbol(symbol, interval, from, to, hours);
    return transfer(columns, columnBuffers(columns));
  },
  async getItems(key, from, to, hours) {
    const columns = await current().getItems(key, from, to, hours);
    return transfer(columns, columnBuffers(columns));
  },
  async account(keys, from, to, hours) {
    return current().account(keys, from, to, hours);
  },
};

/** The imported datasets, or none (with a console note) when the browser's storage is unavailable. */
async function importedDatasets(): Promise<ImportedDataset[]> {
  try {
    const db = await openLabDb();
    return (await listDatasets(db)).map((meta) => new ImportedDataset(db, meta));
  } catch (error) {
    console.warn(`imported datasets are unavailable: ${(error as Error).message}`);
    return [];
  }
}

expose(api);
