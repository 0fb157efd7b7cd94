// A market as data: its IANA time zone, its sessions per weekday (several a day allowed, with
// extended hours where they exist), its holidays and early closes, and its bar grid — and the
// one function that turns it into the UTC trading sessions of a day. Pure TypeScript, any
// thread; markets.ts holds the built-in markets, custom-market.ts checks a user's definition.

import { zoneClockText, zonedWallToUtc } from './exchange-time';
import { weekdayOf } from './calendar-day';

/** Regular hours, or extended hours (pre-market and late session) where the market has them. */
export type Hours = 'regular' | 'extended';
export const HOURS: readonly Hours[] = ['regular', 'extended'];

/** One session in minutes after the trading day's local midnight; `open` may be negative (FX opens the evening before). */
export interface SessionTimes {
  readonly open: number;
  readonly close: number;
}

/** Sessions by weekday of the trading day, 0 = Sunday … 6 = Saturday; an empty list is a closed day. */
export type WeekSessions = readonly (readonly SessionTimes[])[];

/** What a market's calendar says of one day. */
export interface CalendarDay {
  readonly kind: 'holiday' | 'early-close';
  readonly name: string;
  /** Early close: regular trading ends at this minute; extended trading at `extendedCloseMinute`. */
  readonly closeMinute?: number;
  readonly extendedCloseMinute?: number;
}

/** Sessions in force from a day on (a market changes its hours now and then: Tokyo closed at 15:30 from 2024-11-05). */
export interface SessionEra {
  /** First trading day of this era; absent: from the beginning. */
  readonly from?: string;
  readonly regular: WeekSessions;
  /** Absent: extended hours are the regular hours (the market has no extended session). */
  readonly extended?: WeekSessions;
}

export interface Market {
  readonly id: string;
  readonly name: string;
  readonly zone: string;
  /** Sorted by `from`; the last era whose `from` is on or before a day applies. */
  readonly eras: readonly SessionEra[];
  /**
   * The bar grid: minutes after local midnight every session's bars are aligned to (US equities:
   * 09:30, extended hours too), or absent: each session's own open (Tokyo's afternoon from 12:30,
   * 24/7 from UTC midnight, FX from 17:00 New York).
   */
  readonly anchorMinute?: number;
  /** Holidays and early closes of a day, or null for an ordinary day. */
  calendar(day: string): CalendarDay | null;
  /** True when the calendar covers `day`'s year (outside it, weekdays are taken as ordinary days). */
  calendarKnows(day: string): boolean;
  /** Where the holidays come from, for the README and refusals. */
  readonly calendarSource: string;
}

/** One trading session in epoch ms UTC: [open, close), with the grid anchor its bars align to. */
export interface MarketSession {
  readonly day: string;
  readonly open: number;
  readonly close: number;
  /** UTC ms of the grid's origin for this session's bars. */
  readonly anchor: number;
}

export type MarketDayKind = 'open' | 'early-close' | 'holiday' | 'weekend';

export interface MarketDayStatus {
  readonly kind: MarketDayKind;
  readonly reason?: string;
  readonly known: boolean;
}

const MINUTE_MS = 60_000;

function eraOf(market: Market, day: string): SessionEra {
  let era = market.eras[0];
  for (const candidate of market.eras) if (candidate.from === undefined || candidate.from <= day) era = candidate;
  return era;
}

/** The sessions of `day` in local minutes for `hours`, before the calendar is applied. */
export function weekdaySessions(market: Market, day: string, hours: Hours): readonly SessionTimes[] {
  const era = eraOf(market, day);
  const week = hours === 'extended' && era.extended ? era.extended : era.regular;
  return week[weekdayOf(day)] ?? [];
}

/** Open, early close, holiday or weekend (a weekday with no session), and whether the calendar knows. */
export function marketDayStatus(market: Market, day: string): MarketDayStatus {
  if (weekdaySessions(market, day, 'extended').length === 0) return { kind: 'weekend', known: true };
  const known = market.calendarKnows(day);
  const entry = market.calendar(day);
  if (!entry) return { kind: 'open', known };
  return { kind: entry.kind, reason: entry.name, known };
}

