// An imported dataset as the data worker reads it: its catalog from the stored metadata, and for
// each query only the day chunks it needs, read from IndexedDB in one key-range request and
// handed to an in-memory MarketDataRepository (which clips sessions and aggregates as for the
// bundled file). Chunks are not cached: a replay reads each day once.

import type { ItemColumns } from '../core/item-columns';
import { STREAM_TYPE_NAMES, StreamType, type BarInterval, type StreamKey } from '../core/stream-key';
import type { Hours } from '../core/trading-hours';
import { readChunks, type DatasetMeta, type LabDb } from './dataset-store';
import type { ChunkKind } from './import-validator';
import { MarketDataRepository, type CatalogEntry, type DayColumns } from './market-data-repository';

export class ImportedDataset {
  readonly label: string;
  readonly datasetName: string;
  private readonly shape: MarketDataRepository;

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

  async getBarsBySymbol(symbol: string, interval: BarInterval, from: string, to: string, hours: Hours): Promise<ItemColumns> {
    const entry = this.catalog().find((e) => !e.type && e.symbol === symbol && e.interval === interval);
    const source = entry?.from ?? interval;
    const chunks = source === 'tick' ? await this.load('tick', symbol, 'tick', from, to) : await this.load('bar', symbol, source, from, to);
    return MarketDataRepository.fromChunks(this.label, this.meta.entries, chunks).getBarsBySymbol(symbol, interval, from, to, hours);
  }

  async getItems(key: StreamKey, from: string, to: string, hours: Hours): Promise<ItemColumns> {
    if (key.type === StreamType.BAR) return this.getBarsBySymbol(key.symbol, key.interval as BarInterval, from, to, hours);
    const chunks = await this.load(STREAM_TYPE_NAMES[key.type] as ChunkKind, key.symbol, key.interval, from, to);
    return MarketDataRepository.fromChunks(this.label, this.meta.entries, chunks).getItems(key, from, to, hours);
  }

  /** The days a query needs, keyed as MarketDataRepository.fromChunks expects. */
  private async load(kind: ChunkKind, symbol: string, interval: string, from: string, to: string): Promise<Map<string, DayColumns>> {
    const chunks = new Map<string, DayColumns>();
    for (const c of await readChunks(this.db, this.meta.id, kind, symbol, interval as never, from, to)) {
      const key = kind === 'bar' ? `${c.symbol}|${c.interval}|${c.day}` : `${kind}|${c.symbol}|${c.interval}|${c.day}`;
      chunks.set(key, { ts: c.ts, values: c.values });
    }
    return chunks;
  }
}
