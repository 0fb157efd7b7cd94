import { describe, expect, it } from 'vitest';
import { PackedStateSet } from './packed-state-set';

describe('PackedStateSet', () => {
  it('stores each state once, numbers them in order, and finds them again after growing', () => {
    const set = new PackedStateSet(3, 2);
    const ids: number[] = [];
    for (let i = 0; i < 5000; i++) ids.push(set.addOrFind(Int32Array.of(i % 7, i, -i)));
    expect(ids.slice(0, 3)).toEqual([-1, -2, -3]); // new: -(number) - 1
    expect(set.size).toBe(5000);
    for (let i = 0; i < 5000; i += 499) expect(set.addOrFind(Int32Array.of(i % 7, i, -i))).toBe(i);
    expect(Array.from(set.read(4321, new Int32Array(3)))).toEqual([4321 % 7, 4321, -4321]);
    expect(set.size).toBe(5000);
  });
});
