// DataManager: sets up bar streams for the SystemManager (the design note's start_bar_streams).
// Main thread, orchestration only: the bars travel from the data worker to the coordinator
// worker as transferred columns, and the page keeps no copy of an unemitted bar.

import { StreamType, type BarInterval, type StreamKey } from '../core/stream-key';
import type { Hours } from '../core/trading-hours';
import { assert } from '../core/assert';
import type { MarketDataSource } from '../data/market-data-client';
import type { CoordinatorHandle } from '../worker/coordinator-client';
import type { SessionData } from './session-data';
import { abortable } from './abortable';
import type { SetupLog } from './setup-log';

export interface StreamRange {
  readonly from: string;
  readonly to: string;
  readonly hours: Hours;
}

export class DataManager {
  constructor(
    private readonly coordinator: CoordinatorHandle,
    private readonly sessionData: SessionData,
    private readonly log: SetupLog,
    /** Called after each stream is fed, for the setup progress bar. */
    private readonly onStreamReady: () => void = () => {},
  ) {}

  /**
   * For each symbol: skip duplicates, register with SessionData, register with the coordinator,
   * fetch its bars through the repository, feed them (with the end-of-stream marker). Returns the
   * number of streams started. Runs while the system is STOPPED; `signal` cancels between steps.
   */
  async startBarStreams(
    repository: MarketDataSource,
    symbols: readonly string[],
    interval: BarInterval,
    range: StreamRange,
    signal: AbortSignal,
  ): Promise<number> {
    let started = 0;
    for (const symbol of symbols) {
      const key: StreamKey = { type: StreamType.BAR, symbol, interval };
      if (this.sessionData.hasStream(key)) continue;
      signal.throwIfAborted();
      const index = this.sessionData.registerStream(key);
      this.log.mark('setup', `register ${symbol} ${interval} with SessionData`);
      const slot = await this.log.time('setup', `register ${symbol} ${interval} with the coordinator`, () => abortable(this.coordinator.registerStream(key), signal));
      assert(slot === index, `coordinator slot ${slot} differs from SessionData index ${index}`);
      signal.throwIfAborted();
      const columns = await this.log.time(
        'setup',
        `fetch ${symbol} ${interval} bars`,
        () => abortable(repository.getBarsBySymbol(symbol, interval, range.from, range.to, range.hours), signal),
        (result) => `fetch ${symbol} ${interval}: ${result.tsStart.length} bars`,
      );
      const count = columns.tsStart.length;
      signal.throwIfAborted();
      this.sessionData.streams[index].expected = count;
      await this.log.time('setup', `feed ${count} ${symbol} bars to the queue`, () => abortable(this.coordinator.feedStream(slot, columns, true), signal));
      started++;
      this.onStreamReady();
    }
    return started;
  }
}
