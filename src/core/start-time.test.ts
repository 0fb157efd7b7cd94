// `start=HH:MM` read on the run's first market's clocks on its first day, against that market's
// sessions that day: US equities exactly as before, Tokyo's lunch break, Berlin after Europe's
// DST change, FX's evening before, and 24/7 on a night New York's clocks skip an hour.

import { describe, expect, it } from 'vitest';
import { exchangeWallToUtc } from './exchange-time';
import { CRYPTO_24_7, FX_24_5, TSE, US_EQUITIES, XETRA } from './markets';
import { startInMarket } from './start-time';

describe('startInMarket', () => {
  it('US equities: New York time on the first day, refused outside the session with the same words as ever', () => {
    expect(startInMarket('15:00', US_EQUITIES, '2013-10-07', 'regular')).toBe(exchangeWallToUtc('2013-10-07', 15 * 60));
    expect(startInMarket('07:00', US_EQUITIES, '2013-10-07', 'extended')).toBe(exchangeWallToUtc('2013-10-07', 7 * 60));
    expect(() => startInMarket('07:00', US_EQUITIES, '2013-10-07', 'regular')).toThrow(
      'start 07:00 is outside the regular session (09:30–16:00 New York): pick a time from 09:30 to 15:59, or hours=extended (04:00–20:00)',
    );
    expect(() => startInMarket('20:00', US_EQUITIES, '2013-10-07', 'extended')).toThrow('start 20:00 is outside the extended session (04:00–20:00 New York): pick a time from 04:00 to 19:59');
  });

  it("US equities on an early-close day: the session ends at 13:00", () => {
    expect(() => startInMarket('14:00', US_EQUITIES, '2013-11-29', 'regular')).toThrow('(09:30–13:00 New York): pick a time from 09:30 to 12:59, or hours=extended (04:00–17:00)');
  });

  it("Tokyo: Tokyo time, and the lunch break is outside its hours", () => {
    expect(startInMarket('09:15', TSE, '2024-03-11', 'regular')).toBe(Date.UTC(2024, 2, 11, 0, 15));
    expect(startInMarket('12:30', TSE, '2024-03-11', 'regular')).toBe(Date.UTC(2024, 2, 11, 3, 30));
    expect(() => startInMarket('11:45', TSE, '2024-03-11', 'regular')).toThrow(
      'start 11:45 is outside the regular session (09:00–11:30, 12:30–15:00 Tokyo): pick a time from 09:00 to 11:29 or 12:30 to 14:59',
    );
  });

  it('Berlin: after Europe moved its clocks (New York had moved two weeks before), no extended hours to offer', () => {
    expect(startInMarket('09:00', XETRA, '2024-04-02', 'regular')).toBe(Date.UTC(2024, 3, 2, 7));
    expect(startInMarket('09:00', XETRA, '2024-03-22', 'regular')).toBe(Date.UTC(2024, 2, 22, 8));
    expect(() => startInMarket('18:00', XETRA, '2024-04-02', 'regular')).toThrow('start 18:00 is outside the regular session (09:00–17:30 Berlin): pick a time from 09:00 to 17:29');
  });

  it("FX: a time after 17:00 is the evening before, where Monday's day opens", () => {
    expect(startInMarket('18:00', FX_24_5, '2024-01-15', 'regular')).toBe(Date.UTC(2024, 0, 14, 23));
    expect(startInMarket('10:00', FX_24_5, '2024-01-15', 'regular')).toBe(Date.UTC(2024, 0, 15, 15));
  });

  it("24/7: UTC time, even at 02:30 on the night New York's clocks skip 02:00–03:00", () => {
    expect(startInMarket('02:30', CRYPTO_24_7, '2024-03-10', 'regular')).toBe(Date.UTC(2024, 2, 10, 2, 30));
  });

  it('a day the market does not trade is named', () => {
    expect(() => startInMarket('10:00', XETRA, '2024-03-29', 'regular')).toThrow("outside XETRA (Frankfurt)'s hours: it does not trade on 2024-03-29");
  });
});
