import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupDigits } from './group-digits';

describe('groupDigits', () => {
  it('writes what toLocaleString("en-US") writes', () => {
    for (const n of [0, 7, 999, 1000, 12345, -1000, -999, 1234567, Number.MAX_SAFE_INTEGER, -0, 1.5, 1e21, NaN, Infinity]) {
      expect(groupDigits(n)).toBe(n.toLocaleString('en-US'));
    }
  });

  it('matches toLocaleString("en-US") for any safe integer', () => {
    fc.assert(fc.property(fc.maxSafeInteger(), (n) => groupDigits(n) === n.toLocaleString('en-US')));
  });
});
