// The bundled file and the imported datasets as one repository: one catalog, and each query
// answered day by day by the source that holds the day. Runs in the data worker (data-worker.ts).
// A symbol's day of a stream comes from one source — imports refuse days already in the lab —
// and should two sources ever hold the same day, the first one listed (the bundled file) wins.

import type { CatalogEntry, SourceCatalog } from '../core/catalog-entry';
import { BAR_FIELDS, fieldsOf, type ItemColumns } from '../core/item-columns';
import { STREAM_TYPE_NAMES, StreamType, type BarInterval, type StreamKey } from '../core/stream-key';
import type { Hours } from '../core/trading-hours';
import { concatColumns } from './day-columns';
import { streamId } from './stream-catalog';
import type { RefusedRows } from '../core/import-types';
import { addAccounts, refusedAccount, type RowAccount } from '../core/row-account';

/** Something that answers the repository's queries: a MarketDataRepository or an ImportedDataset. */
export interface DaySource {
  readonly label: string;
  /** An imported dataset's name (the bundled or `db=` file has none): the catalog names where days came from. */
  readonly datasetName?: string;
  catalog(): readonly CatalogEntry[];
  getBarsBySymbol(symbol: string, interval: BarInterval, from: string, to: string, hours: Hours): ItemColumns | Promise<ItemColumns>;
  getItems(key: StreamKey, from: string, to: string, hours: Hours): ItemColumns | Promise<ItemColumns>;
  /** The stored rows behind these streams' days: replayed, or outside the hours (MarketDataRepository.account). */
  account?(requests: readonly { readonly key: StreamKey; readonly days: readonly string[] }[], hours: Hours): RowAccount | Promise<RowAccount>;
  /** Rows its file refused, by symbol-day (none for the bundled file). */
  readonly refused?: readonly RefusedRows[];
}

export class CombinedRepository {
  private readonly catalogs: (readonly CatalogEntry[])[];
  /** Each source's entries by stream (type|symbol|interval): a query finds its stream at once. */
  private readonly indexes: ReadonlyMap<string, CatalogEntry>[];

  constructor(readonly sources: readonly DaySource[]) {
    this.catalogs = sources.map((s) => s.catalog());
    this.indexes = this.catalogs.map((entries) => new Map(entries.map((e) => [streamId(e), e])));
  }

  /** Each source's label and what it holds (for the import's "already in the lab" check). */
  bySource(): SourceCatalog[] {
    return this.sources.map((s, i) => ({ label: s.label, entries: this.catalogs[i] }));
  }

  /** Every stream of every source, days merged. */
  catalog(): CatalogEntry[] {
    const merged = new Map<string, CatalogEntry & { days: string[]; imported: string[] }>();
    this.catalogs.forEach((entries, i) => {
      const dataset = this.sources[i].datasetName;
      for (const e of entries) {
        let known = merged.get(streamId(e));
        if (!known) merged.set(streamId(e), (known = { ...e, days: [...e.days], imported: [] }));
        else for (const day of e.days) if (!known.days.includes(day)) known.days.push(day);
        if (dataset !== undefined && !known.imported.includes(dataset)) known.imported.push(dataset);
      }
    });
    for (const e of merged.values()) e.days.sort();
    return [...merged.values()].map(({ imported, ...e }) => (imported.length > 0 ? { ...e, imported } : e));
  }

  /**
   * Every source row in the replay's streams and dates: replayed, or counted under a reason —
   * outside the requested hours (asked of the source that holds each day), or refused by the rules
   * when the file was read (the sources' refused rows of these symbols and dates).
   */
  async account(keys: readonly StreamKey[], from: string, to: string, hours: Hours): Promise<RowAccount> {
    const perSource: { key: StreamKey; days: string[] }[][] = this.sources.map(() => []);
    const wanted = new Set<string>();
    for (const key of keys) {
      const type = key.type === StreamType.BAR ? undefined : STREAM_TYPE_NAMES[key.type];
      const id = streamId({ type, symbol: key.symbol, interval: key.interval });
      const owner = new Map<string, number>();
      this.indexes.forEach((index, i) => {
        const entry = index.get(id);
        if (entry?.from === 'tick') wanted.add(`tick|${key.symbol}`);
        else wanted.add(`${type ?? 'bar'}|${key.symbol}`);
        for (const day of entry?.days ?? []) if (day >= from && day <= to && !owner.has(day)) owner.set(day, i);
      });
      const days: string[][] = this.sources.map(() => []);
      for (const [day, i] of owner) days[i].push(day);
      days.forEach((list, i) => list.length > 0 && perSource[i].push({ key, days: list }));
    }
    const accounts: RowAccount[] = [];
    for (let i = 0; i < this.sources.length; i++) {
      const source = this.sources[i];
      if (perSource[i].length > 0 && source.account) accounts.push(await source.account(perSource[i], hours));
      accounts.push(refusedAccount(source.refused ?? [], wanted, from, to));
    }
    return addAccounts(...accounts);
  }

  getBarsBySymbol(symbol: string, interval: BarInterval, from: string, to: string, hours: Hours): Promise<ItemColumns> {
    return this.collect({ symbol, interval }, from, to, BAR_FIELDS.length, (s, a, b) => s.getBarsBySymbol(symbol, interval, a, b, hours));
  }

  getItems(key: StreamKey, from: string, to: string, hours: Hours): Promise<ItemColumns> {
    const type = key.type === StreamType.BAR ? undefined : STREAM_TYPE_NAMES[key.type];
    return this.collect({ type, symbol: key.symbol, interval: key.interval }, from, to, fieldsOf(key).length, (s, a, b) => s.getItems(key, a, b, hours));
  }

  /**
   * Splits the days from `from` to `to` into runs of consecutive days held by one source and asks
   * each source for its run; with one source (the usual case) that is a single call.
   */
  private async collect(
    stream: { type?: string; symbol: string; interval: string },
    from: string,
    to: string,
    fieldCount: number,
    query: (source: DaySource, from: string, to: string) => ItemColumns | Promise<ItemColumns>,
  ): Promise<ItemColumns> {
    const id = streamId(stream);
    const owner = new Map<string, number>();
    this.indexes.forEach((index, i) => {
      for (const day of index.get(id)?.days ?? []) if (day >= from && day <= to && !owner.has(day)) owner.set(day, i);
    });
    // [day, source] by day.
    const days = [...owner].sort(([a], [b]) => (a < b ? -1 : 1));
    if (days.length === 0) return this.sources.length > 0 ? await query(this.sources[0], from, to) : concatColumns([], fieldCount);
    const parts: ItemColumns[] = [];
    let start = 0;
    for (let i = 1; i <= days.length; i++) {
      if (i === days.length || days[i][1] !== days[start][1]) {
        parts.push(await query(this.sources[days[start][1]], days[start][0], days[i - 1][0]));
        start = i;
      }
    }
    return parts.length === 1 ? parts[0] : concatColumns(parts, fieldCount);
  }
}
