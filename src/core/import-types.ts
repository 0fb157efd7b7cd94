// What crosses the import worker's boundary (data/import-worker-api.ts): the options of an import,
// its report, what the lab holds already, and a stored dataset's description. Wire types, so they
// live in core: the protocol, the page and the import worker name them without importing data/.
// Types only.

import type { CatalogEntry } from './catalog-entry';
import type { MarketSpec } from './market-spec';
import type { BarInterval, Interval } from './stream-key';

/** How to read a CSV file whose header leaves something out. */
export interface ImportOptions {
  /** Time zone of timestamps written without an offset (and of date + time columns). */
  readonly zone: string;
  /** The symbol of a file without a symbol column. */
  readonly symbol?: string;
  /** The interval of a file without an interval column. */
  readonly interval: BarInterval;
  /** The market the file's symbols trade on (markets.ts, custom-market.ts); absent: us-equities. */
  readonly market?: MarketSpec;
}

/** What a chunk holds: bars, quotes (1m quote bars or quote updates), or trade prints. */
export type ChunkKind = 'bar' | 'quote' | 'tick';

/** Where a chunk of data lives, by `chunkKey`: "bar|SPY|2013-10-07" → "the bundled data". */
export type ExistingData = ReadonlyMap<string, string>;

export type ProblemKind =
  | 'columns'
  | 'fields'
  | 'symbol'
  | 'interval'
  | 'timestamp'
  | 'number'
  | 'ohlc'
  | 'volume'
  | 'grid'
  | 'closed'
  | 'duplicate'
  | 'mixed'
  | 'overlap';

/** A problem on one row; rows are numbered as a spreadsheet shows them (the CSV header is row 1). */
export interface Problem {
  readonly row: number;
  readonly message: string;
}

/** Rows of a file refused for one reason, counted against the symbol-day they belong to. */
export interface RefusedRows {
  readonly kind: ChunkKind;
  readonly symbol: string;
  readonly day: string;
  readonly reason: ProblemKind;
  readonly count: number;
}

export interface ImportReport {
  readonly file: string;
  readonly format: 'csv' | 'sqlite' | 'generated';
  readonly bytes: number;
  readonly rowsRead: number;
  readonly rowsValid: number;
  /** Problem counts by kind, each with its first examples. */
  readonly problems: readonly { readonly kind: ProblemKind; readonly title: string; readonly count: number; readonly examples: readonly Problem[] }[];
  /** The first problems in row order, across kinds. */
  readonly firstProblems: readonly Problem[];
  /** What the valid rows hold. */
  readonly contents: readonly { readonly kind: ChunkKind; readonly symbol: string; readonly interval: Interval; readonly days: number; readonly rows: number }[];
  /** How the file was read (columns found, time zone used). */
  readonly notes: readonly string[];
  /** Symbols of a market other than us-equities, and that market (absent: all us-equities). */
  readonly markets?: Readonly<Record<string, MarketSpec>>;
  /** A market the rows look like they belong to (weekend rows: 24/7), offered to import again with. */
  readonly suggestedMarket?: { readonly id: string; readonly reason: string };
  /** The refused rows whose symbol and day are known, so a replay of that day can count them. */
  readonly refusedByDay?: readonly RefusedRows[];
  /** Every timestamp was at midnight and the rows were refused as intraday bars: offer 1d. */
  readonly looksDaily?: boolean;
}

/** An imported dataset as the lab keeps it (IndexedDB, data/dataset-store.ts). */
export interface DatasetMeta {
  readonly id: string;
  /** The imported file's name. */
  readonly name: string;
  readonly format: 'csv' | 'sqlite' | 'generated';
  readonly fileBytes: number;
  readonly importedAt: number;
  readonly rows: number;
  /** Bytes of the stored chunks. */
  readonly storedBytes: number;
  /** What it stores (bars of stored intervals; quote and tick streams), with the days of each. */
  readonly entries: readonly CatalogEntry[];
  /** Symbols of a market other than us-equities (the import report's `markets`). */
  readonly markets?: Readonly<Record<string, MarketSpec>>;
  /** The file's refused rows by symbol-day, so a replay counts them as not replayed (absent: none). */
  readonly refused?: readonly RefusedRows[];
}
