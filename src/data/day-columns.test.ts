import { describe, expect, it } from 'vitest';
import { concatColumns, joinSlices } from './day-columns';

const f64 = (...values: number[]) => Float64Array.from(values);

describe('joinSlices', () => {
  it('copies each slice’s rows one after the other, emit times computed and cut at the close', () => {
    const day = { ts: f64(0, 60, 120, 180), values: [f64(1, 2, 3, 4), f64(10, 20, 30, 40)] };
    const out = joinSlices(
      [
        { ...day, begin: 1, end: 3, emit: { step: 60, close: 150 } },
        { ts: f64(500), values: [f64(5), f64(50)], begin: 0, end: 1, emit: f64(555) },
      ],
      2,
    );
    expect(Array.from(out.tsStart)).toEqual([60, 120, 500]);
    expect(Array.from(out.tsEmit)).toEqual([120, 150, 555]);
    expect(out.fields.map((f) => Array.from(f))).toEqual([[2, 3, 5], [20, 30, 50]]);
  });

  it('emits ticks (step 0) at their own time', () => {
    const out = joinSlices([{ ts: f64(7, 8), values: [f64(1, 1)], begin: 0, end: 2, emit: { step: 0, close: 100 } }], 1);
    expect(Array.from(out.tsEmit)).toEqual([7, 8]);
  });
});

describe('concatColumns', () => {
  it('joins whole columns, and nothing into empty columns of the right width', () => {
    const a = { tsStart: f64(1), tsEmit: f64(2), fields: [f64(3)] };
    const b = { tsStart: f64(4), tsEmit: f64(5), fields: [f64(6)] };
    const out = concatColumns([a, b], 1);
    expect([out.tsStart, out.tsEmit, ...out.fields].map((c) => Array.from(c))).toEqual([[1, 4], [2, 5], [3, 6]]);
    expect(concatColumns([], 5).fields.length).toBe(5);
  });
});
