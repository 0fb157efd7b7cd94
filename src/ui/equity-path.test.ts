import { describe, expect, it } from 'vitest';
import { equityPaths } from './equity-path';

describe('equity paths', () => {
  it('puts both curves on one scale that includes zero', () => {
    const scale = equityPaths([[[0, 0], [10, 100]], [[0, 0], [10, -100]]], 100, 50);
    expect(scale.paths).toEqual(['M0.0,25.0L100.0,0.0', 'M0.0,25.0L100.0,50.0']);
    expect([scale.top, scale.bottom, scale.zeroY]).toEqual([100, -100, 25]);
  });
  it('no points: empty paths', () => {
    expect(equityPaths([[], []], 100, 50).paths).toEqual(['', '']);
  });
});
