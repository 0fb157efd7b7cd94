import { describe, expect, it } from 'vitest';
import { allocateColumns } from '../core/item-columns';
import { OutputBatch } from './output-batch';

function chunk(fieldCount: number, length: number) {
  const c = allocateColumns(length, fieldCount);
  for (let i = 0; i < length; i++) {
    c.tsStart[i] = 1000 * i;
    c.tsEmit[i] = 1000 * i + 60;
    c.fields.forEach((f, k) => (f[i] = 10 * k + i));
  }
  return c;
}

describe('OutputBatch', () => {
  it('lays values out at the widest stream’s stride, and re-lays them when a wider stream registers', () => {
    const batch = new OutputBatch(4);
    batch.widen(3);
    const narrow = chunk(3, 2);
    batch.push(0, narrow, 0, 0);
    batch.push(0, narrow, 1, 0);
    batch.widen(5); // a wider stream registers while items wait
    const wide = chunk(5, 1);
    batch.push(1, wide, 0, 0);
    const { event } = batch.take(7, 123);
    expect(event.stride).toBe(5);
    expect(event.count).toBe(3);
    const item = (i: number) => Array.from(event.values.subarray(i * 5, i * 5 + 5));
    expect(item(0)).toEqual([0, 10, 20, 0, 0]);
    expect(item(1)).toEqual([1, 11, 21, 0, 0]);
    expect(item(2)).toEqual([0, 10, 20, 30, 40]);
    expect(Array.from(event.slot)).toEqual([0, 0, 1]);
  });

  it('hands a full batch over in its own buffers and a partial one as exact copies', () => {
    const batch = new OutputBatch(2);
    batch.widen(5);
    const c = chunk(5, 3);
    batch.push(0, c, 0, 0);
    batch.push(0, c, 1, 0);
    const full = batch.take(1, 0);
    expect(full.event.count).toBe(2);
    expect(full.event.tsEmit.length).toBe(2);
    batch.push(0, c, 2, 0);
    const partial = batch.take(1, 0);
    expect(partial.event.count).toBe(1);
    expect(Array.from(partial.event.tsEmit)).toEqual([2060]);
    expect(partial.event.values.length).toBe(5);
    // The full batch's buffers were handed over, not reused by the next batch.
    expect(Array.from(full.event.tsEmit)).toEqual([60, 1060]);
    expect(partial.transfer).toHaveLength(4);
  });
});
