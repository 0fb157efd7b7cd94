// Exchange time: US equities trade on New York wall-clock time, whatever the viewer's time zone.
// Pure TypeScript (Intl only), any thread. Timestamps everywhere else are epoch milliseconds UTC;
// this file is the one place that turns them into New York dates and clock readings and back.

export const EXCHANGE_TIME_ZONE = 'America/New_York';
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

// Almost every zone changes its offset on a UTC hour, so one Intl call per zone and UTC hour is
// enough (Intl is slow enough that per-row calls would dominate a catalog scan or a file import).
// The few that change off the hour (Adelaide on the half hour, St John's a minute past midnight)
// keep, for the hour holding the change, the second it happens.
const formats = new Map<string, Intl.DateTimeFormat>();
/** Per zone: the offset at each UTC hour's start, as Intl reads it. */
const hourStarts = new Map<string, Map<number, number>>();
/** Per zone and UTC hour: its one offset, or where in the hour the offset changes. */
const offsets = new Map<string, Map<number, number | OffsetChange>>();

interface OffsetChange {
  readonly at: number;
  readonly before: number;
  readonly after: number;
}

/** True for a time zone name Intl knows (IANA names such as America/Chicago, or UTC). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** `zone`'s offset from UTC at `utcMs`, in ms (New York: −4 h in summer, −5 h in winter). */
export function zoneOffsetMs(zone: string, utcMs: number): number {
  const hour = Math.floor(utcMs / HOUR_MS);
  let byHour = offsets.get(zone);
  if (!byHour) offsets.set(zone, (byHour = new Map()));
  let entry = byHour.get(hour);
  if (entry === undefined) byHour.set(hour, (entry = hourOffset(zone, hour)));
  return typeof entry === 'number' ? entry : utcMs < entry.at ? entry.before : entry.after;
}

/** The hour's offset, or the second within it where the offset changes (found by halving). */
function hourOffset(zone: string, hour: number): number | OffsetChange {
  const before = hourStartOffset(zone, hour);
  const after = hourStartOffset(zone, hour + 1);
  if (after === before) return before;
  let low = hour * HOUR_MS; // reads `before`
  let high = low + HOUR_MS; // reads `after`
  while (high - low > 1000) {
    const middle = low + Math.floor((high - low) / 2000) * 1000;
    if (intlOffsetMs(zone, middle) === before) low = middle;
    else high = middle;
  }
  // A change on the next hour's stroke leaves this whole hour at `before`.
  return high === (hour + 1) * HOUR_MS ? before : { at: high, before, after };
}

function hourStartOffset(zone: string, hour: number): number {
  let byHour = hourStarts.get(zone);
  if (!byHour) hourStarts.set(zone, (byHour = new Map()));
  let offset = byHour.get(hour);
  if (offset === undefined) byHour.set(hour, (offset = intlOffsetMs(zone, hour * HOUR_MS)));
  return offset;
}

/** The offset Intl reads at `utcMs` (a whole second): the zone's wall clock minus UTC. */
function intlOffsetMs(zone: string, utcMs: number): number {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formats.set(zone, format);
  }
  const p: Record<string, string> = {};
  for (const part of format.formatToParts(new Date(utcMs))) p[part.type] = part.value;
  return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - utcMs;
}

/** New York's offset from UTC at `utcMs`, in ms (−4 h in summer, −5 h in winter). */
export function exchangeOffsetMs(utcMs: number): number {
  return zoneOffsetMs(EXCHANGE_TIME_ZONE, utcMs);
}

/** UTC ms of a wall-clock reading in `zone` (`naiveMs`: the reading written as if it were UTC). */
export function zonedWallToUtc(naiveMs: number, zone: string): number {
  // Two rounds settle the offset even next to a DST switch.
  const utc = naiveMs - zoneOffsetMs(zone, naiveMs);
  return naiveMs - zoneOffsetMs(zone, utc);
}

/** The New York calendar date (YYYY-MM-DD) at `utcMs`. */
export function exchangeDay(utcMs: number): string {
  return new Date(utcMs + exchangeOffsetMs(utcMs)).toISOString().slice(0, 10);
}

/** UTC ms of a New York wall-clock reading: `day` at `minuteOfDay` minutes after midnight. */
export function exchangeWallToUtc(day: string, minuteOfDay: number): number {
  return zonedWallToUtc(Date.parse(`${day}T00:00:00Z`) + minuteOfDay * 60_000, EXCHANGE_TIME_ZONE);
}

/** `YYYY-MM-DD HH:MM:SS` in New York time. */
export function formatExchangeTime(utcMs: number): string {
  return zoneClockText(EXCHANGE_TIME_ZONE, utcMs);
}

/**
 * `utcMs` as a wall time in `zone`: "YYYY-MM-DD HH:MM:SS" — one cached offset, no Intl call (the
 * page's clocks read it every frame). The one writer of wall times: zone-clock.ts re-exports it,
 * market.ts adds the zone's name.
 */
export function zoneClockText(zone: string, utcMs: number): string {
  return new Date(utcMs + zoneOffsetMs(zone, utcMs)).toISOString().slice(0, 19).replace('T', ' ');
}

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isCalendarDay(value: string): boolean {
  if (!DAY_PATTERN.test(value)) return false;
  const parsed = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed) && new Date(parsed).toISOString().slice(0, 10) === value;
}

/** Every calendar day from `from` to `to`, inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}
