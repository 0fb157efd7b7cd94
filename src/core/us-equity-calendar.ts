// The US equities calendar (NYSE and Nasdaq) for 1990–2035, computed from the exchange's rules
// rather than typed in year by year. Pure TypeScript, any thread; markets.ts builds the
// `us-equities` market on it. Rules: NYSE Rule 7.2 ("Holidays") and the NYSE's published
// "Holidays & Trading Hours" pages; the history of each rule as exchange_calendars' XNYS records it.

import { addDays, easterSunday, isoDay, nthWeekday, weekdayOf, yearTable } from './calendar-day';

/** A day the calendar names: a full holiday, or an early close at `closeMinute` New York time. */
export interface CalendarEntry {
  readonly name: string;
  /** Absent: closed all day. Present: regular trading ends at this minute after midnight. */
  readonly closeMinute?: number;
}

export const US_CALENDAR_FIRST_YEAR = 1990;
export const US_CALENDAR_LAST_YEAR = 2035;

/**
 * Closures outside the rules, each with its source. The days of mourning are the presidential
 * funerals the NYSE closed for (its press releases; exchange_calendars' USNationalDaysofMourning).
 */
export const US_ONE_OFF_CLOSURES: readonly { readonly day: string; readonly name: string; readonly source: string }[] = [
  { day: '1994-04-27', name: 'National day of mourning for Richard Nixon', source: 'NYSE notice, April 1994' },
  { day: '2001-09-11', name: 'September 11 attacks', source: 'NYSE closure 2001-09-11 to 2001-09-14 (reopened 2001-09-17)' },
  { day: '2001-09-12', name: 'September 11 attacks', source: 'NYSE closure 2001-09-11 to 2001-09-14 (reopened 2001-09-17)' },
  { day: '2001-09-13', name: 'September 11 attacks', source: 'NYSE closure 2001-09-11 to 2001-09-14 (reopened 2001-09-17)' },
  { day: '2001-09-14', name: 'September 11 attacks', source: 'NYSE closure 2001-09-11 to 2001-09-14 (reopened 2001-09-17)' },
  { day: '2004-06-11', name: 'National day of mourning for Ronald Reagan', source: 'NYSE notice, June 2004' },
  { day: '2007-01-02', name: 'National day of mourning for Gerald Ford', source: 'NYSE notice, December 2006' },
  { day: '2012-10-29', name: 'Hurricane Sandy', source: 'NYSE closure 2012-10-29 and 2012-10-30' },
  { day: '2012-10-30', name: 'Hurricane Sandy', source: 'NYSE closure 2012-10-29 and 2012-10-30' },
  { day: '2018-12-05', name: 'National day of mourning for George H. W. Bush', source: 'NYSE notice, December 2018' },
  { day: '2025-01-09', name: 'National day of mourning for Jimmy Carter', source: 'NYSE notice, December 2024' },
];

/** Early closes outside the rules (13:00), from the NYSE's notices of those years. */
export const US_ONE_OFF_EARLY_CLOSES: readonly { readonly day: string; readonly name: string; readonly source: string }[] = [
  { day: '1997-12-26', name: 'Day after Christmas', source: 'NYSE notice, December 1997' },
  { day: '1999-12-31', name: "New Year's Eve 1999", source: 'NYSE notice, December 1999' },
  { day: '2003-12-26', name: 'Day after Christmas', source: 'NYSE notice, December 2003' },
];

const SUNDAY = 0;
const MONDAY = 1;
const THURSDAY = 4;
const FRIDAY = 5;
const SATURDAY = 6;

/** A fixed-date holiday moved to the nearest weekday: Saturday → Friday, Sunday → Monday. */
function nearestWeekday(year: number, month: number, day: number): string {
  const weekday = weekdayOf(isoDay(year, month, day));
  return isoDay(year, month, day + (weekday === SATURDAY ? -1 : weekday === SUNDAY ? 1 : 0));
}

