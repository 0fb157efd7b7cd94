import { describe, expect, it } from 'vitest';
import { RandomWalk, symbolSeed } from './random-walk';

describe('RandomWalk', () => {
  it('repeats for a seed, stays near the start, and trades round lots', () => {
    const a = new RandomWalk(symbolSeed('SPY', 1), 167.42);
    const b = new RandomWalk(symbolSeed('SPY', 1), 167.42);
    const xs = Array.from({ length: 500 }, () => a.next());
    expect(Array.from({ length: 500 }, () => b.next())).toEqual(xs);
    expect(xs.every((x) => Math.abs(x.price - 167.42) < 10 && x.size % 100 === 0 && x.size > 0)).toBe(true);
    expect(symbolSeed('SPY', 1)).not.toBe(symbolSeed('IBM', 1));
  });
});
