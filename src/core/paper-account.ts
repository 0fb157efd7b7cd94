// One symbol's position from its fills: signed quantity, average price, realized P&L (average-cost
// accounting) and commissions. Pure TypeScript; paper-broker.ts keeps one a traded symbol.

import { roundMoney, type Side } from './fill-model';

export class PaperAccount {
  /** Signed shares: negative when short. */
  position = 0;
  /** Average price of the open position; 0 when flat. */
  averagePrice = 0;
  /** Closed trades' P&L before commissions. */
  realizedGross = 0;
  commissions = 0;

  apply(side: Side, qty: number, price: number, commission: number): void {
    const signed = side === 'buy' ? qty : -qty;
    this.commissions = roundMoney(this.commissions + commission);
    if (this.position === 0 || Math.sign(this.position) === Math.sign(signed)) {
      const size = Math.abs(this.position);
      this.averagePrice = roundMoney((this.averagePrice * size + price * qty) / (size + qty));
      this.position += signed;
      return;
    }
    const closing = Math.min(qty, Math.abs(this.position));
    this.realizedGross = roundMoney(this.realizedGross + closing * (price - this.averagePrice) * Math.sign(this.position));
    this.position += signed;
    // Flat: no average. Flipped through zero: the rest opened at this price.
    if (this.position === 0) this.averagePrice = 0;
    else if (Math.sign(this.position) === Math.sign(signed)) this.averagePrice = price;
  }

  /** Realized P&L net of every commission paid (what `pnl-realized` shows). */
  get realized(): number {
    return roundMoney(this.realizedGross - this.commissions);
  }

  /** The open position valued at `last` (the latest close already in SessionData). */
  unrealized(last: number): number {
    return this.position === 0 || !Number.isFinite(last) ? 0 : roundMoney(this.position * (last - this.averagePrice));
  }
}
