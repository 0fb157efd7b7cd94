// The US equities calendar checked day by day against published lists. Node (Vitest).
// 1990–2022: every weekday of exchange_calendars' XNYS session table (its tests/resources/xnys.csv,
// commit 5308ce2): a weekday missing from it is a holiday, a close before 16:00 an early close.
// 2023–2027: the NYSE's published "Holidays & Trading Hours" pages for those years.

import { describe, expect, it } from 'vitest';
import { easterSunday } from './calendar-day';
import { US_ONE_OFF_CLOSURES, usEquityYear } from './us-equity-calendar';

/** Per year: holidays (MM-DD) and early closes (MM-DD HH:MM New York). */
const PUBLISHED: Record<number, { holidays: string; early: string }> = {
  1990: { holidays: '01-01 02-19 04-13 05-28 07-04 09-03 11-22 12-25', early: '12-24 14:00' },
  1991: { holidays: '01-01 02-18 03-29 05-27 07-04 09-02 11-28 12-25', early: '12-24 14:00' },
  1992: { holidays: '01-01 02-17 04-17 05-25 07-03 09-07 11-26 12-25', early: '11-27 14:00 12-24 14:00' },
  1993: { holidays: '01-01 02-15 04-09 05-31 07-05 09-06 11-25 12-24', early: '11-26 13:00' },
  1994: { holidays: '02-21 04-01 04-27 05-30 07-04 09-05 11-24 12-26', early: '11-25 13:00' },
  1995: { holidays: '01-02 02-20 04-14 05-29 07-04 09-04 11-23 12-25', early: '07-03 13:00 11-24 13:00' },
  1996: { holidays: '01-01 02-19 04-05 05-27 07-04 09-02 11-28 12-25', early: '07-05 13:00 11-29 13:00 12-24 13:00' },
  1997: { holidays: '01-01 02-17 03-28 05-26 07-04 09-01 11-27 12-25', early: '07-03 13:00 11-28 13:00 12-24 13:00 12-26 13:00' },
  1998: { holidays: '01-01 01-19 02-16 04-10 05-25 07-03 09-07 11-26 12-25', early: '11-27 13:00 12-24 13:00' },
  1999: { holidays: '01-01 01-18 02-15 04-02 05-31 07-05 09-06 11-25 12-24', early: '11-26 13:00 12-31 13:00' },
  2000: { holidays: '01-17 02-21 04-21 05-29 07-04 09-04 11-23 12-25', early: '07-03 13:00 11-24 13:00' },
  2001: { holidays: '01-01 01-15 02-19 04-13 05-28 07-04 09-03 09-11 09-12 09-13 09-14 11-22 12-25', early: '07-03 13:00 11-23 13:00 12-24 13:00' },
  2002: { holidays: '01-01 01-21 02-18 03-29 05-27 07-04 09-02 11-28 12-25', early: '07-05 13:00 11-29 13:00 12-24 13:00' },
  2003: { holidays: '01-01 01-20 02-17 04-18 05-26 07-04 09-01 11-27 12-25', early: '07-03 13:00 11-28 13:00 12-24 13:00 12-26 13:00' },
  2004: { holidays: '01-01 01-19 02-16 04-09 05-31 06-11 07-05 09-06 11-25 12-24', early: '11-26 13:00' },
  2005: { holidays: '01-17 02-21 03-25 05-30 07-04 09-05 11-24 12-26', early: '11-25 13:00' },
  2006: { holidays: '01-02 01-16 02-20 04-14 05-29 07-04 09-04 11-23 12-25', early: '07-03 13:00 11-24 13:00' },
  2007: { holidays: '01-01 01-02 01-15 02-19 04-06 05-28 07-04 09-03 11-22 12-25', early: '07-03 13:00 11-23 13:00 12-24 13:00' },
  2008: { holidays: '01-01 01-21 02-18 03-21 05-26 07-04 09-01 11-27 12-25', early: '07-03 13:00 11-28 13:00 12-24 13:00' },
  2009: { holidays: '01-01 01-19 02-16 04-10 05-25 07-03 09-07 11-26 12-25', early: '11-27 13:00 12-24 13:00' },
  2010: { holidays: '01-01 01-18 02-15 04-02 05-31 07-05 09-06 11-25 12-24', early: '11-26 13:00' },
  2011: { holidays: '01-17 02-21 04-22 05-30 07-04 09-05 11-24 12-26', early: '11-25 13:00' },
  2012: { holidays: '01-02 01-16 02-20 04-06 05-28 07-04 09-03 10-29 10-30 11-22 12-25', early: '07-03 13:00 11-23 13:00 12-24 13:00' },
  2013: { holidays: '01-01 01-21 02-18 03-29 05-27 07-04 09-02 11-28 12-25', early: '07-03 13:00 11-29 13:00 12-24 13:00' },
  2014: { holidays: '01-01 01-20 02-17 04-18 05-26 07-04 09-01 11-27 12-25', early: '07-03 13:00 11-28 13:00 12-24 13:00' },
  2015: { holidays: '01-01 01-19 02-16 04-03 05-25 07-03 09-07 11-26 12-25', early: '11-27 13:00 12-24 13:00' },
  2016: { holidays: '01-01 01-18 02-15 03-25 05-30 07-04 09-05 11-24 12-26', early: '11-25 13:00' },
  2017: { holidays: '01-02 01-16 02-20 04-14 05-29 07-04 09-04 11-23 12-25', early: '07-03 13:00 11-24 13:00' },
  2018: { holidays: '01-01 01-15 02-19 03-30 05-28 07-04 09-03 11-22 12-05 12-25', early: '07-03 13:00 11-23 13:00 12-24 13:00' },
  2019: { holidays: '01-01 01-21 02-18 04-19 05-27 07-04 09-02 11-28 12-25', early: '07-03 13:00 11-29 13:00 12-24 13:00' },
  2020: { holidays: '01-01 01-20 02-17 04-10 05-25 07-03 09-07 11-26 12-25', early: '11-27 13:00 12-24 13:00' },
  2021: { holidays: '01-01 01-18 02-15 04-02 05-31 07-05 09-06 11-25 12-24', early: '11-26 13:00' },
  2022: { holidays: '01-17 02-21 04-15 05-30 06-20 07-04 09-05 11-24 12-26', early: '11-25 13:00' },
  // NYSE published pages (nyse.com, "Holidays & Trading Hours").
  2023: { holidays: '01-02 01-16 02-20 04-07 05-29 06-19 07-04 09-04 11-23 12-25', early: '07-03 13:00 11-24 13:00' },
  2024: { holidays: '01-01 01-15 02-19 03-29 05-27 06-19 07-04 09-02 11-28 12-25', early: '07-03 13:00 11-29 13:00 12-24 13:00' },
  2025: { holidays: '01-01 01-09 01-20 02-17 04-18 05-26 06-19 07-04 09-01 11-27 12-25', early: '07-03 13:00 11-28 13:00 12-24 13:00' },
  2026: { holidays: '01-01 01-19 02-16 04-03 05-25 06-19 07-03 09-07 11-26 12-25', early: '11-27 13:00 12-24 13:00' },
  2027: { holidays: '01-01 01-18 02-15 03-26 05-31 06-18 07-05 09-06 11-25 12-24', early: '11-26 13:00' },
};

