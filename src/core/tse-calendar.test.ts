// The TSE calendar checked against published lists. Node (Vitest). 2000–2026: every weekday of
// exchange_calendars' XTKS session table (tests/resources/xtks.csv, commit 5308ce2; 2000-01-03 and
// 2026-12-31 lie outside it); 2027–2035 and the equinox days: holiday_jp's holidays.yml (commit
// f9d2e3c, kept in step with the Cabinet Office's list) plus the exchange's 31 Dec–3 Jan closure.

import { describe, expect, it } from 'vitest';
import { marketDayStatus, marketSessions } from './market';
import { TSE } from './markets';
import { equinoxDays, TSE_FIRST_YEAR, TSE_LAST_YEAR, tseYear } from './tse-calendar';

/** Per year: the weekdays the exchange is closed (MM-DD). */
const PUBLISHED: Record<number, string> = {
  2000: '01-03 01-10 02-11 03-20 05-03 05-04 05-05 07-20 09-15 10-09 11-03 11-23',
  2001: '01-01 01-02 01-03 01-08 02-12 03-20 04-30 05-03 05-04 07-20 09-24 10-08 11-23 12-24 12-31',
  2002: '01-01 01-02 01-03 01-14 02-11 03-21 04-29 05-03 05-06 09-16 09-23 10-14 11-04 12-23 12-31',
  2003: '01-01 01-02 01-03 01-13 02-11 03-21 04-29 05-05 07-21 09-15 09-23 10-13 11-03 11-24 12-23 12-31',
  2004: '01-01 01-02 01-12 02-11 04-29 05-03 05-04 05-05 07-19 09-20 09-23 10-11 11-03 11-23 12-23 12-31',
  2005: '01-03 01-10 02-11 03-21 04-29 05-03 05-04 05-05 07-18 09-19 09-23 10-10 11-03 11-23 12-23',
  2006: '01-02 01-03 01-09 03-21 05-03 05-04 05-05 07-17 09-18 10-09 11-03 11-23',
  2007: '01-01 01-02 01-03 01-08 02-12 03-21 04-30 05-03 05-04 07-16 09-17 09-24 10-08 11-23 12-24 12-31',
  2008: '01-01 01-02 01-03 01-14 02-11 03-20 04-29 05-05 05-06 07-21 09-15 09-23 10-13 11-03 11-24 12-23 12-31',
  2009: '01-01 01-02 01-12 02-11 03-20 04-29 05-04 05-05 05-06 07-20 09-21 09-22 09-23 10-12 11-03 11-23 12-23 12-31',
  2010: '01-01 01-11 02-11 03-22 04-29 05-03 05-04 05-05 07-19 09-20 09-23 10-11 11-03 11-23 12-23 12-31',
  2011: '01-03 01-10 02-11 03-21 04-29 05-03 05-04 05-05 07-18 09-19 09-23 10-10 11-03 11-23 12-23',
  2012: '01-02 01-03 01-09 03-20 04-30 05-03 05-04 07-16 09-17 10-08 11-23 12-24 12-31',
  2013: '01-01 01-02 01-03 01-14 02-11 03-20 04-29 05-03 05-06 07-15 09-16 09-23 10-14 11-04 12-23 12-31',
  2014: '01-01 01-02 01-03 01-13 02-11 03-21 04-29 05-05 05-06 07-21 09-15 09-23 10-13 11-03 11-24 12-23 12-31',
  2015: '01-01 01-02 01-12 02-11 04-29 05-04 05-05 05-06 07-20 09-21 09-22 09-23 10-12 11-03 11-23 12-23 12-31',
  2016: '01-01 01-11 02-11 03-21 04-29 05-03 05-04 05-05 07-18 08-11 09-19 09-22 10-10 11-03 11-23 12-23',
  2017: '01-02 01-03 01-09 03-20 05-03 05-04 05-05 07-17 08-11 09-18 10-09 11-03 11-23',
  2018: '01-01 01-02 01-03 01-08 02-12 03-21 04-30 05-03 05-04 07-16 09-17 09-24 10-08 11-23 12-24 12-31',
  2019: '01-01 01-02 01-03 01-14 02-11 03-21 04-29 04-30 05-01 05-02 05-03 05-06 07-15 08-12 09-16 09-23 10-14 10-22 11-04 12-31',
  2020: '01-01 01-02 01-03 01-13 02-11 02-24 03-20 04-29 05-04 05-05 05-06 07-23 07-24 08-10 09-21 09-22 10-01 11-03 11-23 12-31',
  2021: '01-01 01-11 02-11 02-23 04-29 05-03 05-04 05-05 07-22 07-23 08-09 09-20 09-23 11-03 11-23 12-31',
  2022: '01-03 01-10 02-11 02-23 03-21 04-29 05-03 05-04 05-05 07-18 08-11 09-19 09-23 10-10 11-03 11-23',
  2023: '01-02 01-03 01-09 02-23 03-21 05-03 05-04 05-05 07-17 08-11 09-18 10-09 11-03 11-23',
  2024: '01-01 01-02 01-03 01-08 02-12 02-23 03-20 04-29 05-03 05-06 07-15 08-12 09-16 09-23 10-14 11-04 12-31',
  2025: '01-01 01-02 01-03 01-13 02-11 02-24 03-20 04-29 05-05 05-06 07-21 08-11 09-15 09-23 10-13 11-03 11-24 12-31',
  2026: '01-01 01-02 01-12 02-11 02-23 03-20 04-29 05-04 05-05 05-06 07-20 08-11 09-21 09-22 09-23 10-12 11-03 11-23 12-31',
};

