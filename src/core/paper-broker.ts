// Paper trading's book: orders placed on the backtest clock, filled by the bars SessionData gains
// (the rules of fill-model.ts), and each symbol's account. Pure TypeScript on the main thread; the
// system layer's PaperDesk feeds it the bars. Its state is a function of (the orders placed and
// cancelled by time t, the bars in SessionData): rewindTo(t) drops what was placed after t and
// forgets every fill, and the next advance() over the bars that remain gives the state at t again.

import { assert } from './assert';
import { BAR_FIELDS } from './item-columns';
import { FILL_PRIORITY, fillPrice, roundMoney, type OrderType, type Side } from './fill-model';
import type { BarSource } from './indicator-series';
import { PaperAccount } from './paper-account';

export interface OrderRequest {
  readonly symbol: string;
  readonly side: Side;
  readonly qty: number;
  readonly type: OrderType;
  /** The limit or stop price (market orders have none). */
  readonly price?: number;
  /** Orders sharing a group cancel each other: the first to fill cancels the rest (a stop and its target). */
  readonly oco?: number;
}

export interface PaperOrder extends OrderRequest {
  readonly id: number;
  /** Backtest time when it was placed (epoch ms UTC). */
  readonly tsOrder: number;
  /** The settings when it was placed: changing them later does not reprice old orders. */
  readonly commissionPerShare: number;
  readonly slippagePerShare: number;
  /** Backtest time of its cancel, if cancelled. */
  tsCancel?: number;
}

export interface PaperFill {
  readonly orderId: number;
  readonly symbol: string;
  readonly side: Side;
  readonly qty: number;
  readonly type: OrderType;
  readonly tsOrder: number;
  /** Start of the bar that filled it: the open's time (for a limit or stop, somewhere within that bar). */
  readonly tsFill: number;
  readonly price: number;
  readonly commission: number;
  /** Tie-break among fills at one time (FILL_PRIORITY). */
  readonly priority: number;
}

export type OrderStatus = 'pending' | 'filled' | 'cancelled';

const OPEN = BAR_FIELDS.indexOf('open');
const HIGH = BAR_FIELDS.indexOf('high');
const LOW = BAR_FIELDS.indexOf('low');

/** A request's problem as a person reads it, or null when it is a valid order. */
export function orderProblem(request: OrderRequest): string | null {
  if (!Number.isInteger(request.qty) || request.qty <= 0) return `quantity must be a whole number of shares above 0; got ${String(request.qty).slice(0, 20)}`;
  if (request.type !== 'market' && !(typeof request.price === 'number' && Number.isFinite(request.price) && request.price > 0)) {
    return `a ${request.type} order needs a price above 0`;
  }
  return null;
}

export class PaperBroker {
  private readonly orders: PaperOrder[] = [];
  private fills: PaperFill[] = [];
  /** The fills sorted, kept until the next fill or forget: the trade list reads them every frame. */
  private sorted: readonly PaperFill[] | null = null;
  private readonly filledIds = new Map<number, PaperFill>();
  /** Orders cancelled because their OCO partner filled (a consequence of fills, so forgotten with them). */
  private readonly ocoCancelled = new Set<number>();
  private accounts = new Map<string, PaperAccount>();
  /** Bars of each symbol already looked at. */
  private cursors = new Map<string, number>();
  private nextId = 1;

  place(request: OrderRequest, tsOrder: number, commissionPerShare: number, slippagePerShare: number): PaperOrder {
    const problem = orderProblem(request);
    assert(problem === null, problem ?? '');
    const order: PaperOrder = { ...request, id: this.nextId++, tsOrder, commissionPerShare, slippagePerShare };
    this.orders.push(order);
    return order;
  }

  /** Cancels a pending order at `at`; false when it is not pending. */
  cancel(id: number, at: number): boolean {
    const order = this.orders.find((o) => o.id === id);
    if (!order || this.status(order) !== 'pending') return false;
    order.tsCancel = at;
    return true;
  }

