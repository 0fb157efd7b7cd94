import { describe, expect, it } from 'vitest';
import { calibratedMultiplier } from './lighthouse-calibration';

describe('calibratedMultiplier (the Lighthouse CPU throttling calculator)', () => {
  it.each([
    [1533, 4], // the host Lighthouse's default 4× stands for
    [2000, 6], // a faster host slows down more to stand for the same phone
    [1766, 5],
    [1300, 3],
    [1050, 2.5], // between 800 (2×) and 1300 (3×)
    [800, 2],
    [475, 1.5],
    [150, 1], // as fast as the phone itself
    [84, 1], // slower than the phone (a busy shared machine): never below 1
  ])('benchmark index %d: %d×', (index, multiplier) => {
    expect(calibratedMultiplier(index)).toBe(multiplier);
  });
});
