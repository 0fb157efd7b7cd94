import { describe, expect, it } from 'vitest';
import { median, p99, quantile, seededRandom } from './stats';

describe('stats', () => {
  it('computes quantiles by interpolation', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(quantile([0, 10], 0.25)).toBe(2.5);
    expect(p99(Array.from({ length: 101 }, (_, i) => i))).toBe(99);
    expect(median([])).toBeNaN();
  });
  it('repeats a seeded sequence', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
