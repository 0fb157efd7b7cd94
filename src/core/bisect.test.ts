import { describe, expect, it } from 'vitest';
import { firstAfter, firstAtOrAfter } from './bisect';

describe('bisect', () => {
  const v = Float64Array.from([1, 3, 3, 3, 7]);
  it('finds the first value at or after, and the first after, a time (ties included or passed over)', () => {
    expect(firstAtOrAfter(v, 3)).toBe(1);
    expect(firstAfter(v, 3)).toBe(4);
    expect(firstAtOrAfter(v, 0)).toBe(0);
    expect(firstAtOrAfter(v, 8)).toBe(5);
    expect(firstAfter(v, 7)).toBe(5);
    expect(firstAtOrAfter(new Float64Array(0), 1)).toBe(0);
  });
  it('searches only within [from, to)', () => {
    expect(firstAtOrAfter(v, 3, 2)).toBe(2);
    expect(firstAfter(v, 1, 3, 4)).toBe(3);
    expect(firstAtOrAfter(v, 7, 0, 3)).toBe(3);
  });
});
