// Pacing: how long to wait before emitting an item at a given speed. Pure TypeScript; the
// coordinator worker asks it for a delay and then waits on the doorbell for that long, so a
// pause, stop or speed change cuts the wait short (design.md, "Merge rules").
//
// Time runs on a "trading-time axis": milliseconds of open market since the first session's
// open. Overnight, weekend and holiday gaps have zero length on it, so they are never slept
// through. A replay is a line on that axis anchored at (wall time, axis position) with a slope
// of `speed`; a speed change or a resume re-anchors the line where it stands, so nothing jumps.

import { tradingMsBetween, type TradingSession } from './trading-hours';

/** Speed 0 means "max": no waiting at all. */
export const MAX_SPEED = 0;

export class Pacer {
  private wallAnchor = 0;
  private axisAnchor = 0;
  private speed = 1;
  private frozenAt: number | null = null;

  constructor(private readonly sessions: readonly TradingSession[]) {}

  /** Position of an instant on the trading-time axis. */
  position(t: number): number {
    return this.sessions.length === 0 ? 0 : tradingMsBetween(this.sessions, this.sessions[0].open, t);
  }

  /** Starts (or restarts) the line at `backtestTime`, e.g. when the gate opens. */
  start(wallNow: number, backtestTime: number, speed: number): void {
    this.speed = speed;
    this.frozenAt = null;
    this.wallAnchor = wallNow;
    this.axisAnchor = this.position(backtestTime);
  }

  /** Where the line is now on the axis. */
  current(wallNow: number): number {
    if (this.frozenAt !== null) return this.frozenAt;
    if (this.speed === MAX_SPEED) return Infinity;
    return this.axisAnchor + (wallNow - this.wallAnchor) * this.speed;
  }

  /** A speed change mid-gap keeps the progress made so far and continues at the new slope. */
  setSpeed(wallNow: number, speed: number, backtestTime: number): void {
    if (speed === this.speed) return;
    const here = this.speed === MAX_SPEED ? this.position(backtestTime) : this.current(wallNow);
    this.speed = speed;
    if (this.frozenAt !== null) {
      this.frozenAt = here;
      return;
    }
    this.wallAnchor = wallNow;
    this.axisAnchor = here;
  }

  pause(wallNow: number, backtestTime: number): void {
    if (this.frozenAt !== null) return;
    const here = this.current(wallNow);
    this.frozenAt = Number.isFinite(here) ? here : this.position(backtestTime);
  }

  /** Resumes from where the pause froze the line, or from `backtestTime` if a step went past it. */
  resume(wallNow: number, backtestTime: number): void {
    if (this.frozenAt === null) return;
    this.axisAnchor = Math.max(this.frozenAt, this.position(backtestTime));
    this.wallAnchor = wallNow;
    this.frozenAt = null;
  }

  /** A step back while paused: the line is frozen at the earlier backtest time, and resumes from there. */
  rewound(backtestTime: number): void {
    if (this.frozenAt !== null) this.frozenAt = this.position(backtestTime);
  }

  /** At max speed nothing waits (delayMs is 0 unless frozen). */
  get atMax(): boolean {
    return this.speed === MAX_SPEED && this.frozenAt === null;
  }

  /** Milliseconds to wait before an item emitted at `emit` is due; 0 when due (or at max). */
  delayMs(wallNow: number, emit: number): number {
    if (this.frozenAt !== null) return Infinity;
    if (this.speed === MAX_SPEED) return 0;
    const ahead = this.position(emit) - this.current(wallNow);
    return ahead > 0 ? ahead / this.speed : 0;
  }
}
