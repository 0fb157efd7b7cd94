// The LSE calendar checked against published lists. Node (Vitest). 1990–2023: every weekday of
// exchange_calendars' XLON session table (tests/resources/xlon.csv, commit 5308ce2, 1990-01-02 to
// 2023-09-12; a missing weekday is a closing day, a close before 16:30 an early close), the rest
// from the LSE's notices; 2024–2027: gov.uk/bank-holidays (England and Wales) and the 12:30 closes.

import { describe, expect, it } from 'vitest';
import { marketDayStatus, marketSessions } from './market';
import { LSE } from './markets';
import { LSE_FIRST_YEAR, LSE_LAST_YEAR, lseYear } from './lse-calendar';

/** Per year: weekday closing days (MM-DD) and early closes (MM-DD HH:MM London). */
const PUBLISHED: Record<number, { holidays: string; early: string }> = {
  1990: { holidays: '01-01 04-13 04-16 05-07 05-28 08-27 12-25 12-26', early: '12-24 12:30 12-31 12:30' },
  1991: { holidays: '01-01 03-29 04-01 05-06 05-27 08-26 12-25 12-26', early: '12-24 12:30 12-31 12:30' },
  1992: { holidays: '01-01 04-17 04-20 05-04 05-25 08-31 12-25 12-28', early: '12-24 12:30 12-31 12:30' },
  1993: { holidays: '01-01 04-09 04-12 05-03 05-31 08-30 12-27 12-28', early: '12-24 12:30 12-31 12:30' },
  1994: { holidays: '01-03 04-01 04-04 05-02 05-30 08-29 12-26 12-27', early: '12-23 12:30 12-30 12:30' },
  1995: { holidays: '01-02 04-14 04-17 05-08 05-29 08-28 12-25 12-26', early: '12-22 12:30 12-29 12:30' },
  1996: { holidays: '01-01 04-05 04-08 05-06 05-27 08-26 12-25 12-26', early: '12-24 12:30 12-31 12:30' },
  1997: { holidays: '01-01 03-28 03-31 05-05 05-26 08-25 12-25 12-26', early: '12-24 12:30 12-31 12:30' },
  1998: { holidays: '01-01 04-10 04-13 05-04 05-25 08-31 12-25 12-28', early: '12-24 12:30 12-31 12:30' },
  1999: { holidays: '01-01 04-02 04-05 05-03 05-31 08-30 12-27 12-28 12-31', early: '12-24 12:30' },
  2000: { holidays: '01-03 04-21 04-24 05-01 05-29 08-28 12-25 12-26', early: '12-22 12:30 12-29 12:30' },
  2001: { holidays: '01-01 04-13 04-16 05-07 05-28 08-27 12-25 12-26', early: '12-24 12:30 12-31 12:30' },
  2002: { holidays: '01-01 03-29 04-01 05-06 06-03 06-04 08-26 12-25 12-26', early: '12-24 12:30 12-31 12:30' },
  2003: { holidays: '01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26', early: '12-24 12:30 12-31 12:30' },
  2004: { holidays: '01-01 04-09 04-12 05-03 05-31 08-30 12-27 12-28', early: '12-24 12:30 12-31 12:30' },
  2005: { holidays: '01-03 03-25 03-28 05-02 05-30 08-29 12-26 12-27', early: '12-23 12:30 12-30 12:30' },
  2006: { holidays: '01-02 04-14 04-17 05-01 05-29 08-28 12-25 12-26', early: '12-22 12:30 12-29 12:30' },
  2007: { holidays: '01-01 04-06 04-09 05-07 05-28 08-27 12-25 12-26', early: '12-24 12:30 12-31 12:30' },
  2008: { holidays: '01-01 03-21 03-24 05-05 05-26 08-25 12-25 12-26', early: '12-24 12:30 12-31 12:30' },
  2009: { holidays: '01-01 04-10 04-13 05-04 05-25 08-31 12-25 12-28', early: '12-24 12:30 12-31 12:30' },
  2010: { holidays: '01-01 04-02 04-05 05-03 05-31 08-30 12-27 12-28', early: '12-24 12:30 12-31 12:30' },
  2011: { holidays: '01-03 04-22 04-25 04-29 05-02 05-30 08-29 12-26 12-27', early: '12-23 12:30 12-30 12:30' },
  2012: { holidays: '01-02 04-06 04-09 05-07 06-04 06-05 08-27 12-25 12-26', early: '12-24 12:30 12-31 12:30' },
  2013: { holidays: '01-01 03-29 04-01 05-06 05-27 08-26 12-25 12-26', early: '12-24 12:30 12-31 12:30' },
  2014: { holidays: '01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26', early: '12-24 12:30 12-31 12:30' },
  2015: { holidays: '01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28', early: '12-24 12:30 12-31 12:30' },
  2016: { holidays: '01-01 03-25 03-28 05-02 05-30 08-29 12-26 12-27', early: '12-23 12:30 12-30 12:30' },
  2017: { holidays: '01-02 04-14 04-17 05-01 05-29 08-28 12-25 12-26', early: '12-22 12:30 12-29 12:30' },
  2018: { holidays: '01-01 03-30 04-02 05-07 05-28 08-27 12-25 12-26', early: '12-24 12:30 12-31 12:30' },
  2019: { holidays: '01-01 04-19 04-22 05-06 05-27 08-26 12-25 12-26', early: '12-24 12:30 12-31 12:30' },
  2020: { holidays: '01-01 04-10 04-13 05-08 05-25 08-31 12-25 12-28', early: '12-24 12:30 12-31 12:30' },
  2021: { holidays: '01-01 04-02 04-05 05-03 05-31 08-30 12-27 12-28', early: '12-24 12:30 12-31 12:30' },
  2022: { holidays: '01-03 04-15 04-18 05-02 06-02 06-03 08-29 09-19 12-26 12-27', early: '12-23 12:30 12-30 12:30' },
  2023: { holidays: '01-02 04-07 04-10 05-01 05-08 05-29 08-28 12-25 12-26', early: '12-22 12:30 12-29 12:30' },
  2024: { holidays: '01-01 03-29 04-01 05-06 05-27 08-26 12-25 12-26', early: '12-24 12:30 12-31 12:30' },
  2025: { holidays: '01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26', early: '12-24 12:30 12-31 12:30' },
  2026: { holidays: '01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28', early: '12-24 12:30 12-31 12:30' },
  2027: { holidays: '01-01 03-26 03-29 05-03 05-31 08-30 12-27 12-28', early: '12-24 12:30 12-31 12:30' },
};

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