function hhmm(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** The calendar's own list for `year`, written like PUBLISHED. */
function computed(year: number): { holidays: string; early: string } {
  const entries = [...(usEquityYear(year) ?? new Map())].sort(([a], [b]) => a.localeCompare(b));
  const weekday = (day: string) => ![0, 6].includes(new Date(`${day}T12:00:00Z`).getUTCDay());
  return {
    holidays: entries.filter(([day, e]) => e.closeMinute === undefined && weekday(day)).map(([day]) => day.slice(5)).join(' '),
    early: entries.filter(([, e]) => e.closeMinute !== undefined).map(([day, e]) => `${day.slice(5)} ${hhmm(e.closeMinute ?? 0)}`).join(' '),
  };
}

describe('US equities calendar', () => {
  for (const year of Object.keys(PUBLISHED).map(Number)) {
    it(`matches the published list for ${year}`, () => {
      expect(computed(year)).toEqual(PUBLISHED[year]);
    });
  }

  it('covers every year 1990–2035 with the regular holidays, and no other', () => {
    for (let year = 1990; year <= 2035; year++) {
      const holidays = computed(year).holidays.split(' ');
      // Eight rule holidays (New Year's on a Saturday is not observed: seven), MLK from 1998, Juneteenth from 2022.
      const rules = 8 - (new Date(Date.UTC(year, 0, 1)).getUTCDay() === 6 ? 1 : 0) + (year >= 1998 ? 1 : 0) + (year >= 2022 ? 1 : 0);
      const oneOffs = US_ONE_OFF_CLOSURES.filter((c) => c.day.startsWith(`${year}-`)).length;
      expect(holidays.length, `${year}`).toBe(rules + oneOffs);
    }
    expect(usEquityYear(1989)).toBeNull();
    expect(usEquityYear(2036)).toBeNull();
  });

  it('knows Easter', () => {
    expect(['2000', '2008', '2011', '2019', '2024', '2035'].map((y) => easterSunday(Number(y)))).toEqual([
      '2000-04-23',
      '2008-03-23',
      '2011-04-24',
      '2019-04-21',
      '2024-03-31',
      '2035-03-25',
    ]);
  });

  it('lists each one-off closure with its source', () => {
    expect(US_ONE_OFF_CLOSURES.map((c) => c.day)).toEqual([
      '1994-04-27',
      '2001-09-11',
      '2001-09-12',
      '2001-09-13',
      '2001-09-14',
      '2004-06-11',
      '2007-01-02',
      '2012-10-29',
      '2012-10-30',
      '2018-12-05',
      '2025-01-09',
    ]);
    for (const c of US_ONE_OFF_CLOSURES) expect(c.source.length).toBeGreaterThan(0);
  });
});
