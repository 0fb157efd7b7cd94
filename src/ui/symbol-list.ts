// The replay panel's list of symbols: every symbol the lab can replay as bars (stored at any
// interval, or built from trade prints), with its days, the bar intervals it replays at, and the
// imported datasets that hold some of it. Main thread, plain logic; ReplayPanel.svelte draws it.

import type { CatalogEntry } from '../core/catalog-entry';
import { intervalMs, type Interval } from '../core/stream-key';

export interface SymbolLine {
  readonly symbol: string;
  /** Its bar days, ascending. */
  readonly days: readonly string[];
  /** The bar intervals it replays at, finest first. */
  readonly intervals: readonly string[];
  /** Imported datasets holding some of it (absent: bundled or `db=` only). */
  readonly imported?: readonly string[];
}

export function replayableSymbols(catalog: readonly CatalogEntry[]): SymbolLine[] {
  const lines = new Map<string, { days: Set<string>; intervals: Interval[]; imported: Set<string> }>();
  for (const e of catalog) {
    if (e.type) continue;
    let line = lines.get(e.symbol);
    if (!line) lines.set(e.symbol, (line = { days: new Set(), intervals: [], imported: new Set() }));
    for (const day of e.days) line.days.add(day);
    if (!line.intervals.includes(e.interval)) line.intervals.push(e.interval);
    for (const name of e.imported ?? []) line.imported.add(name);
  }
  return [...lines]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([symbol, { days, intervals, imported }]) => ({
      symbol,
      days: [...days].sort(),
      intervals: intervals.sort((a, b) => intervalMs(a) - intervalMs(b)),
      ...(imported.size > 0 ? { imported: [...imported] } : {}),
    }));
}