/** 2027–2035: weekday national holidays (holiday_jp); the exchange adds 01-02, 01-03 and 12-31 on weekdays. */
const NATIONAL: Record<number, string> = {
  2027: '01-01 01-11 02-11 02-23 03-22 04-29 05-03 05-04 05-05 07-19 08-11 09-20 09-23 10-11 11-03 11-23',
  2028: '01-10 02-11 02-23 03-20 05-03 05-04 05-05 07-17 08-11 09-18 09-22 10-09 11-03 11-23',
  2029: '01-01 01-08 02-12 02-23 03-20 04-30 05-03 05-04 07-16 09-17 09-24 10-08 11-23',
  2030: '01-01 01-14 02-11 03-20 04-29 05-03 05-06 07-15 08-12 09-16 09-23 10-14 11-04',
  2031: '01-01 01-13 02-11 02-24 03-21 04-29 05-05 05-06 07-21 08-11 09-15 09-23 10-13 11-03 11-24',
  2032: '01-01 01-12 02-11 02-23 04-29 05-03 05-04 05-05 07-19 08-11 09-20 09-21 09-22 10-11 11-03 11-23',
  2033: '01-10 02-11 02-23 03-21 04-29 05-03 05-04 05-05 07-18 08-11 09-19 09-23 10-10 11-03 11-23',
  2034: '01-02 01-09 02-23 03-20 05-03 05-04 05-05 07-17 08-11 09-18 10-09 11-03 11-23',
  2035: '01-01 01-08 02-12 02-23 03-21 04-30 05-03 05-04 07-16 09-17 09-24 10-08 11-23',
};

/** Day of March and of September of the equinox days, 2000–2035 (holiday_jp). */
const VERNAL = '20 20 21 21 20 20 21 21 20 20 21 21 20 20 21 21 20 20 21 21 20 20 21 21 20 20 20 21 20 20 20 21 20 20 20 21';
const AUTUMNAL = '23 23 23 23 23 23 23 23 23 23 23 23 22 23 23 23 22 23 23 23 22 23 23 23 22 23 23 23 22 23 23 23 22 23 23 23';

const isWeekday = (day: string) => ![0, 6].includes(new Date(`${day}T12:00:00Z`).getUTCDay());

function closed(year: number): string {
  return [...(tseYear(year) ?? new Map())]
    .filter(([day, e]) => isWeekday(day) && e.kind === 'holiday')
    .map(([day]) => day.slice(5))
    .sort()
    .join(' ');
}

/** The calendar's word on a day: the holiday's name, or 'open'. */
const said = (day: string) => TSE.calendar(day)?.name ?? 'open';
/** A day's sessions as Tokyo wall times. */
const tokyo = (day: string) =>
  marketSessions(TSE, day, 'regular').map((s) => [s.open, s.close].map((t) => new Date(t + 9 * 3_600_000).toISOString().slice(11, 16)).join('–'));

