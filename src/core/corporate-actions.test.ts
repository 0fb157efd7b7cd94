import { describe, expect, it } from 'vitest';
import { adjustForSplits } from './corporate-actions';
import { StreamType } from './stream-key';

describe('adjustForSplits', () => {
  it('divides prices and multiplies volumes before the split day only', () => {
    const before = Date.parse('2014-06-06T15:59:00-04:00');
    const after = Date.parse('2014-06-09T09:30:00-04:00');
    const columns = {
      tsStart: Float64Array.from([before, after]),
      tsEmit: Float64Array.from([before + 60_000, after + 60_000]),
      fields: [[644.82, 92.7], [645.6, 92.9], [644.1, 92.5], [645.57, 92.8], [100, 700]].map((f) => Float64Array.from(f)),
    };
    adjustForSplits({ type: StreamType.BAR, symbol: 'AAPL', interval: '1m' }, columns);
    expect(columns.fields[3][0]).toBeCloseTo(645.57 / 7, 10);
    expect(columns.fields[4][0]).toBe(700);
    expect(columns.fields[3][1]).toBe(92.8);
    expect(columns.fields[4][1]).toBe(700);
  });
  it('leaves other symbols alone', () => {
    const columns = { tsStart: Float64Array.from([0]), tsEmit: Float64Array.from([0]), fields: [Float64Array.from([10]), Float64Array.from([1]), Float64Array.from([0])] };
    adjustForSplits({ type: StreamType.TICK, symbol: 'IBM', interval: 'tick' }, columns);
    expect(columns.fields[0][0]).toBe(10);
  });
});
