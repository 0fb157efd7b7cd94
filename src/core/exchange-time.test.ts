import { describe, expect, it } from 'vitest';
import { daysBetween, exchangeDay, exchangeWallToUtc, formatExchangeTime, isCalendarDay } from './exchange-time';

describe('exchange time (America/New_York)', () => {
  it('converts New York wall time to UTC in summer and winter', () => {
    expect(exchangeWallToUtc('2013-10-07', 9 * 60 + 30)).toBe(Date.parse('2013-10-07T13:30:00Z'));
    expect(exchangeWallToUtc('2013-12-02', 9 * 60 + 30)).toBe(Date.parse('2013-12-02T14:30:00Z'));
  });
  it('handles the days DST starts and ends', () => {
    expect(exchangeWallToUtc('2014-03-09', 9 * 60 + 30)).toBe(Date.parse('2014-03-09T13:30:00Z'));
    expect(exchangeWallToUtc('2013-11-03', 9 * 60 + 30)).toBe(Date.parse('2013-11-03T14:30:00Z'));
  });
  it('formats and dates instants in New York time', () => {
    expect(formatExchangeTime(Date.parse('2013-10-07T13:31:00Z'))).toBe('2013-10-07 09:31:00');
    expect(exchangeDay(Date.parse('2013-10-08T03:59:00Z'))).toBe('2013-10-07');
  });
  it('validates calendar days', () => {
    expect(isCalendarDay('2013-10-07')).toBe(true);
    expect(isCalendarDay('2013-02-30')).toBe(false);
    expect(isCalendarDay('2013-10-7')).toBe(false);
    expect(daysBetween('2013-10-04', '2013-10-07')).toEqual(['2013-10-04', '2013-10-05', '2013-10-06', '2013-10-07']);
  });
});
