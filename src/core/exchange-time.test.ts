import { describe, expect, it } from 'vitest';
import { daysBetween, exchangeDay, exchangeWallToUtc, formatExchangeTime, isCalendarDay, zoneOffsetMs } from './exchange-time';

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
  it('reads an offset that changes off the UTC hour from the second it changes (cached by hour elsewhere)', () => {
    const H = 3_600_000;
    // Adelaide leaves summer time at 03:00 local, 16:30 UTC: +10:30 before, +9:30 from then.
    const adelaide = Date.parse('2024-04-06T16:30:00Z');
    expect([adelaide - 1000, adelaide, adelaide + 29 * 60_000].map((t) => zoneOffsetMs('Australia/Adelaide', t) / H)).toEqual([10.5, 9.5, 9.5]);
    // Lord Howe moves half an hour, at 15:30 UTC.
    const lordHowe = Date.parse('2024-10-05T15:30:00Z');
    expect([lordHowe - 60_000, lordHowe].map((t) => zoneOffsetMs('Australia/Lord_Howe', t) / H)).toEqual([10.5, 11]);
    // New York's change falls on the hour: the hour before it keeps the old offset to its last second.
    const newYork = Date.parse('2024-03-10T07:00:00Z');
    expect([newYork - 1000, newYork].map((t) => zoneOffsetMs('America/New_York', t) / H)).toEqual([-5, -4]);
  });
});
