// Where a replay's `start=HH:MM` is read: the run's first market (its first symbol's) on that
// market's first trading day of the run — the same market and day "go to" reads a typed time in.
// Main thread; SystemManager asks it of the run it set up, the page of a link (from the catalog).

import type { CatalogEntry } from '../core/catalog-entry';
import { marketSessions, type Hours, type Market } from '../core/market';
import { marketIdOf, resolveMarket } from '../core/market-spec';
import { startInMarket } from '../core/start-time';
import type { RunMarket } from './run-markets';

export interface StartPlace {
  readonly market: Market;
  readonly day: string;
}

/** The set-up run's first market and its first session's day; null without one (live mode, no sessions). */
export function startPlaceOfRun(byMarket: readonly RunMarket[]): StartPlace | null {
  const first = byMarket[0];
  const session = first?.sessions[0];
  return first && session ? { market: first.market, day: session.day } : null;
}

/**
 * Before a run: the market of `symbols`' first symbol the catalog knows, and the first day from
 * `from` to `to` on which a symbol of that market has data and the market trades in `hours`;
 * null when the catalog has none of them (the run's own setup then names what is missing).
 */
export function startPlaceOfLink(symbols: readonly string[], from: string, to: string, hours: Hours, entries: readonly CatalogEntry[]): StartPlace | null {
  const first = symbols.map((s) => entries.find((e) => e.symbol === s)).find((e) => e !== undefined);
  if (!first) return null;
  const id = marketIdOf(first.market);
  const market = resolveMarket(first.market);
  const days = new Set<string>();
  for (const e of entries) if (symbols.includes(e.symbol) && marketIdOf(e.market) === id) for (const d of e.days) if (d >= from && d <= to) days.add(d);
  const day = [...days].sort().find((d) => marketSessions(market, d, hours).length > 0);
  return day === undefined ? null : { market, day };
}

/** A link's start against its first market's hours on its first day; a ConfigError outside them. Unknown market or day: the run's setup checks it. */
export function checkLinkStart(start: string, form: { symbols: string; from: string; to: string }, hours: Hours, entries: readonly CatalogEntry[] | null): void {
  const place = entries === null ? null : startPlaceOfLink(form.symbols.split(',').filter(Boolean), form.from, form.to || form.from, hours, entries);
  if (place) startInMarket(start, place.market, place.day, hours);
}
