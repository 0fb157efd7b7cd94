// The Tokyo Stock Exchange calendar, 2000–2035: Japan's national holidays (Happy Monday 2000/2003,
// the 2019 imperial transition, the Olympic moves of 2020/2021) with substitute and citizens'
// holidays, the exchange's 31 December–3 January closure and its half days until 2009, as JPX and
// exchange_calendars' XTKS record them. Pure TypeScript, any thread; markets.ts builds `tse` on it.

import { addDays, isoDay, nthWeekday, weekdayOf, yearTable } from './calendar-day';
import type { CalendarDay } from './market';

export const TSE_FIRST_YEAR = 2000;
export const TSE_LAST_YEAR = 2035;

/** A half day (大発会/大納会 until 2009) ended with the morning session, at 11:00 Tokyo time. */
export const TSE_HALF_DAY_CLOSE_MINUTE = 11 * 60;

/**
 * The vernal and autumnal equinox days by the formula the National Astronomical Observatory's
 * tables follow for 1980–2099 (the day is announced each February for the next year; this matches
 * every announcement and exchange_calendars' list for 2000–2035).
 */
export function equinoxDays(year: number): { vernal: string; autumnal: string } {
  const t = year - 1980;
  const drift = 0.242194 * t - Math.floor(t / 4);
  return { vernal: isoDay(year, 3, Math.floor(20.8431 + drift)), autumnal: isoDay(year, 9, Math.floor(23.2488 + drift)) };
}

/** The national holidays proper (国民の祝日) of `year`, before substitutes and citizens' holidays. */
function nationalHolidays(year: number): Map<string, string> {
  const days = new Map<string, string>();
  const add = (day: string, name: string) => days.set(day, name);
  const { vernal, autumnal } = equinoxDays(year);
  add(isoDay(year, 1, 1), "New Year's Day");
  add(nthWeekday(year, 1, 1, 2), 'Coming of Age Day');
  add(isoDay(year, 2, 11), 'National Foundation Day');
  if (year >= 2020) add(isoDay(year, 2, 23), "Emperor's Birthday");
  add(vernal, 'Vernal Equinox Day');
  add(isoDay(year, 4, 29), year >= 2007 ? 'Showa Day' : 'Greenery Day');
  add(isoDay(year, 5, 3), 'Constitution Memorial Day');
  if (year >= 2007) add(isoDay(year, 5, 4), 'Greenery Day');
  add(isoDay(year, 5, 5), "Children's Day");
  // Marine, Sports and Mountain Day were moved around the Tokyo Olympics (2020, held in 2021).
  const marine: Record<number, string> = { 2020: '2020-07-23', 2021: '2021-07-22' };
  add(marine[year] ?? (year <= 2002 ? isoDay(year, 7, 20) : nthWeekday(year, 7, 1, 3)), 'Marine Day');
  const mountain: Record<number, string> = { 2020: '2020-08-10', 2021: '2021-08-08' };
  if (year >= 2016) add(mountain[year] ?? isoDay(year, 8, 11), 'Mountain Day');
  add(year <= 2002 ? isoDay(year, 9, 15) : nthWeekday(year, 9, 1, 3), 'Respect for the Aged Day');
  add(autumnal, 'Autumnal Equinox Day');
  const sports: Record<number, string> = { 2020: '2020-07-24', 2021: '2021-07-23' };
  add(sports[year] ?? nthWeekday(year, 10, 1, 2), year >= 2020 ? 'Sports Day' : 'Health and Sports Day');
  add(isoDay(year, 11, 3), 'Culture Day');
  add(isoDay(year, 11, 23), 'Labour Thanksgiving Day');
  if (year <= 2018) add(isoDay(year, 12, 23), "Emperor's Birthday");
  if (year === 2019) {
    add('2019-05-01', "Emperor's accession");
    add('2019-10-22', 'Enthronement ceremony');
  }
  return days;
}

/** The national holidays of `year` with their substitutes and citizens' holidays (weekends included). */
export function japaneseHolidays(year: number): Map<string, string> {
  const proper = nationalHolidays(year);
  const all = new Map(proper);
  // A holiday on a Sunday moves to the next day (to the next day that is no holiday, from 2007).
  for (const [day, name] of proper) {
    if (weekdayOf(day) !== 0) continue;
    let substitute = addDays(day, 1);
    if (year >= 2007) while (proper.has(substitute)) substitute = addDays(substitute, 1);
    if (!all.has(substitute)) all.set(substitute, `Substitute holiday for ${name}`);
  }
  // A day between two national holidays proper is a citizens' holiday (May 4 before 2007, the
  // "silver week" Tuesdays, 2019-04-30 and 2019-05-02).
  for (const day of proper.keys()) {
    const between = addDays(day, 2);
    const middle = addDays(day, 1);
    if (proper.has(between) && !all.has(middle) && weekdayOf(middle) !== 0) all.set(middle, "Citizens' holiday");
  }
  return all;
}

/** The first and last weekday of `year` that is no closing day (`closed`). */
function firstAndLastTradingDays(year: number, closed: ReadonlyMap<string, unknown>): [string, string] {
  const open = (day: string) => weekdayOf(day) !== 0 && weekdayOf(day) !== 6 && !closed.has(day);
  let first = isoDay(year, 1, 1);
  while (!open(first)) first = addDays(first, 1);
  let last = isoDay(year, 12, 31);
  while (!open(last)) last = addDays(last, -1);
  return [first, last];
}

/** Closing days and half days of `year`, or null outside 2000–2035. */
export const tseYear = yearTable(TSE_FIRST_YEAR, TSE_LAST_YEAR, (year): ReadonlyMap<string, CalendarDay> => {
  const map = new Map<string, CalendarDay>();
  for (const [day, name] of japaneseHolidays(year)) map.set(day, { kind: 'holiday', name });
  // The exchange's New Year holidays: 31 December to 3 January.
  for (const day of [isoDay(year, 1, 2), isoDay(year, 1, 3), isoDay(year, 12, 31)]) if (!map.has(day)) map.set(day, { kind: 'holiday', name: 'New Year holidays (exchange closed)' });
  if (year === 2020) map.set('2020-10-01', { kind: 'holiday', name: 'Trading halted all day (arrowhead system failure)' });
  // 大発会 and 大納会 were half days until the last of 2008 and the first of 2009 (full days from 2009-12-30).
  const [first, last] = firstAndLastTradingDays(year, map);
  if (year <= 2009) map.set(first, { kind: 'early-close', name: 'First trading day of the year, morning session only', closeMinute: TSE_HALF_DAY_CLOSE_MINUTE });
  if (year <= 2008) map.set(last, { kind: 'early-close', name: 'Last trading day of the year, morning session only', closeMinute: TSE_HALF_DAY_CLOSE_MINUTE });
  return map;
});
