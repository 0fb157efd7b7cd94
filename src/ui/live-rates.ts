// Live rates for the figures panel: items per second and effective speed, measured between the
// backtest clock's own steps. Plain TypeScript on the main thread; App.svelte feeds it one
// snapshot per animation frame.
//
// Why steps: with one-minute bars the clock moves in one-minute jumps (once a second at 60x), so a
// fixed 1.5 s window over frames saw one jump or two and read 40x or 80x. Here a sample is taken
// only on the frame where the clock has just stepped, and the rate is measured from the oldest
// kept step to the newest: both ends sit on a step, and the span covers several steps.

import { tradingMsBetween, type TradingSession } from '../core/trading-hours';

interface Step {
  /** Wall time of the first frame that showed this clock value. */
  readonly wall: number;
  readonly emitted: number;
  readonly backtest: number;
}

export class LiveRates {
  private steps: Step[] = [];
  /** The clock value seen last; the first value seen is no step (we do not know when it began). */
  private seen: number | null = null;
  private seenEmitted = 0;

  /**
   * @param windowMs steps older than this (wall time) are dropped …
   * @param minSteps … but never fewer than this many intervals are kept, so a slow replay (one
   *   step a minute at 1x) still measures across several steps.
   */
  constructor(
    private readonly windowMs = 6000,
    private readonly minSteps = 4,
  ) {}

  reset(): void {
    this.steps = [];
    this.seen = null;
    this.seenEmitted = 0;
  }

  /** One frame's figures. Not running (paused, stopped, setting up) starts the measure over. */
  add(wall: number, emitted: number, backtest: number, running = true): void {
    if (!running) return this.reset();
    if (this.seen !== null && (emitted < this.seenEmitted || backtest < this.seen)) this.reset(); // a new run
    const stepped = this.seen !== null && backtest !== this.seen;
    this.seen = backtest;
    this.seenEmitted = emitted;
    if (!stepped) return;
    this.steps.push({ wall, emitted, backtest });
    while (this.steps.length > this.minSteps + 1 && wall - this.steps[1].wall >= this.windowMs) this.steps.shift();
  }

  /** Items per second between the oldest and newest kept steps; 0 until two steps were seen. */
  itemsPerSecond(): number {
    const span = this.span();
    return span ? (span.last.emitted - span.first.emitted) / span.seconds : 0;
  }

  /** Backtest (open-market) time per wall time between kept steps: 60 means 60x; 0 until known. */
  effectiveSpeed(sessions: readonly TradingSession[]): number {
    const span = this.span();
    if (!span) return 0;
    return tradingMsBetween(sessions, span.first.backtest, span.last.backtest) / 1000 / span.seconds;
  }

  private span(): { first: Step; last: Step; seconds: number } | null {
    const first = this.steps[0];
    const last = this.steps.at(-1);
    if (!first || !last || last.wall <= first.wall) return null;
    return { first, last, seconds: (last.wall - first.wall) / 1000 };
  }
}
