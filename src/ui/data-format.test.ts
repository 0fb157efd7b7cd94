import { describe, expect, it } from 'vitest';
import type { DatasetMeta } from '../system/lab-storage';
import { count, daysOf, symbolsOf, when } from './data-format';

const dataset = (entries: { symbol: string; days: string[] }[]) => ({ entries }) as unknown as DatasetMeta;

describe('data view formats', () => {
  it('counts with the plural and thousands', () => {
    expect(count(1, 'row')).toBe('1 row');
    expect(count(2340, 'row')).toBe('2,340 rows');
  });
  it('a missing time is a dash', () => expect(when(null)).toBe('–'));
  it("a dataset's symbols once each, its days as one or a range", () => {
    const one = dataset([{ symbol: 'IBM', days: ['2013-10-07'] }, { symbol: 'IBM', days: ['2013-10-07'] }]);
    expect(symbolsOf(one)).toBe('IBM');
    expect(daysOf(one)).toBe('2013-10-07');
    const two = dataset([{ symbol: 'S0000', days: ['2013-10-08', '2013-10-07'] }, { symbol: 'S0001', days: ['2013-10-09'] }]);
    expect(symbolsOf(two)).toBe('S0000, S0001');
    expect(daysOf(two)).toBe('2013-10-07 – 2013-10-09 (3 days)');
  });
});