/** The rule-based holidays of one year, day → name. */
function ruleHolidays(year: number): Map<string, string> {
  const days = new Map<string, string>();
  // New Year's Day: Sunday → Monday; a Saturday New Year is not moved to the Friday before
  // (Rule 7.2: that Friday ends a yearly accounting period), so 1994, 2000, 2005, 2011, 2022 have none.
  const newYear = weekdayOf(isoDay(year, 1, 1));
  if (newYear !== SATURDAY) days.set(isoDay(year, 1, newYear === SUNDAY ? 2 : 1), "New Year's Day");
  if (year >= 1998) days.set(nthWeekday(year, 1, MONDAY, 3), 'Martin Luther King, Jr. Day');
  days.set(nthWeekday(year, 2, MONDAY, 3), "Washington's Birthday");
  days.set(addDays(easterSunday(year), -2), 'Good Friday');
  days.set(nthWeekday(year, 5, MONDAY, -1), 'Memorial Day');
  if (year >= 2022) days.set(nearestWeekday(year, 6, 19), 'Juneteenth National Independence Day');
  days.set(nearestWeekday(year, 7, 4), 'Independence Day');
  days.set(nthWeekday(year, 9, MONDAY, 1), 'Labor Day');
  days.set(nthWeekday(year, 11, THURSDAY, 4), 'Thanksgiving Day');
  days.set(nearestWeekday(year, 12, 25), 'Christmas Day');
  return days;
}

/** The rule-based early closes of one year, day → entry. 13:00 from 1993, 14:00 before. */
function ruleEarlyCloses(year: number): Map<string, CalendarEntry> {
  const days = new Map<string, CalendarEntry>();
  const closeMinute = year >= 1993 ? 13 * 60 : 14 * 60;
  // The day before Independence Day (from 1995): July 3 on a Monday, Tuesday or Thursday, and on
  // a Wednesday from 2013; before 2013 a Thursday Fourth made the Friday after (July 5) the short day.
  if (year >= 1995) {
    const july3 = weekdayOf(isoDay(year, 7, 3));
    if (july3 === 1 || july3 === 2 || july3 === THURSDAY || (july3 === 3 && year >= 2013)) {
      days.set(isoDay(year, 7, 3), { name: 'Day before Independence Day', closeMinute });
    }
    if (weekdayOf(isoDay(year, 7, 5)) === FRIDAY && year < 2013) days.set(isoDay(year, 7, 5), { name: 'Day after Independence Day', closeMinute });
  }
  // The day after Thanksgiving (from 1992).
  if (year >= 1992) days.set(addDays(nthWeekday(year, 11, THURSDAY, 4), 1), { name: 'Day after Thanksgiving', closeMinute });
  // Christmas Eve, Monday to Thursday (a Friday Christmas Eve is the holiday itself when Christmas is a Saturday).
  const eve = weekdayOf(isoDay(year, 12, 24));
  if (eve >= MONDAY && eve <= THURSDAY) days.set(isoDay(year, 12, 24), { name: 'Christmas Eve', closeMinute });
  return days;
}

/** Every holiday and early close of `year` (1990–2035), or null for a year outside the table. */
export const usEquityYear = yearTable(US_CALENDAR_FIRST_YEAR, US_CALENDAR_LAST_YEAR, (year): ReadonlyMap<string, CalendarEntry> => {
  const map = new Map<string, CalendarEntry>();
  for (const [day, entry] of ruleEarlyCloses(year)) map.set(day, entry);
  for (const one of US_ONE_OFF_EARLY_CLOSES) if (one.day.startsWith(`${year}-`)) map.set(one.day, { name: one.name, closeMinute: 13 * 60 });
  for (const [day, name] of ruleHolidays(year)) map.set(day, { name });
  for (const one of US_ONE_OFF_CLOSURES) if (one.day.startsWith(`${year}-`)) map.set(one.day, { name: one.name });
  return map;
});
