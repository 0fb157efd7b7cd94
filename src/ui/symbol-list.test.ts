import { describe, expect, it } from 'vitest';
import { replayableSymbols } from './symbol-list';

describe('replayableSymbols', () => {
  it('lists every symbol with bars once, with all its days and intervals, imported ones marked', () => {
    const lines = replayableSymbols([
      { symbol: 'SPY', interval: '1m', days: ['2013-10-07'] },
      { symbol: 'SPY', interval: '5m', days: ['2013-10-07'], from: '1m' },
      { symbol: 'LABD', interval: '1d', days: ['2014-06-03', '2014-06-02'], imported: ['daily.csv'] },
      { symbol: 'LABM', interval: '5m', days: ['2013-10-07', '2013-10-08'], imported: ['a'] },
      { symbol: 'LABM', interval: '1d', days: ['2013-10-07', '2013-10-08'], from: '1m', imported: ['b'] },
      { type: 'quote', symbol: 'QQQ', interval: '1m', days: ['2013-10-07'] },
    ]);
    expect(lines).toEqual([
      { symbol: 'LABD', days: ['2014-06-02', '2014-06-03'], intervals: ['1d'], imported: ['daily.csv'] },
      { symbol: 'LABM', days: ['2013-10-07', '2013-10-08'], intervals: ['5m', '1d'], imported: ['a', 'b'] },
      { symbol: 'SPY', days: ['2013-10-07'], intervals: ['1m', '5m'] },
    ]);
  });
});
