// The London Stock Exchange calendar, 1990–2035: England and Wales bank holidays as the exchange
// observes them (with the days moved or added by royal proclamation) and its 12:30 close on Christmas
// Eve and New Year's Eve, as exchange_calendars' XLON, gov.uk and the LSE's Christmas notices record
// them. Pure TypeScript, any thread; markets.ts builds the `lse` market on it.

import type { CalendarDay } from './market';
import { addDays, easterSunday, nthWeekday, weekdayOf, yearTable } from './calendar-day';

export const LSE_FIRST_YEAR = 1990;
export const LSE_LAST_YEAR = 2035;

/** Trading ends at 12:30 London time on the days before Christmas and New Year. */
export const LSE_EARLY_CLOSE_MINUTE = 12 * 60 + 30;

/** The nearest weekday on or before `day` (a Saturday or Sunday Christmas Eve closes early on the Friday). */
function fridayIfWeekend(day: string): string {
  const w = weekdayOf(day);
  return w === 6 ? addDays(day, -1) : w === 0 ? addDays(day, -2) : day;
}

// Bank holidays moved or added by royal proclamation, each with its reason. Where a usual Monday
// was moved, its year is in MOVED_EARLY_MAY or MOVED_SPRING and that Monday is a trading day.
const ONE_OFF_CLOSURES: Readonly<Record<string, string>> = {
  '1995-05-08': 'Early May bank holiday (moved for the 50th anniversary of VE Day)',
  '1999-12-31': 'Millennium Eve bank holiday',
  '2002-06-03': "Queen's Golden Jubilee",
  '2002-06-04': 'Spring bank holiday (moved for the Golden Jubilee)',
  '2011-04-29': 'Royal wedding (Prince William and Catherine Middleton)',
  '2012-06-04': 'Spring bank holiday (moved for the Diamond Jubilee)',
  '2012-06-05': "Queen's Diamond Jubilee",
  '2020-05-08': 'Early May bank holiday (moved for the 75th anniversary of VE Day)',
  '2022-06-02': 'Spring bank holiday (moved for the Platinum Jubilee)',
  '2022-06-03': "Queen's Platinum Jubilee",
  '2022-09-19': 'State funeral of Queen Elizabeth II',
  '2023-05-08': 'Coronation of King Charles III',
};

/** The years whose early May or spring bank holiday was moved (the usual Monday is then open). */
const MOVED_EARLY_MAY = new Set([1995, 2020]);
const MOVED_SPRING = new Set([2002, 2012, 2022]);

/** Closing days and early closes of `year` (weekdays only), or null outside 1990–2035. */
export const lseYear = yearTable(LSE_FIRST_YEAR, LSE_LAST_YEAR, (year): ReadonlyMap<string, CalendarDay> => {
  const map = new Map<string, CalendarDay>();
  const holiday = (day: string, name: string) => map.set(day, { kind: 'holiday', name });
  const early = (day: string, name: string) => {
    if (!map.has(day)) map.set(day, { kind: 'early-close', name, closeMinute: LSE_EARLY_CLOSE_MINUTE });
  };
  // New Year's Day on a Saturday or Sunday is observed on the Monday after.
  const newYear = `${year}-01-01`;
  holiday(weekdayOf(newYear) === 6 ? addDays(newYear, 2) : weekdayOf(newYear) === 0 ? addDays(newYear, 1) : newYear, "New Year's Day");
  const easter = easterSunday(year);
  holiday(addDays(easter, -2), 'Good Friday');
  holiday(addDays(easter, 1), 'Easter Monday');
  if (!MOVED_EARLY_MAY.has(year)) holiday(nthWeekday(year, 5, 1, 1), 'Early May bank holiday');
  if (!MOVED_SPRING.has(year)) holiday(nthWeekday(year, 5, 1, -1), 'Spring bank holiday');
  holiday(nthWeekday(year, 8, 1, -1), 'Summer bank holiday');
  // Christmas and Boxing Day: one falling on a weekend is replaced by the next weekday that is no
  // holiday yet (Saturday Christmas: Monday 27 and Tuesday 28; Sunday: Boxing Day Monday 26, Christmas Tuesday 27).
  const isWeekend = (day: string) => weekdayOf(day) === 0 || weekdayOf(day) === 6;
  const christmas: [string, string][] = [[`${year}-12-25`, 'Christmas Day'], [`${year}-12-26`, 'Boxing Day']];
  for (const [day, name] of christmas) if (!isWeekend(day)) holiday(day, name);
  for (const [date, name] of christmas) {
    if (!isWeekend(date)) continue;
    let day = date;
    while (isWeekend(day) || map.has(day)) day = addDays(day, 1);
    holiday(day, `${name} (substitute day)`);
  }
  for (const [day, name] of Object.entries(ONE_OFF_CLOSURES)) if (day.startsWith(`${year}-`)) holiday(day, name);
  // 12:30 closes: Christmas Eve and New Year's Eve, or the Friday before when they fall on a weekend
  // (1999-12-31 was a bank holiday instead, which `early` leaves as it is).
  early(fridayIfWeekend(`${year}-12-24`), "Christmas Eve");
  early(fridayIfWeekend(`${year}-12-31`), "New Year's Eve");
  return map;
});
