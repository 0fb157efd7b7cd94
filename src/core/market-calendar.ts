// The NYSE calendar for the years the data covers (and a margin): full-day holidays and early
// closes. Pure TypeScript. Source: the New York Stock Exchange's published holiday and trading
// hours schedules for 2013, 2014 and 2015 (nyse.com, "Holidays & Trading Hours"). Weekends are
// closed by rule. Early closes end regular trading at 13:00 and the late session at 17:00.

export interface CalendarYear {
  readonly holidays: Readonly<Record<string, string>>;
  readonly earlyCloses: Readonly<Record<string, string>>;
}

export const NYSE_CALENDAR: Readonly<Record<number, CalendarYear>> = {
  2013: {
    holidays: {
      '2013-01-01': "New Year's Day",
      '2013-01-21': 'Martin Luther King, Jr. Day',
      '2013-02-18': "Washington's Birthday",
      '2013-03-29': 'Good Friday',
      '2013-05-27': 'Memorial Day',
      '2013-07-04': 'Independence Day',
      '2013-09-02': 'Labor Day',
      '2013-11-28': 'Thanksgiving Day',
      '2013-12-25': 'Christmas Day',
    },
    earlyCloses: { '2013-07-03': 'before Independence Day', '2013-11-29': 'after Thanksgiving', '2013-12-24': 'Christmas Eve' },
  },
  2014: {
    holidays: {
      '2014-01-01': "New Year's Day",
      '2014-01-20': 'Martin Luther King, Jr. Day',
      '2014-02-17': "Washington's Birthday",
      '2014-04-18': 'Good Friday',
      '2014-05-26': 'Memorial Day',
      '2014-07-04': 'Independence Day',
      '2014-09-01': 'Labor Day',
      '2014-11-27': 'Thanksgiving Day',
      '2014-12-25': 'Christmas Day',
    },
    earlyCloses: { '2014-07-03': 'before Independence Day', '2014-11-28': 'after Thanksgiving', '2014-12-24': 'Christmas Eve' },
  },
  2015: {
    holidays: {
      '2015-01-01': "New Year's Day",
      '2015-01-19': 'Martin Luther King, Jr. Day',
      '2015-02-16': "Washington's Birthday",
      '2015-04-03': 'Good Friday',
      '2015-05-25': 'Memorial Day',
      '2015-07-03': 'Independence Day (observed)',
      '2015-09-07': 'Labor Day',
      '2015-11-26': 'Thanksgiving Day',
      '2015-12-25': 'Christmas Day',
    },
    earlyCloses: { '2015-11-27': 'after Thanksgiving', '2015-12-24': 'Christmas Eve' },
  },
};

export type DayKind = 'open' | 'early-close' | 'holiday' | 'weekend';

export interface MarketDay {
  readonly kind: DayKind;
  /** The holiday's or early close's name. */
  readonly reason?: string;
  /** False for years outside the table: weekdays are then taken as full trading days. */
  readonly known: boolean;
}

export function marketDay(day: string): MarketDay {
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  const year = NYSE_CALENDAR[Number(day.slice(0, 4))];
  if (weekday === 0 || weekday === 6) return { kind: 'weekend', known: true };
  if (!year) return { kind: 'open', known: false };
  if (year.holidays[day]) return { kind: 'holiday', reason: year.holidays[day], known: true };
  if (year.earlyCloses[day]) return { kind: 'early-close', reason: year.earlyCloses[day], known: true };
  return { kind: 'open', known: true };
}
