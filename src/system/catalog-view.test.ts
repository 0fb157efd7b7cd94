import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../core/catalog-entry';
import { toCatalog, toItemCatalog } from './catalog-view';

const entries: CatalogEntry[] = [
  { symbol: 'SPY', interval: '1m', days: ['2013-10-07'] },
  { symbol: 'SPY', interval: '5m', days: ['2013-10-07', '2013-10-08'] },
  { symbol: 'IBM', interval: '1m', days: ['2013-10-08'] },
  { type: 'quote', symbol: 'SPY', interval: 'tick', days: ['2013-10-07'] },
  { type: 'tick', symbol: 'IBM', interval: 'tick', days: ['2013-10-08'] },
];

describe('catalog views', () => {
  it('bars by symbol and interval; quotes and trades left out', () => {
    const catalog = toCatalog(entries);
    expect([...catalog.keys()]).toEqual(['SPY', 'IBM']);
    expect(catalog.get('SPY')?.get('5m')).toEqual(['2013-10-07', '2013-10-08']);
    expect(catalog.get('IBM')?.get('1m')).toEqual(['2013-10-08']);
  });

  it('quote and trade streams by type, interval and symbol; bars left out', () => {
    expect([...toItemCatalog(entries).entries()]).toEqual([
      ['quote:tick|SPY', ['2013-10-07']],
      ['tick:tick|IBM', ['2013-10-08']],
    ]);
  });
});
