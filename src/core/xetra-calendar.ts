// The XETRA (Frankfurt) calendar, 2000–2035, from Deutsche Börse's trading-calendar rules as
// exchange_calendars' XETR records them: the fixed closing days, Easter, the days observed only
// in some years, and the 14:00 close on the last trading day before New Year's Eve (from 2010).
// Pure TypeScript, any thread; markets.ts builds the `xetra` market on it.

import type { CalendarDay } from './market';
import { addDays, easterSunday, weekdayOf, yearTable } from './calendar-day';

export const XETRA_FIRST_YEAR = 2000;
export const XETRA_LAST_YEAR = 2035;

/** Closing days and early closes of `year`, or null outside 2000–2035. */
export const xetraYear = yearTable(XETRA_FIRST_YEAR, XETRA_LAST_YEAR, (year): ReadonlyMap<string, CalendarDay> => {
  const map = new Map<string, CalendarDay>();
  const holiday = (day: string, name: string) => map.set(day, { kind: 'holiday', name });
  // The last trading day before New Year's Eve closes at 14:00 (from 2010).
  if (year >= 2010) {
    let last = `${year}-12-30`;
    while (weekdayOf(last) === 0 || weekdayOf(last) === 6) last = addDays(last, -1);
    map.set(last, { kind: 'early-close', name: 'Last trading day of the year', closeMinute: 14 * 60 });
  }
  const easter = easterSunday(year);
  holiday(`${year}-01-01`, "New Year's Day");
  holiday(addDays(easter, -2), 'Good Friday');
  holiday(addDays(easter, 1), 'Easter Monday');
  holiday(`${year}-05-01`, 'Labour Day');
  // Whit Monday closed XETRA in 2007 and 2015–2021; German Unity Day in 2014–2021.
  if (year === 2007 || (year >= 2015 && year <= 2021)) holiday(addDays(easter, 50), 'Whit Monday');
  if (year >= 2014 && year <= 2021) holiday(`${year}-10-03`, 'Day of German Unity');
  if (year === 2017) holiday('2017-10-31', 'Reformation Day (500th anniversary)');
  holiday(`${year}-12-24`, 'Christmas Eve');
  holiday(`${year}-12-25`, 'Christmas Day');
  holiday(`${year}-12-26`, 'Boxing Day');
  holiday(`${year}-12-31`, "New Year's Eve");
  return map;
});
