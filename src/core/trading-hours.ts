// Trading sessions: the market's hours on one day, and the arithmetic pacing needs to skip the
// time between them. Pure TypeScript, any thread (the coordinator worker paces with it).

import { exchangeWallToUtc } from './exchange-time';
import { marketDay } from './market-calendar';

export type Hours = 'regular' | 'extended';
export const HOURS: readonly Hours[] = ['regular', 'extended'];

/** Minutes after New York midnight: regular 09:30–16:00, extended 04:00–20:00. */
const HOURS_MINUTES: Record<Hours, { open: number; close: number }> = {
  regular: { open: 9 * 60 + 30, close: 16 * 60 },
  extended: { open: 4 * 60, close: 20 * 60 },
};
/** On early-close days regular trading ends at 13:00 and the late session at 17:00. */
const EARLY_CLOSE_MINUTES: Record<Hours, number> = { regular: 13 * 60, extended: 17 * 60 };

/** The regular open, 09:30: coarser bars are aligned to it (09:30, 09:35 …). */
export const REGULAR_OPEN_MINUTE = 9 * 60 + 30;

/** One trading session in epoch ms UTC: [open, close). */
export interface TradingSession {
  readonly day: string;
  readonly open: number;
  readonly close: number;
}

/** The session of `day`, or null when the market is closed (weekend, holiday: market-calendar.ts). */
export function tradingSession(day: string, hours: Hours): TradingSession | null {
  const kind = marketDay(day).kind;
  if (kind === 'weekend' || kind === 'holiday') return null;
  const { open, close } = HOURS_MINUTES[hours];
  const end = kind === 'early-close' ? EARLY_CLOSE_MINUTES[hours] : close;
  return { day, open: exchangeWallToUtc(day, open), close: exchangeWallToUtc(day, end) };
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

/** The session containing `t` (close inclusive: a bar ending at 16:00 belongs to its day). */
export function sessionAt(sessions: readonly TradingSession[], t: number): TradingSession | undefined {
  // Binary search: the checker asks for every emitted bar, and a long replay has hundreds of sessions.
  let lo = 0;
  let hi = sessions.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const s = sessions[mid];
    if (t < s.open) hi = mid - 1;
    else if (t > s.close) lo = mid + 1;
    else return s;
  }
  return undefined;
}
