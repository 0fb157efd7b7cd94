// The paper-trading desk of the page: takes orders on the backtest clock while a replay runs or is
// paused, and keeps the PaperBroker (core/paper-broker.ts) in step with SessionData. Main thread;
// TradingPanel.svelte places orders and draws view(), the page controller adds the trades to the
// run record.
//
// Rewinding: everything the desk shows is derived from (the orders placed by clock t, the bars in
// SessionData). sync() notices on its own when the clock went back or a stream has fewer bars than
// the broker looked at (a step back) and rebuilds from what SessionData holds; rewoundTo(t) is
// the same as an explicit event, for a step-back that wants to say so.

import { SystemState } from '../core/system-state';
import { BAR_FIELDS } from '../core/item-columns';
import { PaperBroker, orderProblem, type OrderRequest, type OrderStatus, type PaperFill, type PaperOrder } from '../core/paper-broker';
import { intervalMs, StreamType } from '../core/stream-key';
import { formatTradesExport, tradesRecord, type TradesRecord } from '../core/trades-export';
import { exportFileName } from './run-record';
import type { StreamItems } from './session-data';
import type { SystemManager } from './system-manager';
import type { RunClock } from './system-snapshot';

const CLOSE = BAR_FIELDS.indexOf('close');

export interface DeskSettings {
  /** Dollars a share, paid on every fill. */
  commissionPerShare: number;
  /** Dollars a share against the trader, on market and stop fills. */
  slippagePerShare: number;
}

export interface AccountLine {
  readonly symbol: string;
  readonly position: number;
  readonly averagePrice: number;
  readonly realized: number;
  readonly unrealized: number;
  readonly commissions: number;
  /** The latest close already in SessionData (NaN before the first bar). */
  readonly last: number;
}

export interface DeskView {
  readonly symbols: readonly string[];
  readonly accounts: readonly AccountLine[];
  readonly orders: readonly (PaperOrder & { readonly status: OrderStatus })[];
  readonly trades: readonly PaperFill[];
  readonly realized: number;
  readonly unrealized: number;
}

/**
 * What the desk needs of the manager. sync() reads runClock(), not snapshot(): the panel's view runs
 * it every frame, and a second full snapshot a frame is waste. Nor is the drawn snapshot passed in:
 * it can be older than the clock place() synced to, and sync() would rewind the order just placed.
 */
export type DeskManager = Pick<SystemManager, 'runClock' | 'snapshot' | 'sessionData'>;

export class PaperDesk {
  private broker = new PaperBroker();
  private runId = -1;
  private lastClock = -Infinity;
  settings: DeskSettings = { commissionPerShare: 0, slippagePerShare: 0 };

  constructor(private readonly manager: DeskManager) {}

  /** The symbols a run's orders can trade: those with bar streams. */
  symbols(): string[] {
    return [...new Set(this.manager.sessionData.streams.filter((s) => s.key.type === StreamType.BAR).map((s) => s.key.symbol))];
  }

  /** The bar stream that fills a symbol's orders: its finest. */
  private fillStream(symbol: string): StreamItems | null {
    const bars = this.manager.sessionData.streams.filter((s) => s.key.type === StreamType.BAR && s.key.symbol === symbol);
    return bars.sort((a, b) => intervalMs(a.key.interval) - intervalMs(b.key.interval))[0] ?? null;
  }

  /** Places an order at the clock's time; returns a message (and changes nothing) when it cannot. */
  place(request: OrderRequest): string | null {
    const snap = this.sync();
    if (snap.starting || snap.state === SystemState.STOPPED || snap.backtestTime === null) {
      return 'Orders need a replay that is running or paused: the backtest clock decides when an order is placed. Press Start first.';
    }
    if (!this.symbols().includes(request.symbol)) return `${request.symbol.slice(0, 12)} is not a bar stream of this replay; trade one of ${this.symbols().join(', ')}`;
    const problem = orderProblem(request);
    if (problem !== null) return `Order not placed: ${problem}.`;
    this.broker.place(request, snap.backtestTime, this.settings.commissionPerShare, this.settings.slippagePerShare);
    this.sync();
    return null;
  }

  cancel(id: number): void {
    const snap = this.sync();
    if (snap.backtestTime !== null) this.broker.cancel(id, snap.backtestTime);
  }

  /** The seam for a step back: the desk as it stood when the clock read `t`. */
  rewoundTo(t: number): void {
    this.broker.rewindTo(t);
    this.lastClock = t;
    this.sync();
  }

  /** Brings the broker up to SessionData (a new run starts a new book); returns the clock it used. */
  sync(): RunClock {
    const snap = this.manager.runClock();
    if (snap.runId !== this.runId) {
      this.broker = new PaperBroker();
      this.runId = snap.runId;
      this.lastClock = -Infinity;
    }
    const clock = snap.backtestTime ?? -Infinity;
    if (clock < this.lastClock) this.broker.rewindTo(clock);
    this.lastClock = clock;
    const traded = [...new Set(this.broker.allOrders().map((o) => o.symbol))];
    const streams = traded.map((symbol) => [symbol, this.fillStream(symbol)] as const);
    if (streams.some(([symbol, stream]) => (stream?.count ?? 0) < this.broker.cursor(symbol))) this.broker.forgetFills();
    for (const [symbol, stream] of streams) if (stream) this.broker.advance(symbol, stream);
    return snap;
  }

  view(): DeskView {
    this.sync();
    const symbols = this.symbols();
    const accounts = symbols.map((symbol) => {
      const stream = this.fillStream(symbol);
      const last = stream && stream.count > 0 ? stream.fields[CLOSE].data[stream.count - 1] : NaN;
      const a = this.broker.account(symbol);
      return { symbol, position: a.position, averagePrice: a.averagePrice, realized: a.realized, unrealized: a.unrealized(last), commissions: a.commissions, last };
    });
    return {
      symbols,
      accounts,
      orders: this.broker.allOrders().map((o) => ({ ...o, status: this.broker.status(o) })),
      trades: this.broker.trades(),
      realized: accounts.reduce((sum, a) => sum + a.realized, 0),
      unrealized: accounts.reduce((sum, a) => sum + a.unrealized, 0),
    };
  }

  /** The `export-trades` file. */
  exportCsv(): string {
    this.sync();
    return formatTradesExport(this.broker.trades());
  }

  fileName(): string {
    return exportFileName(this.manager.snapshot(), 'csv', 'trades');
  }

  /** The run record's trades (null when none were made). */
  async record(): Promise<TradesRecord | null> {
    this.sync();
    const fills = this.broker.trades();
    return fills.length === 0 ? null : tradesRecord(fills, this.fileName());
  }
}
