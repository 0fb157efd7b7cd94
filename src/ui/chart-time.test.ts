import { TickMarkType, type Time, type UTCTimestamp } from 'lightweight-charts';
import { describe, expect, it } from 'vitest';
import { chartTime, tickMarkLabel, ascendingTimes } from './chart-time';

describe('chart time', () => {
  // 2013-10-07 15:59:05 in New York (EDT, UTC−4) is 19:59:05 UTC.
  const ms = Date.UTC(2013, 9, 7, 19, 59, 5);
  it('shifts an instant to New York wall time read as UTC', () => {
    expect(chartTime(ms)).toBe(Date.UTC(2013, 9, 7, 15, 59, 5) / 1000);
    expect(chartTime(Date.UTC(2013, 11, 2, 14, 30))).toBe(Date.UTC(2013, 11, 2, 9, 30) / 1000); // EST, UTC−5
  });
  it('labels tick marks as the default formatter does in English, without Intl', () => {
    const t = chartTime(ms) as Time;
    expect(tickMarkLabel(t, TickMarkType.Year)).toBe('2013');
    expect(tickMarkLabel(t, TickMarkType.Month)).toBe('Oct');
    expect(tickMarkLabel(t, TickMarkType.DayOfMonth)).toBe('7');
    expect(tickMarkLabel(t, TickMarkType.Time)).toBe('15:59');
    expect(tickMarkLabel(t, TickMarkType.TimeWithSeconds)).toBe('15:59:05');
    // The same as lightweight-charts' own formatter (toLocaleString of the UTC fields, en-US, 24 h).
    const local = new Date(2013, 9, 7, 15, 59, 5);
    expect(tickMarkLabel(t, TickMarkType.Time)).toBe(local.toLocaleString('en-US', { hour12: false, hour: '2-digit', minute: '2-digit' }));
    expect(tickMarkLabel(t, TickMarkType.Month)).toBe(local.toLocaleString('en-US', { month: 'short' }));
  });
});

describe('ascendingTimes', () => {
  it('keeps the last of equal times and leaves out an earlier one: the chart never sees a tie', () => {
    const t = (time: number, v: string) => ({ time: time as UTCTimestamp, v });
    expect(ascendingTimes([t(1, 'a'), t(2, 'b'), t(2, 'c'), t(1, 'd'), t(3, 'e')])).toEqual([t(1, 'a'), t(2, 'c'), t(3, 'e')]);
    expect(ascendingTimes([])).toEqual([]);
  });
});
