// TimeProvider: the backtest clock. Main thread reads; the coordinator worker writes it into the
// control block with setBacktestTime, so reading it costs one Atomics.load, no message round
// trip. (On the fallback gate the page's copy is updated from the worker's events.)

import type { ControlBlock } from '../core/control-block';

export class TimeProvider {
  constructor(private readonly control: ControlBlock) {}

  /** Backtest time, epoch ms UTC: the emit time of the last item emitted. */
  now(): number {
    return this.control.backtestTime();
  }
}
