import { describe, expect, it } from 'vitest';
import { calibratedMultiplier } from './lighthouse-calibration';

describe('calibratedMultiplier', () => {
  it.each([
    [1000, 4], // the host Lighthouse's default 4× assumes
    [1500, 6], // a faster host slows down more to stand for the same phone
    [547, 2.2],
    [250, 1], // as fast as the phone itself
    [84, 1], // slower than the phone (a busy shared machine): never below 1
  ])('benchmark index %d: %d×', (index, multiplier) => {
    expect(calibratedMultiplier(index)).toBe(multiplier);
  });
});
