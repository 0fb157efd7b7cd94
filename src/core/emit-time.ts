// The emit-time rule (design.md, "Merge rules"): a bar is stamped with its start but becomes true
// only at its end — start + interval, cut at the trading session's close. Pure TypeScript.

import { intervalMs, type Interval } from './stream-key';
import { sessionAnchor, sessionAt, type TradingSession } from './trading-hours';

/** When a bar starting at `tsStart` may be emitted. Ticks (`tick`) are emitted at their own time. */
export function emitTime(tsStart: number, interval: Interval, sessionClose: number): number {
  if (interval === 'tick') return tsStart;
  return Math.min(tsStart + intervalMs(interval), sessionClose);
}

let anchorSession: TradingSession | undefined;
let anchorMs = 0;

/**
 * When a bar that starts at `tsStart` truly ends: the end of its bucket on the grid aligned to
 * its session's anchor (US equities: the day's 09:30; market.ts), cut at the session close (or
 * break); a daily bar ends at the day's last close. The
 * invariant checker holds every emitted bar to it.
 */
export function barEnd(tsStart: number, interval: Interval, session: TradingSession): number {
  if (interval === 'tick') return tsStart;
  if (interval === '1d') return session.close;
  const size = intervalMs(interval);
  // Bars arrive session by session: remember the last session's anchor rather than asking Intl for every bar.
  if (session !== anchorSession) {
    anchorSession = session;
    anchorMs = sessionAnchor(session);
  }
  return bucketEnd(tsStart, size, anchorMs, session.close);
}

/** The end of the bucket holding `tsStart` on a grid of `size` from `anchor`, cut at `close`. */
function bucketEnd(tsStart: number, size: number, anchor: number, close: number): number {
  return Math.min(anchor + Math.floor((tsStart - anchor) / size) * size + size, close);
}

/**
 * barEnd for one stream's bars, asked in time order (the invariant checker asks for every bar
 * emitted): the current session and its 09:30 anchor are kept between calls, so a bar costs a
 * little arithmetic, not a session search and a time-zone conversion. A bar outside every
 * session ends at −Infinity (nothing to hold it to).
 */
export class BarEnds {
  private open = Infinity;
  private close = -Infinity;
  private anchor = 0;
  /** The end of the last bar's bucket (where the next bucket starts). */
  private nextBucket = Infinity;
  private readonly size: number;

  constructor(
    private readonly sessions: readonly TradingSession[],
    private readonly interval: Interval,
    /** The market's IANA zone: the checker writes this stream's times in it. */
    readonly zone = 'America/New_York',
  ) {
    this.size = interval === 'tick' || interval === '1d' ? 0 : intervalMs(interval);
  }

  end(tsStart: number): number {
    if (!this.locate(tsStart)) return -Infinity;
    if (this.size === 0) return this.interval === 'tick' ? tsStart : this.close;
    // Bars follow each other: most often this bar starts the bucket after the last one's.
    if (tsStart >= this.nextBucket && tsStart < this.nextBucket + this.size) this.nextBucket += this.size;
    else this.nextBucket = this.anchor + Math.floor((tsStart - this.anchor) / this.size) * this.size + this.size;
    return Math.min(this.nextBucket, this.close);
  }

  /**
   * When the session of a bar that starts at `tsStart` closes (at a break too: Tokyo's morning
   * session closes at 11:30), and a daily bar's day at its last close; −Infinity outside every
   * session. No bar may be emitted after it.
   */
  sessionClose(tsStart: number): number {
    return this.locate(tsStart) ? this.close : -Infinity;
  }

  /** Moves to the session holding `tsStart` (kept between calls); false when none does. */
  private locate(tsStart: number): boolean {
    if (tsStart >= this.open && tsStart < this.close) return true;
    const session = sessionAt(this.sessions, tsStart);
    if (!session) return false;
    this.open = session.open;
    this.close = this.size === 0 && this.interval === '1d' ? dayClose(this.sessions, session) : session.close;
    this.anchor = sessionAnchor(session);
    this.nextBucket = Infinity;
    return true;
  }
}

/** The close of the last session on `session`'s day (a day with a lunch break has two). */
function dayClose(sessions: readonly TradingSession[], session: TradingSession): number {
  let close = session.close;
  for (let i = sessions.indexOf(session) + 1; i < sessions.length && sessions[i].day === session.day; i++) close = sessions[i].close;
  return close;
}
