// Live rates for the figures panel: items per second and effective speed over a sliding window
// of recent samples. Plain TypeScript on the main thread, fed once per animation frame.

import { tradingMsBetween, type TradingSession } from '../core/trading-hours';

interface Sample {
  readonly wall: number;
  readonly emitted: number;
  readonly backtest: number;
}

export class LiveRates {
  private samples: Sample[] = [];

  constructor(private readonly windowMs = 1500) {}

  reset(): void {
    this.samples = [];
  }

  add(wall: number, emitted: number, backtest: number): void {
    const last = this.samples.at(-1);
    if (last && emitted < last.emitted) this.samples = []; // a new run began
    this.samples.push({ wall, emitted, backtest });
    while (this.samples.length > 2 && wall - this.samples[0].wall > this.windowMs) this.samples.shift();
  }

  /** Items per second over the window. */
  itemsPerSecond(): number {
    const { first, last, seconds } = this.span();
    return seconds > 0 ? (last.emitted - first.emitted) / seconds : 0;
  }

  /** Backtest (open-market) time per wall time over the window: 60 means 60x. */
  effectiveSpeed(sessions: readonly TradingSession[]): number {
    const { first, last, seconds } = this.span();
    if (seconds <= 0) return 0;
    return tradingMsBetween(sessions, first.backtest, last.backtest) / 1000 / seconds;
  }

  private span() {
    const first = this.samples[0] ?? { wall: 0, emitted: 0, backtest: 0 };
    const last = this.samples.at(-1) ?? first;
    return { first, last, seconds: (last.wall - first.wall) / 1000 };
  }
}
