// The paper-trading fill model, as one table (README "Paper trading"): when a bar fills an order,
// and at what price. Pure TypeScript; paper-broker.ts applies it to each bar SessionData gains.
//
// A market order placed while the clock reads t fills at the open of the first bar of its symbol
// that starts at or after t. Limit and stop orders fill when such a later bar's range reaches the
// price: at the price, or at the open if the bar opened through it. When one bar could fill a
// stop and a target (a limit) both, the stop is taken first. Market and stop fills pay the
// slippage (against the trader); a limit fills at its price or better, so it pays none.

export type Side = 'buy' | 'sell';
export type OrderType = 'market' | 'limit' | 'stop';

export interface FillBar {
  readonly start: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
}

/** The price a bar fills an order at before slippage, or null when it does not reach it. */
type Rule = (bar: FillBar, price: number) => number | null;

/** Who fills where: one row per order type and side. */
export const FILL_RULES: Record<OrderType, Record<Side, Rule>> = {
  market: {
    buy: (bar) => bar.open,
    sell: (bar) => bar.open,
  },
  limit: {
    // Buy at the price or lower: a bar that opened below it fills at the open.
    buy: (bar, p) => (bar.open <= p ? bar.open : bar.low <= p ? p : null),
    sell: (bar, p) => (bar.open >= p ? bar.open : bar.high >= p ? p : null),
  },
  stop: {
    // A buy stop triggers at the price or higher: a bar that gapped above it fills at the open.
    buy: (bar, p) => (bar.open >= p ? bar.open : bar.high >= p ? p : null),
    sell: (bar, p) => (bar.open <= p ? bar.open : bar.low <= p ? p : null),
  },
};

/** Within one bar, pending orders are tried in this order (then by order id): the stop before the target. */
export const FILL_PRIORITY: Record<OrderType, number> = { market: 0, stop: 1, limit: 2 };

/** Order types whose fills pay slippage. */
export const PAYS_SLIPPAGE: Record<OrderType, boolean> = { market: true, stop: true, limit: false };

/** Prices and money are kept to a millionth, so `String(x)` in the export has no binary noise (0.1 + 0.2). */
export function roundMoney(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** The fill price of `type`/`side` on `bar` with `slippage` per share, or null. */
export function fillPrice(type: OrderType, side: Side, bar: FillBar, price: number, slippage: number): number | null {
  const base = FILL_RULES[type][side](bar, price);
  if (base === null) return null;
  const slip = PAYS_SLIPPAGE[type] ? slippage : 0;
  return roundMoney(side === 'buy' ? base + slip : base - slip);
}

/** The statement of the fill model shown on screen (README says the same). */
export const FILL_MODEL_TEXT =
  'A market order placed while the clock reads t fills at the open of the first bar of its symbol that starts at or after t. ' +
  "Limit and stop orders fill when a later bar's range reaches the price: at the price, or at the open if the bar opened through it. " +
  'When one bar could fill both a stop and a target, the stop is assumed first. Market and stop fills pay the slippage; commission is per share.';
