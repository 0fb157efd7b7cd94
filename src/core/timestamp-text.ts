// Timestamps as people write them in CSV files, turned into epoch milliseconds UTC. Pure
// TypeScript (Intl only), any thread; the import worker calls it once a row.
//
// Accepted: ISO-8601 with an offset ("2013-10-07T09:30:00-04:00", "…Z"); epoch seconds or
// milliseconds (a number; below 10^11 it is seconds, as in the interchange schema's rule);
// a date and a time with no offset, read in a chosen time zone ("2013-10-07 09:30",
// "20131007 09:30", "10/07/2013 9:30"); a date alone (daily bars).

import { zonedWallToUtc } from './exchange-time';

/** Epoch-ms timestamps below this look like seconds (10^11 ms is 1973; 10^11 s is year 5138). */
export const MIN_EPOCH_MS = 1e11;
/** Epoch-ms timestamps at or above this look like microseconds (10^14 ms is year 5138; 2013 in µs is 1.4·10^15). */
export const MAX_EPOCH_MS = 1e14;

/** Why a number that is no timestamp is none: it looks like epoch microseconds or nanoseconds. Null otherwise. */
export function epochUnitHint(text: string): string | null {
  const value = text.trim();
  if (!NUMBER.test(value) || Number(value) < MAX_EPOCH_MS) return null;
  return 'it looks like epoch microseconds or nanoseconds: divide by 1000 (or 10^6) to epoch milliseconds';
}

/** A parsed reading: epoch ms UTC; `day` (YYYY-MM-DD) when the text was a date alone. */
export interface ParsedTime {
  readonly ms: number;
  readonly day?: string;
}

/** A wall reading in `zone`; a date alone keeps its day, which daily bars need. */
function reading(wall: number, zone: string, dateOnly: boolean): ParsedTime {
  const ms = zonedWallToUtc(wall, zone);
  return dateOnly ? { ms, day: new Date(wall).toISOString().slice(0, 10) } : { ms };
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:[T ](\d{1,2}):?(\d{2})(?::?(\d{2}))?)?$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const SLASH_ISO = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;
const NUMBER = /^\d+(?:\.\d+)?$/;

/** Epoch ms of a calendar reading, or NaN when a field is out of range (2013-02-30, 25:00). */
function naive(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return NaN;
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  return new Date(t).getUTCDate() === d ? t : NaN;
}

function fraction(digits: string | undefined): number {
  return digits ? Math.round(Number(`0.${digits}`) * 1000) : 0;
}

function offsetMs(text: string): number {
  if (text.toUpperCase() === 'Z') return 0;
  const sign = text[0] === '-' ? -1 : 1;
  const digits = text.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0)) * 60_000;
}

/**
 * One timestamp field, or null when it is not one of the accepted forms. Readings without an
 * offset are wall-clock times in `zone`.
 */
export function parseTimestamp(text: string, zone: string): ParsedTime | null {
  const value = text.trim();
  // 8 digits that make a date are a date (20131007), not epoch seconds in 1970.
  const compact = COMPACT.exec(value);
  if (compact) {
    const [, y, mo, d, h, mi, s] = compact;
    const wall = naive(+y, +mo, +d, +(h ?? 0), +(mi ?? 0), +(s ?? 0));
    if (!Number.isNaN(wall)) return reading(wall, zone, h === undefined);
  }
  if (NUMBER.test(value)) {
    const n = Number(value);
    const ms = n < MIN_EPOCH_MS ? n * 1000 : n;
    // Microseconds read as milliseconds land in year 46158: refused (epochUnitHint says why).
    return ms < MAX_EPOCH_MS && Number.isSafeInteger(Math.round(ms)) ? { ms: Math.round(ms) } : null;
  }
  const iso = ISO.exec(value);
  if (iso) {
    const [, y, mo, d, h, mi, s, f, zoneText] = iso;
    const wall = naive(+y, +mo, +d, +(h ?? 0), +(mi ?? 0), +(s ?? 0), fraction(f));
    if (Number.isNaN(wall)) return null;
    if (zoneText) return { ms: wall - offsetMs(zoneText) };
    return reading(wall, zone, h === undefined);
  }
  // 10/07/2013 is month/day/year, as US data vendors write it; 2013/10/07 is year first.
  const us = US_DATE.exec(value);
  const slash = us ? null : SLASH_ISO.exec(value);
  const match = us ?? slash;
  if (!match) return null;
  const [, a, b, c, h, mi, s] = match;
  const [y, mo, d] = us ? [+c, +a, +b] : [+a, +b, +c];
  const wall = naive(y, mo, d, +(h ?? 0), +(mi ?? 0), +(s ?? 0));
  return Number.isNaN(wall) ? null : reading(wall, zone, h === undefined);
}

/** A date column and a time column read together in `zone`. */
export function parseDateAndTime(date: string, time: string, zone: string): ParsedTime | null {
  const day = parseTimestamp(date, 'UTC');
  const clock = TIME.exec(time.trim());
  if (!day?.day || !clock) return null;
  const [, h, mi, s, f] = clock;
  if (+h > 23 || +mi > 59 || +(s ?? 0) > 59) return null;
  const wall = day.ms + ((+h * 60 + +mi) * 60 + +(s ?? 0)) * 1000 + fraction(f);
  return { ms: zonedWallToUtc(wall, zone) };
}

export const TIMESTAMP_FORMS =
  'ISO-8601 with an offset (2013-10-07T09:30:00-04:00), epoch seconds or milliseconds, or a date and time such as 2013-10-07 09:30';
