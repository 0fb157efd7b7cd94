import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../core/catalog-entry';
import { replayableEntries, storedEntries, streamId } from './stream-catalog';

const line = (e: CatalogEntry) => `${e.type ?? 'bar'} ${e.symbol} ${e.interval}${e.from ? `<${e.from}` : ''}`;

describe('storedEntries', () => {
  it('groups stored days by stream, days ascending, bars without a type', () => {
    const entries = storedEntries([
      { kind: 'bar', symbol: 'SPY', interval: '1m', day: '2013-10-08' },
      { kind: 'tick', symbol: 'SPY', interval: 'tick', day: '2013-10-07' },
      { kind: 'bar', symbol: 'SPY', interval: '1m', day: '2013-10-07' },
    ]);
    expect(entries).toStrictEqual([
      { symbol: 'SPY', interval: '1m', days: ['2013-10-07', '2013-10-08'] },
      { type: 'tick', symbol: 'SPY', interval: 'tick', days: ['2013-10-07'] },
    ]);
    expect(entries.map(streamId)).toEqual(['bar|SPY|1m', 'tick|SPY|tick']);
  });
});

describe('replayableEntries', () => {
  const days = ['2013-10-07'];
  it.each([
    ['1m bars: every coarser interval from 1m', [{ symbol: 'A', interval: '1m', days }], ['bar A 1m', 'bar A 5m<1m', 'bar A 15m<1m', 'bar A 30m<1m', 'bar A 1h<1m', 'bar A 1d<1m']],
    ['5m bars: the coarser intervals from 5m, no finer one', [{ symbol: 'A', interval: '5m', days }], ['bar A 5m', 'bar A 15m<5m', 'bar A 30m<5m', 'bar A 1h<5m', 'bar A 1d<5m']],
    ['30m bars: 1h and 1d only (45m is off the grid)', [{ symbol: 'A', interval: '30m', days }], ['bar A 30m', 'bar A 1h<30m', 'bar A 1d<30m']],
    ['trade prints alone: bars of every interval from them', [{ type: 'tick', symbol: 'A', interval: 'tick', days }], ['bar A 1m<tick', 'bar A 5m<tick', 'bar A 15m<tick', 'bar A 30m<tick', 'bar A 1h<tick', 'bar A 1d<tick', 'tick A tick']],
    ['stored bars win over trade prints', [{ type: 'tick', symbol: 'A', interval: 'tick', days }, { symbol: 'A', interval: '1h', days }], ['bar A 1m<tick', 'bar A 5m<tick', 'bar A 15m<tick', 'bar A 30m<tick', 'bar A 1h', 'bar A 1d<1h', 'tick A tick']],
    ['sorted by symbol, then bars, quotes, trades', [{ type: 'quote', symbol: 'B', interval: 'tick', days }, { type: 'quote', symbol: 'B', interval: '1m', days }, { symbol: 'A', interval: '1d', days }], ['bar A 1d', 'quote B tick', 'quote B 1m']],
  ] as [string, CatalogEntry[], string[]][])('%s', (_name, stored, expected) => {
    expect(replayableEntries(stored).map(line)).toEqual(expected);
  });
});
