// Blind practice (`blind=SEED`): which symbol-day a seed picks from the catalog. Pure TypeScript;
// the page controller calls it once the catalog has arrived. The same seed picks the same day
// wherever the bundled data is the same: the candidates are the bundled one-minute bar days
// (a symbol with days imported in this browser is left out), in a fixed order, and the seed
// draws one with the lab's seeded generator.

import type { CatalogEntry } from './catalog-entry';
import { ConfigError } from './replay-config';
import { seededRandom } from './stats';

export interface BlindDay {
  readonly symbol: string;
  readonly day: string;
}

const SEED_PATTERN = /^\d{1,9}$/;

/** `blind=` takes a whole number from 0 to 999999999. */
export function parseBlindSeed(value: string): number {
  if (!SEED_PATTERN.test(value.trim())) throw new ConfigError('blind', `blind must be a whole number (the seed), such as 42; got ${JSON.stringify(value)}`);
  return Number(value.trim());
}

/** Every bundled (symbol, day) of one-minute bars, ordered by symbol then day (byte order). */
export function blindCandidates(entries: readonly CatalogEntry[]): BlindDay[] {
  const bars = entries.filter((e) => e.type === undefined && e.interval === '1m' && e.from === undefined && (e.imported ?? []).length === 0);
  const symbols = [...new Set(bars.map((e) => e.symbol))].sort();
  return symbols.flatMap((symbol) => [...new Set(bars.filter((e) => e.symbol === symbol).flatMap((e) => e.days))].sort().map((day) => ({ symbol, day })));
}

/** The seed's symbol-day, or a ConfigError when the catalog has none to pick from. */
export function pickBlindDay(entries: readonly CatalogEntry[], seed: number): BlindDay {
  const candidates = blindCandidates(entries);
  if (candidates.length === 0) throw new ConfigError('blind', 'blind practice needs one-minute bars in the bundled data, and there are none');
  // The generator's second draw: its first is little mixed for small neighbouring seeds.
  const random = seededRandom(seed);
  random();
  return candidates[Math.floor(random() * candidates.length)];
}
