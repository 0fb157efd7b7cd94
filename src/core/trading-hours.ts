// Trading sessions: the market's hours on one day, and the arithmetic pacing needs to skip the
// time between them. Pure TypeScript, any thread (the coordinator worker paces with it).

import { exchangeWallToUtc } from './exchange-time';
import { marketSessions, type Hours } from './market';
import { US_EQUITIES } from './markets';

export { HOURS, type Hours } from './market';

/** The regular open, 09:30: coarser bars are aligned to it (09:30, 09:35 …). */
export const REGULAR_OPEN_MINUTE = 9 * 60 + 30;

/** One trading session in epoch ms UTC: [open, close). */
export interface TradingSession {
  readonly day: string;
  readonly open: number;
  readonly close: number;
  /** The grid's origin for this session's bars (market.ts); absent: the day's 09:30 New York (US equities). */
  readonly anchor?: number;
}

/** The session of `day`, or null when the market is closed (weekend, holiday): the `us-equities` market's one session. */
export function tradingSession(day: string, hours: Hours): TradingSession | null {
  const session = marketSessions(US_EQUITIES, day, hours)[0];
  return session ? { day, open: session.open, close: session.close } : null;
}

/**
 * Market-open time between two instants, counting only time inside `sessions` (sorted, disjoint).
 * This is what a replay sleeps through: an overnight or weekend gap counts as nothing, so the
 * next trading session starts at once.
 */
export function tradingMsBetween(sessions: readonly TradingSession[], from: number, to: number): number {
  if (to <= from) return 0;
  let total = 0;
  for (const s of sessions) {
    const start = Math.max(from, s.open);
    const end = Math.min(to, s.close);
    if (end > start) total += end - start;
  }
  return total;
}

/**
 * The session containing `t` (close inclusive: a bar ending at 16:00 belongs to its day). Where
 * one session closes as the next opens (24/7 days, FX), `t` at that instant belongs to the next.
 */
export function sessionAt(sessions: readonly TradingSession[], t: number): TradingSession | undefined {
  // Binary search for the last session opening at or before t: the checker asks for every emitted
  // bar, and a long replay has hundreds of sessions.
  let lo = 0;
  let hi = sessions.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (sessions[mid].open <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const session = sessions[found];
  return session !== undefined && t <= session.close ? session : undefined;
}

/** UTC ms of the grid origin of `session`'s bars: its anchor, or (US equities, no anchor) 09:30 New York that day. */
export function sessionAnchor(session: TradingSession): number {
  return session.anchor ?? exchangeWallToUtc(session.day, REGULAR_OPEN_MINUTE);
}

/**
 * The union of several markets' sessions as sorted, disjoint spans: what pacing counts as open
 * time when a replay mixes markets (time when any market is open is paced, the rest skipped).
 */
export function openSpans(sessions: readonly TradingSession[]): TradingSession[] {
  const sorted = [...sessions].sort((a, b) => a.open - b.open || a.close - b.close);
  const spans: TradingSession[] = [];
  for (const s of sorted) {
    const last = spans[spans.length - 1];
    // A span is open time only: no grid anchor (each stream keeps its own market's sessions for that).
    if (last && s.open <= last.close) {
      if (s.close > last.close) spans[spans.length - 1] = { day: last.day, open: last.open, close: s.close };
    } else spans.push({ day: s.day, open: s.open, close: s.close });
  }
  return spans;
}
