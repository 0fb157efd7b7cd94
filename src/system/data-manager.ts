// DataManager: sets up bar streams for the SystemManager (the design note's start_bar_streams).
// Main thread, orchestration only: the bars travel from the data worker to the coordinator
// worker as transferred columns, and the page keeps no copy of an unemitted bar.

import type { Experiment } from '../core/flaws';
import { STREAM_TYPE_NAMES, StreamType, type BarInterval, type StreamKey } from '../core/stream-key';
import { adjustForSplits, type PriceAdjustment } from '../core/corporate-actions';
import { BarEnds } from '../core/emit-time';
import { fillForward, type GapPolicy } from '../core/fill-forward';
import { type Hours, type TradingSession } from '../core/trading-hours';
import { assert } from '../core/assert';
import type { ItemColumns } from '../core/item-columns';
import type { MarketDataSource } from './market-data-client';
import type { CoordinatorHandle } from './coordinator-client';
import type { SessionData } from './session-data';
import { abortable } from './abortable';
import type { SetupLog } from './setup-log';

export interface StreamRange {
  readonly from: string;
  readonly to: string;
  readonly hours: Hours;
  /** 'split': prices split-adjusted after the fetch (corporate-actions.ts). */
  readonly adjust?: PriceAdjustment;
  /** 'fill': bar gaps filled forward after the fetch (fill-forward.ts). */
  readonly gaps?: GapPolicy;
}

/** Items held back by the lagging-stream scenario, to feed after the gate has opened. */
export interface LateFeed {
  readonly slot: number;
  readonly columns: ItemColumns;
  readonly delayMs: number;
}

export class DataManager {
  /** Filled by the lagging-stream scenario; the SystemManager feeds them after the gate opens. */
  readonly lateFeeds: LateFeed[] = [];

  constructor(
    private readonly coordinator: CoordinatorHandle,
    private readonly sessionData: SessionData,
    private readonly log: SetupLog,
    /** Called after each stream is fed, for the setup progress bar. */
    private readonly onStreamReady: () => void = () => {},
    /** Teaching experiments only: the flaws and scenario of this run. */
    private readonly experiment?: Experiment,
    /** The sessions being replayed: when bars truly end, and the time before the replay. */
    private readonly sessions: readonly TradingSession[] = [],
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
    return this.startStreams(repository, symbols.map((symbol) => ({ type: StreamType.BAR, symbol, interval })), range, signal);
  }

  /** The same steps for any streams: bars, quote bars, quote updates or trade prints. */
  async startStreams(repository: MarketDataSource, keys: readonly StreamKey[], range: StreamRange, signal: AbortSignal): Promise<number> {
    let started = 0;
    for (const key of keys) {
      const { symbol, interval } = key;
      const kind = key.type === StreamType.BAR ? interval : `${STREAM_TYPE_NAMES[key.type]} ${interval}`;
      if (this.sessionData.hasStream(key)) continue;
      signal.throwIfAborted();
      const late = this.experiment?.scenario.lateSymbol;
      if (late?.symbol === symbol) {
        await this.log.time('setup', `(scenario) ${symbol}'s fetch is slow: wait ${late.delayMs} ms`, () =>
          abortable(new Promise<void>((resolve) => setTimeout(resolve, late.delayMs)), signal),
        );
      }
      const index = this.sessionData.registerStream(key, new BarEnds(this.sessions, interval));
      this.log.mark('setup', `register ${symbol} ${kind} with SessionData`);
      const slot = await this.log.time('setup', `register ${symbol} ${kind} with the coordinator`, () => abortable(this.coordinator.registerStream(key), signal));
      assert(slot === index, `coordinator slot ${slot} differs from SessionData index ${index}`);
      signal.throwIfAborted();
      const fetched = await this.log.time(
        'setup',
        `fetch ${symbol} ${kind}`,
        () => abortable(repository.getItems(key, range.from, range.to, range.hours), signal),
        (result) => `fetch ${symbol} ${kind}: ${result.tsStart.length} ${key.type === StreamType.BAR ? 'bars' : 'items'}`,
      );
      signal.throwIfAborted();
      if (range.adjust === 'split') adjustForSplits(key, fetched);
      const columns = range.gaps === 'fill' && key.type === StreamType.BAR ? fillForward(fetched, key.interval as BarInterval, this.sessions) : fetched;
      const count = columns.tsStart.length;
      if (this.experiment?.flaws.oneMinuteBarEnd && key.type === StreamType.BAR && interval !== '1m') {
        // The flaw: the original stamped every bar as ending one minute after its start.
        this.log.mark('setup', `(flaw) ${symbol} ${interval} bars stamped as ending 1 minute after they start`);
        for (let i = 0; i < count; i++) columns.tsEmit[i] = columns.tsStart[i] + 60_000;
      }
      this.sessionData.expect(index, count);
      if (this.experiment?.flaws.lookAhead) {
        // The flaw: every bar of the day into SessionData now, long before its end time.
        this.log.mark('setup', `(flaw) write all ${count} ${symbol} bars into SessionData`);
        this.sessionData.preload(index, columns, this.sessions[0]?.open ?? 0);
      }
      const lag = this.experiment?.scenario.lagging;
      if (lag?.symbol === symbol) {
        const cut = Math.floor(count * lag.fraction);
        const rest = sliceColumns(columns, cut, count);
        const first = sliceColumns(columns, 0, cut);
        await this.log.time('setup', `(scenario) feed only ${cut} of ${count} ${symbol} bars; the rest comes later`, () =>
          abortable(this.coordinator.feedStream(slot, first, false), signal),
        );
        this.lateFeeds.push({ slot, columns: rest, delayMs: lag.delayMs });
      } else {
        const what = key.type !== StreamType.BAR ? `${kind} items` : interval === '1m' ? 'bars' : `${interval} bars`;
        await this.log.time('setup', `feed ${count} ${symbol} ${what} to the queue`, () => abortable(this.coordinator.feedStream(slot, columns, true), signal));
      }
      started++;
      this.onStreamReady();
    }
    return started;
  }
}

function sliceColumns(columns: ItemColumns, begin: number, end: number): ItemColumns {
  return {
    tsStart: columns.tsStart.slice(begin, end),
    tsEmit: columns.tsEmit.slice(begin, end),
    fields: columns.fields.map((f) => f.slice(begin, end)),
  };
}
