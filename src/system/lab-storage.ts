// What the page keeps in this browser — imported datasets, saved replays, the run history — as
// the page sees it. Main thread; the Data view and the page controller call it, so the UI never
// opens the IndexedDB database (data/dataset-store.ts) itself. The database is opened once per
// thread (openLabDb keeps it); each call is one store transaction.

import type { TradesRecord } from '../core/trades-export';
import {
  addRun,
  clearRuns,
  deleteConfig,
  deleteDataset,
  listConfigs,
  listDatasets,
  listRuns,
  openLabDb,
  saveConfig,
  type DatasetMeta,
  type RunRecord,
  type SavedConfig,
} from '../data/dataset-store';
import { buildRunRecord, hashRunExport } from './run-record';
import type { SessionData } from './session-data';
import type { SystemSnapshot } from './system-snapshot';

export type { DatasetMeta, RunRecord, SavedConfig };

/** How much of its quota the site uses, when the browser says. */
export interface StorageUsage {
  readonly used: number;
  readonly quota: number;
}

export const labStorage = {
  async datasets(): Promise<DatasetMeta[]> {
    return listDatasets(await openLabDb());
  },
  async deleteDataset(id: string): Promise<void> {
    await deleteDataset(await openLabDb(), id);
  },

  async configs(): Promise<SavedConfig[]> {
    return listConfigs(await openLabDb());
  },
  async saveConfig(config: SavedConfig): Promise<void> {
    await saveConfig(await openLabDb(), config);
  },
  async deleteConfig(name: string): Promise<void> {
    await deleteConfig(await openLabDb(), name);
  },

  /** Newest first. */
  async runs(): Promise<RunRecord[]> {
    return listRuns(await openLabDb());
  },
  async clearRuns(): Promise<void> {
    await clearRuns(await openLabDb());
  },
  /** A run that ended goes into the history with the SHA-256 of its run export. */
  async recordRun(ended: SystemSnapshot, query: string, sessionData: SessionData, trades?: TradesRecord): Promise<void> {
    const sha256 = await hashRunExport(sessionData);
    await addRun(await openLabDb(), buildRunRecord(ended, query, sha256, trades));
  },

  /** Null where the browser has no storage estimate. */
  async usage(): Promise<StorageUsage | null> {
    const estimate = await navigator.storage?.estimate?.();
    return estimate ? { used: estimate.usage ?? 0, quota: estimate.quota ?? 0 } : null;
  },
};

export type LabStorage = typeof labStorage;
