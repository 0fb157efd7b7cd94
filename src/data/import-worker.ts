// The import worker: reads a person's file (CSV through Papa Parse, or SQLite through sql.js),
// checks every row, and on request stores the valid rows in IndexedDB — all off the main thread,
// so a 50 MB file never freezes the page. Runs in the import worker (a module worker, this is its
// entry point); the page talks to it through ImportClient.

import { expose, transfer } from 'comlink';
import type { SqlJsStatic } from 'sql.js';
import { DataError } from './data-error';
import { holdLifeLock } from '../core/worker-life';
import { exportInterchange } from './dataset-export';
import { datasetChunks, listDatasets, openLabDb, saveDataset } from './dataset-store';
import { inspectFile } from './import-file';
import { type DayChunk, type ImportReport } from './import-validator';
import { reportGenerated } from './generated-report';
import { STRESS_LIMITS, syntheticChunks } from './synthetic-bars';
import type { ImportWorkerApi } from './import-worker-api';
import { loadSqlJs as startSqlJs } from './sql-wasm';

let sqlJs: Promise<SqlJsStatic> | null = null;
const loadSqlJs = () => (sqlJs ??= startSqlJs());

/** The last inspected file, waiting for the person's choice. */
let pending: { report: ImportReport; chunks: DayChunk[] } | null = null;

const api: ImportWorkerApi = {
  holdLife: holdLifeLock,
  async inspect(file, options, existing, onProgress) {
    pending = null;
    pending = await inspectFile(loadSqlJs, { name: file.name, file }, options, existing, { onProgress });
    return pending.report;
  },
  async generateStress(symbols, days, seed, existing) {
    pending = null;
    if (!(symbols >= 1 && symbols <= STRESS_LIMITS.symbols && days >= 1 && days <= STRESS_LIMITS.days && symbols * days * 390 <= STRESS_LIMITS.bars)) {
      throw new DataError(`a stress dataset has 1–${STRESS_LIMITS.symbols} symbols and 1–${STRESS_LIMITS.days} days, and at most ${STRESS_LIMITS.bars.toLocaleString('en-US')} bars (390 a day)`);
    }
    pending = reportGenerated(`stress-${symbols}x${days}-seed${seed}`, syntheticChunks(symbols, days, seed), existing);
    return pending.report;
  },
  async commit() {
    if (!pending) throw new DataError('there is no checked file to import');
    const { report, chunks } = pending;
    if (chunks.length === 0) throw new DataError(`${report.file} has no valid rows to import`);
    const meta = await saveDataset(
      await openLabDb(),
      {
        id: crypto.randomUUID(),
        name: report.file,
        format: report.format,
        fileBytes: report.bytes,
        importedAt: Date.now(),
        rows: report.rowsValid,
        // The rows the file's reading refused, so a replay of their days counts them (row-account.ts).
        ...(report.refusedByDay ? { refused: report.refusedByDay } : {}),
        // The symbols of a market other than us-equities, so a replay uses their calendars.
        ...(report.markets ? { markets: report.markets } : {}),
      },
      chunks,
    );
    pending = null;
    return meta;
  },
  async discard() {
    pending = null;
  },
  async exportDataset(id) {
    const db = await openLabDb();
    const chunks = await datasetChunks(db, id);
    if (chunks.length === 0) throw new DataError('that dataset is no longer stored');
    const meta = (await listDatasets(db)).find((d) => d.id === id);
    const bytes = exportInterchange(await loadSqlJs(), chunks, new Map(Object.entries(meta?.markets ?? {}))) as Uint8Array<ArrayBuffer>;
    return transfer(bytes, [bytes.buffer]);
  },
};

expose(api);