function computed(year: number): { holidays: string; early: string } {
  const weekday = (day: string) => ![0, 6].includes(new Date(`${day}T12:00:00Z`).getUTCDay());
  const entries = [...(lseYear(year) ?? new Map())].filter(([day]) => weekday(day)).sort(([a], [b]) => a.localeCompare(b));
  return {
    holidays: entries.filter(([, e]) => e.kind === 'holiday').map(([day]) => day.slice(5)).join(' '),
    early: entries.filter(([, e]) => e.kind === 'early-close').map(([day, e]) => `${day.slice(5)} ${hhmm(e.closeMinute ?? 0)}`).join(' '),
  };
}

/** The calendar's word on a day: the holiday's or early close's name, or 'open'. */
const said = (day: string) => LSE.calendar(day)?.name ?? 'open';

describe('LSE calendar', () => {
  for (const year of Object.keys(PUBLISHED).map(Number)) {
    it(`matches the published list for ${year}`, () => {
      expect(computed(year)).toEqual(PUBLISHED[year]);
    });
  }

  it('moves New Year, Christmas and Boxing Day off a weekend to the next free weekday', () => {
    expect(said('2011-01-03')).toBe("New Year's Day"); // Saturday New Year
    expect(said('2017-01-02')).toBe("New Year's Day"); // Sunday New Year
    // Saturday Christmas: Monday and Tuesday; Sunday Christmas: Boxing Day Monday, Christmas Tuesday.
    expect([said('2010-12-27'), said('2010-12-28')]).toEqual(['Christmas Day (substitute day)', 'Boxing Day (substitute day)']);
    expect([said('2011-12-26'), said('2011-12-27')]).toEqual(['Boxing Day', 'Christmas Day (substitute day)']);
    expect([said('2015-12-25'), said('2015-12-28')]).toEqual(['Christmas Day', 'Boxing Day (substitute day)']);
  });

  it('moves the early May and spring bank holidays in the VE Day and jubilee years, and adds the extra days', () => {
    expect([said('1995-05-01'), said('1995-05-08')]).toEqual(['open', 'Early May bank holiday (moved for the 50th anniversary of VE Day)']);
    expect([said('2020-05-04'), said('2020-05-08')]).toEqual(['open', 'Early May bank holiday (moved for the 75th anniversary of VE Day)']);
    expect([said('2002-05-27'), said('2002-06-03'), said('2002-06-04')]).toEqual(['open', "Queen's Golden Jubilee", 'Spring bank holiday (moved for the Golden Jubilee)']);
    expect([said('2012-05-28'), said('2012-06-04'), said('2012-06-05')]).toEqual(['open', 'Spring bank holiday (moved for the Diamond Jubilee)', "Queen's Diamond Jubilee"]);
    expect([said('2022-05-30'), said('2022-06-02'), said('2022-06-03')]).toEqual(['open', 'Spring bank holiday (moved for the Platinum Jubilee)', "Queen's Platinum Jubilee"]);
  });

  it('closes on the one-off days: the millennium, the royal wedding, the state funeral, the coronation', () => {
    expect(LSE.calendar('1999-12-31')).toEqual({ kind: 'holiday', name: 'Millennium Eve bank holiday' });
    expect(said('2011-04-29')).toBe('Royal wedding (Prince William and Catherine Middleton)');
    expect(said('2022-09-19')).toBe('State funeral of Queen Elizabeth II');
    expect(said('2023-05-08')).toBe('Coronation of King Charles III');
  });

  it('closes at 12:30 London on Christmas Eve and New Year\'s Eve, on the Friday before when they fall on a weekend', () => {
    const [eve] = marketSessions(LSE, '2024-12-24', 'regular');
    expect([eve.open, eve.close]).toEqual([Date.parse('2024-12-24T08:00:00Z'), Date.parse('2024-12-24T12:30:00Z')]);
    expect(LSE.calendar('2022-12-23')).toEqual({ kind: 'early-close', name: 'Christmas Eve', closeMinute: 750 });
    expect(LSE.calendar('2022-12-30')).toEqual({ kind: 'early-close', name: "New Year's Eve", closeMinute: 750 });
    expect(marketSessions(LSE, '2024-12-25', 'regular')).toEqual([]);
  });

  it(`knows ${LSE_FIRST_YEAR}–${LSE_LAST_YEAR} only: outside them weekdays are taken as ordinary days, as for the other markets`, () => {
    expect([LSE_FIRST_YEAR, LSE_LAST_YEAR]).toEqual([1990, 2035]);
    expect(lseYear(1989)).toBeNull();
    expect(lseYear(2036)).toBeNull();
    expect(marketDayStatus(LSE, '2035-12-25')).toEqual({ kind: 'holiday', reason: 'Christmas Day', known: true });
    expect(marketDayStatus(LSE, '2036-12-25')).toEqual({ kind: 'open', known: false });
    expect(marketDayStatus(LSE, '1989-12-25')).toEqual({ kind: 'open', known: false });
    expect(marketSessions(LSE, '2036-12-25', 'regular')).toHaveLength(1);
  });
});
