// The row rules: the one set of rules every row of a person's file meets, whether it comes by
// `db=` or by import (CSV or SQLite through Your data). Pure TypeScript, any thread: the import
// validator (data/import-validator.ts) applies them for both paths; the README's table states them.
// A market (time zone, calendar) plugs in below the rules: they ask trading-hours.ts for a day's
// session and market-calendar.ts for why a day is closed, nothing else.

import { exchangeDay, exchangeWallToUtc } from './exchange-time';
import type { ProblemKind } from './import-types';
import { US_CALENDAR_FIRST_YEAR, US_CALENDAR_LAST_YEAR } from './us-equity-calendar';
import { REGULAR_OPEN_MINUTE, tradingSession } from './trading-hours';

/** Why a row in a replay's symbols and dates was not replayed, as the run record names it. */
export const NOT_REPLAYED: Record<ProblemKind | 'hours', string> = {
  hours: 'outside the requested hours',
  closed: 'exchange closed that day or hour',
  duplicate: 'duplicate',
  mixed: 'another interval stored that day',
  grid: 'not on the interval grid',
  ohlc: 'high or low inconsistent',
  number: 'not a finite positive number',
  volume: 'volume not a whole number >= 0',
  overlap: 'already in the lab',
  columns: 'columns not imported',
  fields: 'malformed row',
  symbol: 'bad symbol',
  interval: 'bad interval',
  timestamp: 'bad timestamp',
};

/**
 * A letter or digit first (Tokyo's 7203, Hong Kong's 0700 and Shanghai's 600519 are numbers; a
 * leading "=", "+", "-" or "@" would be a spreadsheet formula), then letters, digits, "." or "-".
 */
export const SYMBOL_PATTERN = /^[A-Z0-9][A-Z0-9.\-]{0,11}$/;
export const SYMBOL_RULE = 'a letter or digit, then letters, digits, "." or "-", up to 12';

/** Messages and examples are cut to this many characters (with "…"): a file never floods the page. */
export const MESSAGE_LIMIT = 300;

/** `text` cut to `limit` characters, with "…" where it was cut. */
export function bounded(text: string, limit = MESSAGE_LIMIT): string {
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

/** A value from a file, shown in a message: quoted, cut short, NULL as NULL, never markup (the UI prints text). */
export function shown(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  const text = typeof value === 'string' ? value : value instanceof Uint8Array ? `<${value.byteLength}-byte blob>` : String(value);
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/** The symbol as stored (trimmed, upper case), or the message why it cannot be one. */
export function symbolOf(value: unknown): { symbol: string } | { problem: string } {
  const symbol = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (SYMBOL_PATTERN.test(symbol)) return { symbol };
  if (value === null || value === undefined) return { problem: 'the symbol is missing (NULL)' };
  return { problem: `symbol ${shown(value)} is not a ticker symbol (${SYMBOL_RULE})` };
}

/** The first value rule a bar's open, high, low, close and volume break, or null. */
export function barValuesProblem(values: readonly number[]): { kind: ProblemKind; message: string } | null {
  const names = ['open', 'high', 'low', 'close', 'volume'];
  for (let f = 0; f < 5; f++) {
    if (!Number.isFinite(values[f])) return { kind: 'number', message: `${names[f]} must be a finite number; got ${values[f]}` };
  }
  const [open, high, low, close, volume] = values;
  for (let f = 0; f < 4; f++) if (values[f] <= 0) return { kind: 'number', message: `${names[f]} ${values[f]} is not a price above zero` };
  if (volume < 0) return { kind: 'volume', message: `volume ${volume} is negative` };
  if (!Number.isInteger(volume)) return { kind: 'volume', message: `volume ${volume} is not a whole number` };
  if (high < Math.max(open, close)) return { kind: 'ohlc', message: `high ${high} is below max(open ${open}, close ${close})` };
  if (low > Math.min(open, close)) return { kind: 'ohlc', message: `low ${low} is above min(open ${open}, close ${close})` };
  return null;
}

/** A quote's or trade's values: prices above zero where present, sizes whole and ≥ 0. */
export function itemValuesProblem(values: readonly number[], names: readonly string[], sizes: ReadonlySet<number>, skip: number): { kind: ProblemKind; message: string } | null {
  for (let f = 0; f < values.length; f++) {
    const v = values[f];
    if (f === skip || Number.isNaN(v)) continue; // NaN: a missing quote side
    if (!Number.isFinite(v)) return { kind: 'number', message: `${names[f]} must be a finite number; got ${v}` };
    if (sizes.has(f)) {
      if (v < 0) return { kind: 'volume', message: `a size of ${v} is negative` };
      if (!Number.isInteger(v)) return { kind: 'volume', message: `a size of ${v} is not a whole number` };
    } else if (v <= 0) return { kind: 'number', message: `${names[f]} ${v} is not a price above zero` };
  }
  return null;
}

/**
 * The New York day a daily bar stands for, from how it is stamped: 00:00 UTC (that UTC date),
 * 00:00 New York, the 09:30 open or the day's close (16:00, 13:00 on an early close) New York.
 * Null: not a daily stamp.
 */
export function dailyBarDay(ts: number): string | null {
  if (ts % 86_400_000 === 0) return new Date(ts).toISOString().slice(0, 10);
  const day = exchangeDay(ts);
  if (ts === exchangeWallToUtc(day, 0) || ts === exchangeWallToUtc(day, REGULAR_OPEN_MINUTE)) return day;
  const session = tradingSession(day, 'regular');
  return session !== null && ts === session.close ? day : null;
}

/** Is `ts` at midnight (UTC or New York)? A file of such stamps holds daily bars. */
export function atMidnight(ts: number): boolean {
  return ts % 86_400_000 === 0 || ts === exchangeWallToUtc(exchangeDay(ts), 0);
}

/** The years whose holidays and early closes the calendar knows (other years: weekends only). */
export function knownCalendarYears(): { first: number; last: number } {
  return { first: US_CALENDAR_FIRST_YEAR, last: US_CALENDAR_LAST_YEAR };
}
