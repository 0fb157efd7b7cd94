// Which market and day a link's or a run's start is read in: the first symbol's market, on the
// first day from `from` on that a symbol of that market has data and the market trades.

import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../core/catalog-entry';
import { TSE, US_EQUITIES } from '../core/markets';
import { checkLinkStart, startPlaceOfLink, startPlaceOfRun } from './run-start';

const entries: CatalogEntry[] = [
  { symbol: 'SPY', interval: '1m', days: ['2024-03-08', '2024-03-11'] },
  { symbol: 'TOYOTA', interval: '1m', days: ['2024-03-08', '2024-03-11', '2024-03-20'], market: 'tse' },
];

describe('run-start', () => {
  it("a link's start is read in its first symbol's market on that market's first day from `from`", () => {
    expect(startPlaceOfLink(['TOYOTA', 'SPY'], '2024-03-09', '2024-03-20', 'regular', entries)).toEqual({ market: TSE, day: '2024-03-11' });
    expect(startPlaceOfLink(['SPY', 'TOYOTA'], '2024-03-01', '2024-03-20', 'regular', entries)).toEqual({ market: US_EQUITIES, day: '2024-03-08' });
    expect(startPlaceOfLink(['NOPE'], '2024-03-01', '2024-03-20', 'regular', entries)).toBeNull();
  });

  it('a Tokyo link takes 09:15 (outside New York hours) and refuses the lunch break', () => {
    const form = { symbols: 'TOYOTA,SPY', from: '2024-03-11', to: '' };
    expect(() => checkLinkStart('09:15', form, 'regular', entries)).not.toThrow();
    expect(() => checkLinkStart('12:00', form, 'regular', entries)).toThrow('(09:00–11:30, 12:30–15:00 Tokyo)');
    // Without a catalog nothing is known yet: the run's setup checks it.
    expect(() => checkLinkStart('12:00', form, 'regular', null)).not.toThrow();
  });

  it("a run's start is read in its first market on that market's first session day", () => {
    const byMarket = [{ id: 'tse', market: TSE, symbols: ['TOYOTA'], sessions: [{ day: '2024-03-11', open: 0, close: 1 }] }];
    expect(startPlaceOfRun(byMarket)).toEqual({ market: TSE, day: '2024-03-11' });
    expect(startPlaceOfRun([])).toBeNull();
  });
});
