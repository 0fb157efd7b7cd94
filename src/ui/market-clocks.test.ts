// The per-market clocks. Node (Vitest).
import { describe, expect, it } from 'vitest';
import { TSE, US_EQUITIES, XETRA } from '../core/markets';
import { marketClocks } from './market-clocks';

const us = { id: 'us-equities', market: US_EQUITIES };
const xetra = { id: 'xetra', market: XETRA };
const tse = { id: 'tse', market: TSE };

describe('marketClocks', () => {
  it('shows the backtest time on each market’s wall clock, the first market first', () => {
    const t = Date.parse('2024-10-28T13:31:00Z');
    expect(marketClocks([us, xetra, tse], t)).toEqual([
      { id: 'us-equities', name: 'US equities (NYSE, Nasdaq)', zone: 'America/New_York', text: '2024-10-28 09:31:00' },
      { id: 'xetra', name: 'XETRA (Frankfurt)', zone: 'Europe/Berlin', text: '2024-10-28 14:31:00' },
      { id: 'tse', name: 'Tokyo Stock Exchange', zone: 'Asia/Tokyo', text: '2024-10-28 22:31:00' },
    ]);
    // A week earlier Berlin was still on summer time: six hours ahead of New York, not five.
    expect(marketClocks([us, xetra], Date.parse('2024-10-21T13:31:00Z')).map((c) => c.text)).toEqual(['2024-10-21 09:31:00', '2024-10-21 15:31:00']);
  });

  it('has none for US equities alone or before the run has a time, and hides the date in blind practice', () => {
    expect(marketClocks([us], Date.parse('2013-10-07T13:31:00Z'))).toEqual([]);
    expect(marketClocks([us, xetra], null)).toEqual([]);
    expect(marketClocks([xetra], Date.parse('2024-10-28T13:31:00Z'), true).map((c) => c.text)).toEqual(['14:31:00']);
  });
});
