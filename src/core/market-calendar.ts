// The NYSE calendar as the import and the replay have always asked it: one day's kind (open,
// early close, holiday, weekend). Pure TypeScript. Derived from the `us-equities` market
// (markets.ts), whose holidays and early closes come from the exchange's rules for 1990–2035
// (us-equity-calendar.ts); outside those years weekdays are taken as full trading days.

import { marketDayStatus, type MarketDayKind } from './market';
import { US_EQUITIES } from './markets';

export type DayKind = MarketDayKind;

export interface MarketDay {
  readonly kind: DayKind;
  /** The holiday's or early close's name. */
  readonly reason?: string;
  /** False for years outside the calendar: weekdays are then taken as full trading days. */
  readonly known: boolean;
}

export function marketDay(day: string): MarketDay {
  return marketDayStatus(US_EQUITIES, day);
}