  status(order: PaperOrder): OrderStatus {
    if (this.filledIds.has(order.id)) return 'filled';
    return order.tsCancel === undefined && !this.ocoCancelled.has(order.id) ? 'pending' : 'cancelled';
  }

  /** Bars looked at for `symbol` so far (the desk compares it with SessionData's count). */
  cursor(symbol: string): number {
    return this.cursors.get(symbol) ?? 0;
  }

  /** Looks at `symbol`'s bars from the cursor up to the source's count, filling what they reach. */
  advance(symbol: string, bars: BarSource): void {
    const from = this.cursor(symbol);
    assert(bars.count >= from, `${symbol}: fewer bars than already looked at; rewind first`);
    const mine = this.orders.filter((o) => o.symbol === symbol);
    for (let i = from; i < bars.count; i++) {
      const start = bars.tsStart.data[i];
      const bar = { start, open: bars.fields[OPEN].data[i], high: bars.fields[HIGH].data[i], low: bars.fields[LOW].data[i] };
      const live = mine
        .filter((o) => !this.filledIds.has(o.id) && !this.ocoCancelled.has(o.id) && start >= o.tsOrder && (o.tsCancel === undefined || start < o.tsCancel))
        .sort((a, b) => FILL_PRIORITY[a.type] - FILL_PRIORITY[b.type] || a.id - b.id);
      for (const order of live) {
        if (this.ocoCancelled.has(order.id)) continue; // its OCO partner filled in this bar
        const price = fillPrice(order.type, order.side, bar, order.price ?? 0, order.slippagePerShare);
        if (price === null) continue;
        this.fill(order, start, price);
        if (order.oco !== undefined) for (const other of mine) if (other !== order && other.oco === order.oco && this.status(other) === 'pending') this.ocoCancelled.add(other.id);
      }
    }
    this.cursors.set(symbol, bars.count);
  }

  private fill(order: PaperOrder, tsFill: number, price: number): void {
    const commission = roundMoney(order.commissionPerShare * order.qty);
    const fill: PaperFill = { orderId: order.id, symbol: order.symbol, side: order.side, qty: order.qty, type: order.type, tsOrder: order.tsOrder, tsFill, price, commission, priority: FILL_PRIORITY[order.type] };
    this.fills.push(fill);
    this.sorted = null;
    this.filledIds.set(order.id, fill);
    let account = this.accounts.get(order.symbol);
    if (!account) this.accounts.set(order.symbol, (account = new PaperAccount()));
    account.apply(order.side, order.qty, price, commission);
  }

  /**
   * Back to the clock reading `t`: orders placed after t are gone, cancels after t undone, and
   * every fill forgotten; advance() over SessionData's bars (rewound to t as well) refills them.
   */
  rewindTo(t: number): void {
    for (let i = this.orders.length - 1; i >= 0; i--) if (this.orders[i].tsOrder > t) this.orders.splice(i, 1);
    for (const order of this.orders) if (order.tsCancel !== undefined && order.tsCancel > t) delete order.tsCancel;
    this.nextId = (this.orders.at(-1)?.id ?? 0) + 1;
    this.forgetFills();
  }

  /** Forgets every fill (and OCO cancel): the orders stay, and advance() from bar 0 refills them. */
  forgetFills(): void {
    this.fills = [];
    this.sorted = null;
    this.ocoCancelled.clear();
    this.filledIds.clear();
    this.accounts = new Map();
    this.cursors = new Map();
  }

  /** Every order placed, in id order. */
  allOrders(): readonly PaperOrder[] {
    return this.orders;
  }

  /** The fills in time order (ties: stop before target, then order id): the trade list and export-trades. */
  trades(): readonly PaperFill[] {
    return (this.sorted ??= [...this.fills].sort((a, b) => a.tsFill - b.tsFill || a.priority - b.priority || a.orderId - b.orderId));
  }

  account(symbol: string): PaperAccount {
    return this.accounts.get(symbol) ?? new PaperAccount();
  }

  symbols(): string[] {
    return [...this.accounts.keys()];
  }
}
