// The calendar-day rules the exchange calendars are built from (their own tests compare whole
// years with published lists; these pin the edges: roll-over, last weekdays, the year table).
import { describe, expect, it } from 'vitest';
import { addDays, easterSunday, isoDay, nthWeekday, weekdayOf, yearTable } from './calendar-day';

describe('calendar days', () => {
  it('rolls days over months and years, both ways', () => {
    expect(isoDay(2024, 1, 0)).toBe('2023-12-31');
    expect(isoDay(2024, 2, 30)).toBe('2024-03-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-01-01', -1)).toBe('2023-12-31');
    expect(weekdayOf('2024-03-10')).toBe(0); // a Sunday (New York's DST change)
  });

  it('finds the n-th and the last weekday of a month', () => {
    expect(nthWeekday(2024, 3, 0, 2)).toBe('2024-03-10'); // New York's DST: the second Sunday of March
    expect(nthWeekday(2024, 3, 0, -1)).toBe('2024-03-31'); // Europe's: the last Sunday of March
    expect(nthWeekday(2024, 11, 4, 4)).toBe('2024-11-28'); // Thanksgiving
    expect(nthWeekday(2022, 5, 1, -1)).toBe('2022-05-30'); // the last Monday of May
  });

  it('dates Easter', () => {
    expect([2000, 2019, 2024, 2035].map(easterSunday)).toEqual(['2000-04-23', '2019-04-21', '2024-03-31', '2035-03-25']);
  });

  it('builds a year once, and only inside its range', () => {
    let built = 0;
    const table = yearTable(2000, 2001, (year) => new Map([[`${year}-01-01`, ++built]]));
    expect(table(1999)).toBeNull();
    expect(table(2002)).toBeNull();
    expect(table(2000)?.get('2000-01-01')).toBe(1);
    expect(table(2000)?.get('2000-01-01')).toBe(1);
    expect(table(2001)?.get('2001-01-01')).toBe(2);
    expect(built).toBe(2);
  });
});
