// The built-in markets (the `import-market` select's choices) and the lookup by id. Pure
// TypeScript, any thread: the import validator, the repository's hours filter, the replay's
// sessions and the clock all ask here. A custom market is built by custom-market.ts.

import type { CalendarDay, Market, SessionTimes, WeekSessions } from './market';
import { US_CALENDAR_FIRST_YEAR, US_CALENDAR_LAST_YEAR, usEquityYear } from './us-equity-calendar';
import { LSE_FIRST_YEAR, LSE_LAST_YEAR, lseYear } from './lse-calendar';
import { TSE_FIRST_YEAR, TSE_LAST_YEAR, tseYear } from './tse-calendar';
import { XETRA_FIRST_YEAR, XETRA_LAST_YEAR, xetraYear } from './xetra-calendar';

export type BuiltInMarketId = 'us-equities' | 'crypto-24-7' | 'fx-24-5' | 'xetra' | 'lse' | 'tse';
export const BUILT_IN_MARKET_IDS: readonly BuiltInMarketId[] = ['us-equities', 'crypto-24-7', 'fx-24-5', 'xetra', 'lse', 'tse'];
/** What a file without a `markets` table is: the bundled data and every import before markets existed. */
export const DEFAULT_MARKET_ID: BuiltInMarketId = 'us-equities';

const hm = (h: number, m = 0) => h * 60 + m;

/** The same sessions Monday to Friday, none at weekends. */
function weekdays(...sessions: SessionTimes[]): WeekSessions {
  return [[], sessions, sessions, sessions, sessions, sessions, []];
}

const noCalendar = { calendar: () => null, calendarKnows: () => false };

/** A market's calendar from a calendar file's year table (null outside the years it covers). */
function byYear(table: (year: number) => ReadonlyMap<string, CalendarDay> | null): Pick<Market, 'calendar' | 'calendarKnows'> {
  const yearOf = (day: string) => table(Number(day.slice(0, 4)));
  return { calendar: (day) => yearOf(day)?.get(day) ?? null, calendarKnows: (day) => yearOf(day) !== null };
}

export const US_EQUITIES: Market = {
  id: 'us-equities',
  name: 'US equities (NYSE, Nasdaq)',
  zone: 'America/New_York',
  eras: [{ regular: weekdays({ open: hm(9, 30), close: hm(16) }), extended: weekdays({ open: hm(4), close: hm(20) }) }],
  // Coarser bars are aligned to the regular open, in extended hours too (09:30, 10:30 … for 1h).
  anchorMinute: hm(9, 30),
  calendar(day) {
    const entry = usEquityYear(Number(day.slice(0, 4)))?.get(day);
    if (!entry) return null;
    if (entry.closeMinute === undefined) return { kind: 'holiday', name: entry.name };
    // The late session ends four hours after an early regular close (13:00 → 17:00).
    return { kind: 'early-close', name: entry.name, closeMinute: entry.closeMinute, extendedCloseMinute: entry.closeMinute + hm(4) };
  },
  calendarKnows(day) {
    const year = Number(day.slice(0, 4));
    return year >= US_CALENDAR_FIRST_YEAR && year <= US_CALENDAR_LAST_YEAR;
  },
  calendarSource: `NYSE Rule 7.2 and the NYSE's published holiday pages, ${US_CALENDAR_FIRST_YEAR}–${US_CALENDAR_LAST_YEAR} (us-equity-calendar.ts)`,
};

const ALL_DAY: SessionTimes = { open: 0, close: hm(24) };

export const CRYPTO_24_7: Market = {
  id: 'crypto-24-7',
  name: 'Crypto (24/7, UTC days)',
  zone: 'UTC',
  eras: [{ regular: [[ALL_DAY], [ALL_DAY], [ALL_DAY], [ALL_DAY], [ALL_DAY], [ALL_DAY], [ALL_DAY]] }],
  ...noCalendar,
  calendarKnows: () => true,
  calendarSource: 'always open',
};

// An FX trading day runs 17:00 New York the evening before to 17:00: Monday's opens Sunday 17:00,
// Friday's closes the week at 17:00. Its bars are aligned to that 17:00 open (a 1d bar is 17:00–17:00).
const FX_DAY: SessionTimes = { open: hm(-7), close: hm(17) };

export const FX_24_5: Market = {
  id: 'fx-24-5',
  name: 'FX (24/5, Sunday 17:00 to Friday 17:00 New York)',
  zone: 'America/New_York',
  eras: [{ regular: weekdays(FX_DAY) }],
  ...noCalendar,
  calendarSource: 'no holidays listed (the interbank market trades through most of them)',
};

export const XETRA: Market = {
  id: 'xetra',
  name: 'XETRA (Frankfurt)',
  zone: 'Europe/Berlin',
  eras: [{ regular: weekdays({ open: hm(9), close: hm(17, 30) }) }],
  ...byYear(xetraYear),
  calendarSource: `Deutsche Börse's trading calendar, ${XETRA_FIRST_YEAR}–${XETRA_LAST_YEAR} (xetra-calendar.ts)`,
};

export const LSE: Market = {
  id: 'lse',
  name: 'London Stock Exchange',
  zone: 'Europe/London',
  eras: [{ regular: weekdays({ open: hm(8), close: hm(16, 30) }) }],
  ...byYear(lseYear),
  calendarSource: `England and Wales bank holidays as the LSE observes them, with its 12:30 closes, ${LSE_FIRST_YEAR}–${LSE_LAST_YEAR} (lse-calendar.ts)`,
};

export const TSE: Market = {
  id: 'tse',
  name: 'Tokyo Stock Exchange',
  zone: 'Asia/Tokyo',
  eras: [
    // The morning session ended at 11:00 until 2011-11-18 (TSE, "取引時間の一部見直し", from 2011-11-21).
    { regular: weekdays({ open: hm(9), close: hm(11) }, { open: hm(12, 30), close: hm(15) }) },
    { from: '2011-11-21', regular: weekdays({ open: hm(9), close: hm(11, 30) }, { open: hm(12, 30), close: hm(15) }) },
    // The TSE's afternoon session has run to 15:30 since 2024-11-05 (JPX, "Extension of trading hours").
    { from: '2024-11-05', regular: weekdays({ open: hm(9), close: hm(11, 30) }, { open: hm(12, 30), close: hm(15, 30) }) },
  ],
  ...byYear(tseYear),
  calendarSource: `Japan's national holidays and the TSE's 31 December–3 January closure, ${TSE_FIRST_YEAR}–${TSE_LAST_YEAR} (tse-calendar.ts)`,
};

export const BUILT_IN_MARKETS: Readonly<Record<BuiltInMarketId, Market>> = {
  'us-equities': US_EQUITIES,
  'crypto-24-7': CRYPTO_24_7,
  'fx-24-5': FX_24_5,
  xetra: XETRA,
  lse: LSE,
  tse: TSE,
};

export function isBuiltInMarketId(id: string): id is BuiltInMarketId {
  return Object.hasOwn(BUILT_IN_MARKETS, id);
}

/** A built-in market by id; an Error naming the choices for an unknown one. */
export function builtInMarket(id: string): Market {
  if (isBuiltInMarketId(id)) return BUILT_IN_MARKETS[id];
  throw new Error(`unknown market "${id}": the markets are ${BUILT_IN_MARKET_IDS.join(', ')} and custom`);
}
