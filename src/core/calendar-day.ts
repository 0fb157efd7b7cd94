// Calendar days as "YYYY-MM-DD" text, and the few rules every exchange calendar is built from:
// adding days, the weekday, the n-th weekday of a month, Easter, and a year's table made once.
// Pure TypeScript, any thread; the calendars (us-equity, xetra, lse, tse) and market.ts use it.

const DAY_MS = 86_400_000;

/** The day of `year`, `month` (1–12), `day`; out-of-range days roll over (day 0 is the month before's last). */
export function isoDay(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: string): number {
  return new Date(`${day}T12:00:00Z`).getUTCDay();
}

/** The n-th `weekday` (0 = Sunday) of a month; n = −1 is the last. */
export function nthWeekday(year: number, month: number, weekday: number, n: number): string {
  if (n > 0) {
    const first = weekdayOf(isoDay(year, month, 1));
    return isoDay(year, month, 1 + ((weekday - first + 7) % 7) + (n - 1) * 7);
  }
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const last = weekdayOf(isoDay(year, month, lastDay));
  return isoDay(year, month, lastDay - ((last - weekday + 7) % 7));
}

/** Easter Sunday (Gregorian, the anonymous algorithm of Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDay(year, month, day);
}

/**
 * A calendar's lookup by year: `build` makes a year's table the first time it is asked for (a
 * replay asks for the same few years for every row), and years outside first–last are null.
 */
export function yearTable<T>(first: number, last: number, build: (year: number) => ReadonlyMap<string, T>): (year: number) => ReadonlyMap<string, T> | null {
  const cache = new Map<number, ReadonlyMap<string, T>>();
  return (year) => {
    if (year < first || year > last) return null;
    let table = cache.get(year);
    if (!table) cache.set(year, (table = build(year)));
    return table;
  };
}
