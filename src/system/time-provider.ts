// TimeProvider: the clock the page shows. In backtest mode, the backtest clock: main thread reads,
// the coordinator worker writes it into the control block with setBacktestTime, so reading it
// costs one Atomics.load, no message round trip (the fallback gate mirrors it). Live: wall clock.

import type { ControlBlock } from '../core/control-block';

export class TimeProvider {
  constructor(
    private readonly control: ControlBlock,
    /** live: the wall clock (the design note's live mode); backtest: the coordinator's clock. */
    private readonly mode: 'backtest' | 'live' = 'backtest',
  ) {}

  /** Epoch ms UTC: in backtest, the emit time of the last item emitted; live, now. */
  now(): number {
    return this.mode === 'live' ? Date.now() : this.control.backtestTime();
  }
}
