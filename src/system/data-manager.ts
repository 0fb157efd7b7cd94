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

/** Items held back by the lagging-stream scenario, fed once the gate has opened and the coordinator runs out (late-feed.ts). */
export interface LateFeed {
  readonly slot: number;
  readonly columns: ItemColumns;
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
    /** Teaching scenarios: resolves at the coordinator's next quiet wait (late-feed.ts, coordinatorQuiet). */
    private readonly quiet: (afterGate: boolean) => Promise<void> = async () => {},
    /** False once the run has ended (the coordinator refused an item): a scenario sets up nothing more. */
    private readonly running: () => boolean = () => true,
    /** Each symbol's market sessions (replay-setup.ts); a symbol not listed uses `sessions`. */
    private readonly symbolSessions: ReadonlyMap<string, readonly TradingSession[]> = new Map(),
    /** Each symbol's market zone (replay-setup.ts), for the checker's messages; a symbol not listed: New York. */
    private readonly symbolZones: ReadonlyMap<string, string> = new Map(),
  ) {}

  /** The sessions a symbol's bars end and align by: its market's. */
  private sessionsOf(symbol: string): readonly TradingSession[] {
    return this.symbolSessions.get(symbol) ?? this.sessions;
  }

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

  /**
   * The same steps for any streams: bars, quote bars, quote updates or trade prints. In the
   * late-symbol scenario the other streams are all registered before any is fed (so the merge
   * waits for each), and the late symbol is set up only when the coordinator has taken all it
   * may: at the gate, or (no gate) idle after streaming the others to the close.
   */
  async startStreams(repository: MarketDataSource, keys: readonly StreamKey[], range: StreamRange, signal: AbortSignal): Promise<number> {
    const lateSymbol = this.experiment?.scenario.lateSymbol?.symbol;
    const late = keys.filter((key) => key.symbol === lateSymbol && !this.sessionData.hasStream(key));
    if (late.length === 0) {
      let started = 0;
      for (const key of keys) {
        const stream = await this.register(key, signal);
        if (stream) started += await this.fill(repository, stream, range, signal);
      }
      return started;
    }
    const early: RegisteredStream[] = [];
    for (const key of keys.filter((k) => k.symbol !== lateSymbol)) {
      const stream = await this.register(key, signal);
      if (stream) early.push(stream);
    }
    let started = 0;
    for (const stream of early) started += await this.fill(repository, stream, range, signal);
    await this.log.time('setup', `(scenario) ${lateSymbol}'s fetch is slow: it arrives once the coordinator has taken all it may`, () =>
      abortable(this.quiet(false), signal),
    );
    for (const key of late) {
      signal.throwIfAborted();
      if (!this.running()) break; // the coordinator refused an item: the run is over
      const stream = await this.register(key, signal);
      if (stream) started += await this.fill(repository, stream, range, signal);
    }
    // Whatever the late stream meets happens now, not at a moment left to chance.
    if (this.running()) await this.log.time('setup', `(scenario) the coordinator has taken what it may of ${lateSymbol}`, () => abortable(this.quiet(false), signal));
    return started;
  }

  /** Registers one stream with SessionData and the coordinator (they must agree on its slot); null if it exists. */
  private async register(key: StreamKey, signal: AbortSignal): Promise<RegisteredStream | null> {
    if (this.sessionData.hasStream(key)) return null;
    signal.throwIfAborted();
    const kind = kindOf(key);
    const index = this.sessionData.registerStream(key, new BarEnds(this.sessionsOf(key.symbol), key.interval, this.symbolZones.get(key.symbol)));
    this.log.mark('setup', `register ${key.symbol} ${kind} with SessionData`);
    const slot = await this.log.time('setup', `register ${key.symbol} ${kind} with the coordinator`, () => abortable(this.coordinator.registerStream(key), signal));
    assert(slot === index, `coordinator slot ${slot} differs from SessionData index ${index}`);
    return { key, index, slot };
  }

  /** Fetches one registered stream's items and feeds them (with the end-of-stream marker); returns 1. */
  private async fill(repository: MarketDataSource, { key, index, slot }: RegisteredStream, range: StreamRange, signal: AbortSignal): Promise<number> {
    const { symbol, interval } = key;
    const kind = kindOf(key);
    signal.throwIfAborted();
    const fetched = await this.log.time(
      'setup',
      `fetch ${symbol} ${kind}`,
      () => abortable(repository.getItems(key, range.from, range.to, range.hours), signal),
      (result) => `fetch ${symbol} ${kind}: ${result.tsStart.length} ${key.type === StreamType.BAR ? 'bars' : 'items'}`,
    );
    signal.throwIfAborted();
    if (range.adjust === 'split') adjustForSplits(key, fetched);
    const columns = range.gaps === 'fill' && key.type === StreamType.BAR ? fillForward(fetched, key.interval as BarInterval, this.sessionsOf(symbol)) : fetched;
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
      await this.log.time('setup', `(scenario) feed only ${cut} of ${count} ${symbol} bars; the rest comes when the coordinator runs out`, () =>
        abortable(this.coordinator.feedStream(slot, first, false), signal),
      );
      this.lateFeeds.push({ slot, columns: rest });
    } else {
      const what = key.type !== StreamType.BAR ? `${kind} items` : interval === '1m' ? 'bars' : `${interval} bars`;
      await this.log.time('setup', `feed ${count} ${symbol} ${what} to the queue`, () => abortable(this.coordinator.feedStream(slot, columns, true), signal));
    }
    this.onStreamReady();
    return 1;
  }
}

interface RegisteredStream {
  readonly key: StreamKey;
  /** SessionData's index for it, equal to the coordinator's slot. */
  readonly index: number;
  readonly slot: number;
}

function kindOf(key: StreamKey): string {
  return key.type === StreamType.BAR ? key.interval : `${STREAM_TYPE_NAMES[key.type]} ${key.interval}`;
}

function sliceColumns(columns: ItemColumns, begin: number, end: number): ItemColumns {
  return {
    tsStart: columns.tsStart.slice(begin, end),
    tsEmit: columns.tsEmit.slice(begin, end),
    fields: columns.fields.map((f) => f.slice(begin, end)),
  };
}
