// `start=HH:MM`: the instant a replay's pacing begins — the time read on the wall clocks of the
// run's first market on its first trading day (as "go to" reads a typed time), refused with that
// market's hours that day when it falls outside them. Pure TypeScript, any thread: SystemManager
// (system-manager.ts) seeks there before the gate opens; the page checks a link's start with it.

import { formatMinute, marketSessions, spansText, weekdaySessions, type Hours, type Market, type MarketSession } from './market';
import { ConfigError } from './config-error';
import { zoneOffsetMs } from './exchange-time';
import { readWallTime, zonePlace } from './zone-clock';

const MINUTE_MS = 60_000;

/** Minutes after midnight of a parsed start ("09:45" → 585). */
export function startMinutes(start: string): number {
  const [h, m] = start.split(':').map(Number);
  return h * 60 + m;
}

/** A session as minutes after `day`'s local midnight (FX's opens the evening before: negative). */
function localMinutes(market: Market, day: string, session: MarketSession): { open: number; close: number } {
  const midnight = Date.parse(`${day}T00:00:00Z`);
  const local = (utc: number) => Math.round((utc + zoneOffsetMs(market.zone, utc) - midnight) / MINUTE_MS);
  return { open: local(session.open), close: local(session.close) };
}

/**
 * The UTC instant `start` (HH:MM) names on `day` in `market`, within its `hours` sessions that day
 * (calendar applied: an early close ends them sooner). A time FX's day holds the evening before
 * (18:00 on a day that opens at 17:00 the day before) is read there. Outside every session, or a
 * time the clocks skipped: a ConfigError naming `start`, the market's hours and what to pick.
 */
export function startInMarket(start: string, market: Market, day: string, hours: Hours): number {
  const sessions = marketSessions(market, day, hours);
  const minute = startMinutes(start);
  for (const m of [minute, minute - 1440]) {
    const reading = readWallTime(market.zone, day, m);
    if (reading.kind === 'skipped') continue;
    if (sessions.some((s) => reading.utc >= s.open && reading.utc < s.close)) return reading.utc;
  }
  const spans = sessions.map((s) => localMinutes(market, day, s));
  const place = zonePlace(market.zone);
  const picks = spans.map((s) => `${formatMinute(s.open)} to ${formatMinute(s.close - 1)}`).join(' or ');
  // Regular hours where the market has more: say which extended hours would take the time.
  const extended = hours === 'regular' ? weekdaySessions(market, day, 'extended') : [];
  const wider = extended.length > 0 && spansText(extended) !== spansText(weekdaySessions(market, day, 'regular'));
  const other = wider ? `, or hours=extended (${spansText(marketSessions(market, day, 'extended').map((s) => localMinutes(market, day, s)))})` : '';
  if (spans.length === 0) throw new ConfigError('start', `start ${start} is outside ${market.name}'s hours: it does not trade on ${day}`);
  throw new ConfigError('start', `start ${start} is outside the ${hours} session (${spansText(spans)} ${place}): pick a time from ${picks}${other}`);
}
