import { describe, expect, it } from 'vitest';
import { aggregateBars } from './aggregate-bars';
import { tradingSession } from './trading-hours';

const day = '2013-10-07';
const at = (hm: string) => Date.parse(`${day}T${hm}:00-04:00`);
const regular = tradingSession(day, 'regular')!;

function minutes(list: [string, number, number, number, number, number][]) {
  return { ts: list.map((r) => at(r[0])), values: [1, 2, 3, 4, 5].map((k) => list.map((r) => r[k] as number)) };
}

describe('aggregateBars', () => {
  it('builds 5m bars on the 09:30 grid, emitted at their end', () => {
    const bars = aggregateBars(
      minutes([
        ['09:30', 10, 11, 9, 10.5, 100],
        ['09:31', 10.5, 12, 10, 11, 50],
        ['09:34', 11, 11.5, 8, 9, 25],
        ['09:35', 9, 9.5, 8.5, 9.2, 10],
      ]),
      '5m',
      regular,
    );
    expect(Array.from(bars.tsStart)).toEqual([at('09:30'), at('09:35')]);
    expect(Array.from(bars.tsEmit)).toEqual([at('09:35'), at('09:40')]);
    expect(bars.fields.map((f) => f[0])).toEqual([10, 12, 8, 9, 175]);
    expect(bars.fields.map((f) => f[1])).toEqual([9, 9.5, 8.5, 9.2, 10]);
  });

  it('leaves a bucket without trades as a gap', () => {
    const bars = aggregateBars(minutes([['09:30', 1, 1, 1, 1, 1], ['09:47', 2, 2, 2, 2, 2]]), '15m', regular);
    expect(Array.from(bars.tsStart)).toEqual([at('09:30'), at('09:45')]);
  });

  it('cuts the last hour at the close, and early closes too', () => {
    const bars = aggregateBars(minutes([['15:30', 1, 1, 1, 1, 1], ['15:59', 2, 2, 2, 2, 2]]), '1h', regular);
    expect(Array.from(bars.tsStart)).toEqual([at('15:30')]);
    expect(Array.from(bars.tsEmit)).toEqual([at('16:00')]);
    const early = tradingSession('2013-11-29', 'regular')!;
    const late = aggregateBars({ ts: [Date.parse('2013-11-29T12:45:00-05:00')], values: [[1], [1], [1], [1], [1]] }, '1h', early);
    expect(Array.from(late.tsEmit)).toEqual([Date.parse('2013-11-29T13:00:00-05:00')]);
  });

  it('aligns extended-hours hours to 09:30 and starts the first at the session open', () => {
    const extended = tradingSession(day, 'extended')!;
    const bars = aggregateBars(minutes([['04:10', 1, 1, 1, 1, 1], ['04:40', 2, 2, 2, 2, 2], ['09:29', 3, 3, 3, 3, 3], ['09:30', 4, 4, 4, 4, 4]]), '1h', extended);
    expect(Array.from(bars.tsStart)).toEqual([at('04:00'), at('04:30'), at('08:30'), at('09:30')]);
    expect(Array.from(bars.tsEmit)).toEqual([at('04:30'), at('05:30'), at('09:30'), at('10:30')]);
  });

  it('makes one daily bar ending at the close', () => {
    const bars = aggregateBars(minutes([['09:30', 5, 6, 4, 5, 10], ['15:59', 5, 7, 3, 6, 20]]), '1d', regular);
    expect(Array.from(bars.tsStart)).toEqual([regular.open]);
    expect(Array.from(bars.tsEmit)).toEqual([regular.close]);
    expect(bars.fields.map((f) => f[0])).toEqual([5, 7, 3, 6, 30]);
  });
});