/** UTC ms of a wall-clock reading in `zone`: `day` at `minute` minutes after its midnight. */
export function marketWallToUtc(zone: string, day: string, minute: number): number {
  return zonedWallToUtc(Date.parse(`${day}T00:00:00Z`) + minute * MINUTE_MS, zone);
}

/**
 * The local minute an early close cuts `day`'s sessions at for `hours` (the extended close when the
 * era has extended hours), or undefined on a day without an early close.
 */
function earlyCloseCut(market: Market, day: string, hours: Hours): number | undefined {
  const entry = market.calendar(day);
  if (entry?.kind !== 'early-close') return undefined;
  return hours === 'extended' && eraOf(market, day).extended ? entry.extendedCloseMinute : entry.closeMinute;
}

/**
 * The trading sessions of `day` (sorted, disjoint), cut at an early close; empty on a weekend or
 * holiday. Each session's grid anchor is the market's anchor minute that day, or its own open.
 */
export function marketSessions(market: Market, day: string, hours: Hours): MarketSession[] {
  if (market.calendar(day)?.kind === 'holiday') return [];
  const cut = earlyCloseCut(market, day, hours);
  const anchor = market.anchorMinute === undefined ? undefined : marketWallToUtc(market.zone, day, market.anchorMinute);
  const sessions: MarketSession[] = [];
  for (const times of weekdaySessions(market, day, hours)) {
    const close = cut === undefined ? times.close : Math.min(times.close, cut);
    if (close <= times.open) continue;
    const open = marketWallToUtc(market.zone, day, times.open);
    sessions.push({ day, open, close: marketWallToUtc(market.zone, day, close), anchor: anchor ?? open });
  }
  return sessions;
}

/** Every session of the days `days` (any order, duplicates allowed), sorted by open. */
export function sessionsOfDays(market: Market, days: Iterable<string>, hours: Hours): MarketSession[] {
  const unique = [...new Set(days)].sort();
  return unique.flatMap((day) => marketSessions(market, day, hours));
}

/** `HH:MM` of a minute count (negative: the evening before, written with "−1d"). */
export function formatMinute(minute: number): string {
  const dayShift = Math.floor(minute / 1440);
  const m = minute - dayShift * 1440;
  const text = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return dayShift === 0 ? text : `${text} (${dayShift > 0 ? '+' : '−'}${Math.abs(dayShift)}d)`;
}

/** The hours of `day` as people write them, e.g. "09:00–11:30, 12:30–15:00 Asia/Tokyo" or "closed (Good Friday)". */
export function describeHours(market: Market, day: string, hours: Hours): string {
  const status = marketDayStatus(market, day);
  if (status.kind === 'weekend') return `closed on ${new Date(`${day}T12:00:00Z`).toLocaleDateString('en-US', { weekday: 'long', timeZone: 'UTC' })}s`;
  if (status.kind === 'holiday') return `closed (${status.reason})`;
  return `${sessionHours(market, day, hours)} ${market.zone}${status.kind === 'early-close' ? ` (early close: ${status.reason})` : ''}`;
}

/** The sessions of `day` in local time, cut at an early close: "04:00–20:00", "09:00–11:30, 12:30–15:00" (empty on a weekend). */
export function sessionHours(market: Market, day: string, hours: Hours): string {
  const cut = earlyCloseCut(market, day, hours);
  return spansText(
    weekdaySessions(market, day, hours)
      .map((s) => ({ open: s.open, close: cut === undefined ? s.close : Math.min(s.close, cut) }))
      .filter((s) => s.close > s.open),
  );
}

/** Spans of local minutes as people write them: "09:30–16:00", "09:00–11:30, 12:30–15:00". */
export function spansText(spans: readonly { readonly open: number; readonly close: number }[]): string {
  return spans.map((s) => `${formatMinute(s.open)}–${formatMinute(s.close)}`).join(', ');
}

/** `utcMs` as a wall time in `zone`, "YYYY-MM-DD HH:MM:SS Zone" (a clock in the market's own time). */
export function formatZonedTime(zone: string, utcMs: number): string {
  return `${zoneClockText(zone, utcMs)} ${zone}`;
}
