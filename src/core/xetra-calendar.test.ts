// The XETRA calendar checked against a published list: exchange_calendars' XETR session table
// (its tests/resources/xetr.csv, commit 5308ce2): a weekday missing from it is a closing day,
// a close before 17:30 Berlin an early close. Node (Vitest).

import { describe, expect, it } from 'vitest';
import { marketSessions } from './market';
import { XETRA } from './markets';
import { xetraYear } from './xetra-calendar';

const PUBLISHED: Record<number, { holidays: string; early: string }> = {
  2007: { holidays: '01-01 04-06 04-09 05-01 05-28 12-24 12-25 12-26 12-31', early: '' },
  2010: { holidays: '01-01 04-02 04-05 12-24 12-31', early: '12-30 14:00' },
  2014: { holidays: '01-01 04-18 04-21 05-01 10-03 12-24 12-25 12-26 12-31', early: '12-30 14:00' },
  2017: { holidays: '04-14 04-17 05-01 06-05 10-03 10-31 12-25 12-26', early: '12-29 14:00' },
  2019: { holidays: '01-01 04-19 04-22 05-01 06-10 10-03 12-24 12-25 12-26 12-31', early: '12-30 14:00' },
  2021: { holidays: '01-01 04-02 04-05 05-24 12-24 12-31', early: '12-30 14:00' },
  2022: { holidays: '04-15 04-18 12-26', early: '12-30 14:00' },
};

function computed(year: number): { holidays: string; early: string } {
  const weekday = (day: string) => ![0, 6].includes(new Date(`${day}T12:00:00Z`).getUTCDay());
  const entries = [...(xetraYear(year) ?? new Map())].filter(([day]) => weekday(day)).sort(([a], [b]) => a.localeCompare(b));
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return {
    holidays: entries.filter(([, e]) => e.kind === 'holiday').map(([day]) => day.slice(5)).join(' '),
    early: entries.filter(([, e]) => e.kind === 'early-close').map(([day, e]) => `${day.slice(5)} ${hhmm(e.closeMinute ?? 0)}`).join(' '),
  };
}

describe('XETRA calendar', () => {
  for (const year of Object.keys(PUBLISHED).map(Number)) {
    it(`matches the published list for ${year}`, () => {
      expect(computed(year)).toEqual(PUBLISHED[year]);
    });
  }
  it('closes Good Friday and cuts the last trading day of the year at 14:00 Berlin', () => {
    expect(marketSessions(XETRA, '2024-03-29', 'regular')).toEqual([]);
    const [last] = marketSessions(XETRA, '2024-12-30', 'regular');
    expect(last.close).toBe(Date.parse('2024-12-30T14:00:00+01:00'));
  });
});
