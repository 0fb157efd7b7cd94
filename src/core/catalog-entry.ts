// What the data holds, as one line per stream: the catalog the data worker sends the page (and
// the imported datasets store). A wire type, so it lives in core: the data worker's protocol,
// the system layer and the UI all name it without importing the data layer. Types only.

import type { MarketSpec } from './market-spec';
import type { Interval } from './stream-key';

export interface CatalogEntry {
  /** Absent for bars; 'quote' (1m quote bars or 'tick' quote updates) or 'tick' (trade prints). */
  readonly type?: 'quote' | 'tick';
  readonly symbol: string;
  readonly interval: Interval;
  /** Trading days (New York dates for US equities; the market's own, market-spec.ts) with at least one bar, ascending. */
  readonly days: readonly string[];
  /** Stored as such, or aggregated on request from this finer stored interval ('tick': trade prints). */
  readonly from?: Interval;
  /** The imported datasets that hold some of these days (none: all from the bundled or `db=` file). */
  readonly imported?: readonly string[];
  /** The symbol's market (markets.ts, custom-market.ts); absent: us-equities, as every file before markets. */
  readonly market?: MarketSpec;
}

/** One source of data and what it holds: the SQLite file, or an imported dataset. */
export interface SourceCatalog {
  readonly label: string;
  readonly entries: readonly CatalogEntry[];
}