describe('TSE calendar', () => {
  for (const year of Object.keys(PUBLISHED).map(Number)) {
    it(`matches exchange_calendars' XTKS sessions for ${year}`, () => {
      expect(closed(year)).toBe(PUBLISHED[year]);
    });
  }
  for (const year of Object.keys(NATIONAL).map(Number)) {
    it(`matches the national holidays published for ${year}, with the New Year closure`, () => {
      const exchange = [`${year}-01-02`, `${year}-01-03`, `${year}-12-31`].filter(isWeekday).map((d) => d.slice(5));
      expect(closed(year)).toBe([...new Set([...NATIONAL[year].split(' '), ...exchange])].sort().join(' '));
    });
  }

  it('puts the equinox days where the astronomical formula and the published lists put them, 2000–2035', () => {
    const years = Array.from({ length: 36 }, (_, i) => 2000 + i);
    expect(years.map((y) => equinoxDays(y).vernal.slice(8)).join(' ')).toBe(VERNAL);
    expect(years.map((y) => equinoxDays(y).autumnal.slice(8)).join(' ')).toBe(AUTUMNAL);
    expect(said('2010-03-22')).toBe('Substitute holiday for Vernal Equinox Day'); // 03-21 was a Sunday
  });

  it('follows the Happy Monday moves of 2000 (Coming of Age, Sports Day) and 2003 (Marine Day, Respect for the Aged)', () => {
    expect([said('2000-01-10'), said('2000-10-09')]).toEqual(['Coming of Age Day', 'Health and Sports Day']);
    expect([said('2002-09-16'), said('2003-07-21'), said('2003-09-15')]).toEqual(['Substitute holiday for Respect for the Aged Day', 'Marine Day', 'Respect for the Aged Day']);
    expect(said('2001-07-20')).toBe('Marine Day');
  });

  it('gives a Sunday holiday a substitute: the Monday before 2007, the next day that is no holiday from 2007', () => {
    expect(said('2006-01-02')).toBe("Substitute holiday for New Year's Day");
    expect(said('2009-05-06')).toBe('Substitute holiday for Constitution Memorial Day'); // 05-03 Sunday, 04 and 05 holidays
    expect(said('2020-02-24')).toBe("Substitute holiday for Emperor's Birthday");
  });

  it("makes a day between two national holidays a citizens' holiday", () => {
    for (const day of ['2000-05-04', '2009-09-22', '2015-09-22', '2026-09-22', '2032-09-21', '2019-04-30', '2019-05-02']) expect(said(day), day).toBe("Citizens' holiday");
    expect(said('2007-05-04')).toBe('Greenery Day');
  });

  it('closes for the imperial transition of 2019 and moves no Emperor\'s Birthday into it', () => {
    expect([said('2019-05-01'), said('2019-10-22')]).toEqual(["Emperor's accession", 'Enthronement ceremony']);
    expect([said('2018-12-24'), said('2019-12-23'), said('2020-02-24')]).toEqual(["Substitute holiday for Emperor's Birthday", 'open', "Substitute holiday for Emperor's Birthday"]);
  });

  it('moves Marine, Sports and Mountain Day for the Olympics in 2020 and 2021', () => {
    expect([said('2020-07-23'), said('2020-07-24'), said('2020-08-10')]).toEqual(['Marine Day', 'Sports Day', 'Mountain Day']);
    expect([said('2020-07-20'), said('2020-08-11'), said('2020-10-12')]).toEqual(['open', 'open', 'open']);
    expect([said('2021-07-22'), said('2021-07-23'), said('2021-08-09')]).toEqual(['Marine Day', 'Sports Day', 'Substitute holiday for Mountain Day']);
    expect([said('2021-07-19'), said('2021-08-11'), said('2021-10-11')]).toEqual(['open', 'open', 'open']);
    expect([said('2022-07-18'), said('2022-08-11'), said('2022-10-10')]).toEqual(['Marine Day', 'Mountain Day', 'Sports Day']);
  });

  it('closes 31 December to 3 January, and on 2020-10-01 (the arrowhead failure)', () => {
    expect([said('2024-12-31'), said('2025-01-02'), said('2025-01-03')]).toEqual(Array(3).fill('New Year holidays (exchange closed)'));
    expect(said('2020-10-01')).toBe('Trading halted all day (arrowhead system failure)');
    expect(tokyo('2024-12-30')).toEqual(['09:00–11:30', '12:30–15:30']);
  });

  it('ran the first and last trading days as morning-only half days until 2009, in the 09:00–11:00 morning of before 2011-11-21', () => {
    expect(tokyo('2008-12-30')).toEqual(['09:00–11:00']);
    expect(tokyo('2009-01-05')).toEqual(['09:00–11:00']);
    expect(TSE.calendar('2009-01-05')).toEqual({ kind: 'early-close', name: 'First trading day of the year, morning session only', closeMinute: 660 });
    expect(tokyo('2009-12-30')).toEqual(['09:00–11:00', '12:30–15:00']);
    expect(tokyo('2010-01-04')).toEqual(['09:00–11:00', '12:30–15:00']);
    expect(tokyo('2011-11-18')).toEqual(['09:00–11:00', '12:30–15:00']);
    expect(tokyo('2011-11-21')).toEqual(['09:00–11:30', '12:30–15:00']);
  });

  it(`knows ${TSE_FIRST_YEAR}–${TSE_LAST_YEAR} only: outside them weekdays are taken as ordinary days, as for the other markets`, () => {
    expect([TSE_FIRST_YEAR, TSE_LAST_YEAR]).toEqual([2000, 2035]);
    expect([tseYear(1999), tseYear(2036)]).toEqual([null, null]);
    expect(marketDayStatus(TSE, '2035-11-23')).toEqual({ kind: 'holiday', reason: 'Labour Thanksgiving Day', known: true });
    expect(marketDayStatus(TSE, '1999-11-23')).toEqual({ kind: 'open', known: false });
    expect(marketDayStatus(TSE, '2036-12-31')).toEqual({ kind: 'open', known: false });
  });
});
