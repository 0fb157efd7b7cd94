// A custom market: a user's time zone, session times, weekdays and optional holidays, checked
// and turned into a Market (market.ts). Pure TypeScript, any thread: the import form, the
// interchange file's `markets` table and the replay all build custom markets here.

import { isCalendarDay, isTimeZone } from './exchange-time';
import type { Market, SessionTimes, WeekSessions } from './market';
import { BUILT_IN_MARKET_IDS, isBuiltInMarketId } from './markets';

/** What a user writes (and an interchange file stores as JSON). */
export interface CustomMarketDefinition {
  /** A short id, letters, digits and dashes (not a built-in market's). */
  readonly id: string;
  readonly name?: string;
  /** An IANA time zone, e.g. Asia/Singapore. */
  readonly zone: string;
  /** Wall times "HH:MM" in the zone, each session open < close, none overlapping. */
  readonly sessions: readonly { readonly open: string; readonly close: string }[];
  /** Trading weekdays, 0 = Sunday … 6 = Saturday. */
  readonly weekdays: readonly number[];
  /** Closed days, YYYY-MM-DD. */
  readonly holidays?: readonly string[];
}

export type CustomMarketResult = { readonly ok: true; readonly market: Market } | { readonly ok: false; readonly error: string };

const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;
const TIME_PATTERN = /^(\d{2}):(\d{2})$/;

/** Minutes after midnight of "HH:MM" (24:00 allowed as a close), or undefined. */
export function parseWallTime(text: string): number | undefined {
  const match = TIME_PATTERN.exec(text.trim());
  if (!match) return undefined;
  const minute = Number(match[1]) * 60 + Number(match[2]);
  return Number(match[2]) < 60 && minute <= 24 * 60 ? minute : undefined;
}

/** The first problem of a definition, as a message a person can act on; undefined when it is sound. */
export function customMarketProblem(definition: CustomMarketDefinition): string | undefined {
  const { id, zone, sessions, weekdays, holidays = [] } = definition;
  if (!ID_PATTERN.test(id)) return `custom market id "${id}": use 1–40 lower-case letters, digits and dashes`;
  if (isBuiltInMarketId(id) || id === 'custom') return `custom market id "${id}" is taken by a built-in market (${BUILT_IN_MARKET_IDS.join(', ')})`;
  if (!zone || !isTimeZone(zone)) return `custom market ${id}: "${zone}" is not a time zone; use an IANA name such as Asia/Singapore or Europe/Paris`;
  if (sessions.length === 0) return `custom market ${id}: give at least one session (open and close, HH:MM)`;
  const parsed: SessionTimes[] = [];
  for (const s of sessions) {
    const open = parseWallTime(s.open);
    const close = parseWallTime(s.close);
    if (open === undefined || close === undefined) return `custom market ${id}: session "${s.open}–${s.close}" is not two times HH:MM (00:00–24:00)`;
    if (open >= close) return `custom market ${id}: session ${s.open}–${s.close} closes before it opens`;
    parsed.push({ open, close });
  }
  const sorted = [...parsed].sort((a, b) => a.open - b.open);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].open < sorted[i - 1].close) {
      const text = (t: SessionTimes) => `${fmt(t.open)}–${fmt(t.close)}`;
      return `custom market ${id}: sessions ${text(sorted[i - 1])} and ${text(sorted[i])} overlap`;
    }
  }
  if (weekdays.length === 0) return `custom market ${id}: give at least one trading weekday`;
  for (const w of weekdays) if (!Number.isInteger(w) || w < 0 || w > 6) return `custom market ${id}: weekday ${w} is not 0 (Sunday) to 6 (Saturday)`;
  for (const day of holidays) if (!isCalendarDay(day)) return `custom market ${id}: holiday "${day}" is not a date YYYY-MM-DD`;
  return undefined;
}

function fmt(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** A checked definition as a Market; bars are aligned to each session's open. */
export function customMarket(definition: CustomMarketDefinition): CustomMarketResult {
  const error = customMarketProblem(definition);
  if (error !== undefined) return { ok: false, error };
  const sessions = definition.sessions
    .map((s) => ({ open: parseWallTime(s.open) ?? 0, close: parseWallTime(s.close) ?? 0 }))
    .sort((a, b) => a.open - b.open);
  const week: WeekSessions = [0, 1, 2, 3, 4, 5, 6].map((w) => (definition.weekdays.includes(w) ? sessions : []));
  const holidays = new Set(definition.holidays ?? []);
  return {
    ok: true,
    market: {
      id: definition.id,
      name: definition.name ?? definition.id,
      zone: definition.zone,
      eras: [{ regular: week }],
      calendar: (day) => (holidays.has(day) ? { kind: 'holiday', name: 'holiday' } : null),
      calendarKnows: () => holidays.size > 0,
      calendarSource: holidays.size > 0 ? 'the holidays given with the market' : 'no holidays given',
    },
  };
}
