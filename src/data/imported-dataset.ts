// An imported dataset as the data worker reads it: its catalog from the stored metadata, and for
// each query only the day chunks it needs, read from IndexedDB in one key-range request and
// handed to an in-memory MarketDataRepository (which clips sessions and aggregates as for the
// bundled file). Runs in the data worker; CombinedRepository calls it. Chunks are not cached: a
// replay reads each day once.

import type { CatalogEntry } from '../core/catalog-entry';
import type { ItemColumns } from '../core/item-columns';
import { StreamType, type BarInterval, type StreamKey } from '../core/stream-key';
import type { Hours } from '../core/trading-hours';
import { dayKey, type DayColumns } from './day-columns';
import { chunkKindOf } from './day-store';
import { readChunks, type DatasetMeta, type LabDb } from './dataset-store';
import { MarketDataRepository } from './market-data-repository';
import type { RefusedRows } from '../core/import-types';
import type { RowAccount } from '../core/row-account';

export class ImportedDataset {
  readonly label: string;
  readonly datasetName: string;
  private readonly shape: MarketDataRepository;
  /**
   * The timestamps of the days one setup's queries read, by stream and day, for its account() (no
   * second read). Scoped to that setup: a setup asks every stream for one range, so a query for
   * another range starts afresh, and a setup cancelled before its account holds nothing past the next
   * setup. Only reads are saved: account() reads whatever is missing here.
   */
  private readonly seen = new Map<string, Float64Array>();
  /** The range (from, to, hours) the days in `seen` were read for. */
  private seenRange = '';

  constructor(
    private readonly db: LabDb,
    readonly meta: DatasetMeta,
  ) {
    this.label = `dataset "${meta.name}"`;
    this.datasetName = meta.name;
    this.shape = MarketDataRepository.fromChunks(this.label, meta.entries, new Map());
  }

  catalog(): readonly CatalogEntry[] {
    return this.shape.catalog();
  }

  getBarsBySymbol(symbol: string, interval: BarInterval, from: string, to: string, hours: Hours): Promise<ItemColumns> {
    return this.getItems({ type: StreamType.BAR, symbol, interval }, from, to, hours);
  }

  async getItems(key: StreamKey, from: string, to: string, hours: Hours): Promise<ItemColumns> {
    const range = `${from} ${to} ${hours}`;
    if (range !== this.seenRange) this.seen.clear();
    this.seenRange = range;
    const chunks = new Map<string, DayColumns>();
    for (const source of this.shape.sourcesOf(key, from, to)) for (const [k, v] of await this.load(source, from, to)) chunks.set(k, v);
    for (const [k, v] of chunks) this.seen.set(k, v.ts);
    return MarketDataRepository.fromChunks(this.label, this.meta.entries, chunks).getItems(key, from, to, hours);
  }

  /** The file's refused rows, as the import counted them. */
  get refused(): readonly RefusedRows[] {
    return this.meta.refused ?? [];
  }

  /** MarketDataRepository.account over this dataset's days: days a query read are not read again. */
  async account(requests: readonly { readonly key: StreamKey; readonly days: readonly string[] }[], hours: Hours): Promise<RowAccount> {
    const chunks = new Map<string, DayColumns>();
    for (const { source, day } of this.shape.sourceDays(requests).values()) {
      const id = dayKey(chunkKindOf(source.type), source.symbol, source.interval, day);
      const ts = this.seen.get(id) ?? (await this.load(source, day, day)).get(id)?.ts;
      if (ts) chunks.set(id, { ts, values: [] });
    }
    this.seen.clear();
    return MarketDataRepository.fromChunks(this.label, this.meta.entries, chunks).account(requests, hours);
  }

  /** The stored stream's days a query needs, keyed as MarketDataRepository.fromChunks expects. */
  private async load(stream: StreamKey, from: string, to: string): Promise<Map<string, DayColumns>> {
    const kind = chunkKindOf(stream.type);
    const chunks = new Map<string, DayColumns>();
    for (const c of await readChunks(this.db, this.meta.id, kind, stream.symbol, stream.interval, from, to)) {
      chunks.set(dayKey(kind, c.symbol, c.interval, c.day), { ts: c.ts, values: c.values });
    }
    return chunks;
  }
}
