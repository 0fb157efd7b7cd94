import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from './catalog-entry';
import { blindCandidates, parseBlindSeed, pickBlindDay } from './blind-pick';

const CATALOG: CatalogEntry[] = [
  { symbol: 'SPY', interval: '1m', days: ['2013-10-07', '2013-10-04'] },
  { symbol: 'SPY', interval: '5m', days: ['2013-10-07'], from: '1m' },
  { symbol: 'AIG', interval: '1m', days: ['2013-10-08'] },
  { symbol: 'IBM', interval: 'tick', type: 'tick', days: ['2013-10-07'] },
  { symbol: 'LABX', interval: '1m', days: ['2014-01-02'], imported: ['mine'] },
];

describe('blind practice: the seed picks a symbol-day', () => {
  it('from the bundled one-minute bar days only, in a fixed order whatever the catalog order', () => {
    const expected = [
      { symbol: 'AIG', day: '2013-10-08' },
      { symbol: 'SPY', day: '2013-10-04' },
      { symbol: 'SPY', day: '2013-10-07' },
    ];
    expect(blindCandidates(CATALOG)).toEqual(expected);
    expect(blindCandidates([...CATALOG].reverse())).toEqual(expected);
  });

  it('the same seed, the same day; the seeds spread over every candidate', () => {
    const picks = Array.from({ length: 60 }, (_, seed) => pickBlindDay(CATALOG, seed));
    expect(Array.from({ length: 60 }, (_, seed) => pickBlindDay([...CATALOG].reverse(), seed))).toEqual(picks);
    expect(new Set(picks.map((p) => `${p.symbol} ${p.day}`)).size).toBe(3);
  });

  it('a seed is a whole number; no candidates is a message', () => {
    expect(parseBlindSeed('42')).toBe(42);
    expect(() => parseBlindSeed('-1')).toThrow(/^blind must be a whole number/);
    expect(() => parseBlindSeed('abc')).toThrow(/got "abc"/);
    expect(() => pickBlindDay([], 1)).toThrow(/no/);
  });
});
