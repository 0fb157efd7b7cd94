// How the trading panel writes quantities and money: plain digits with a leading "-" (the
// `position` and `pnl-realized` hooks read as numbers). Main thread; TradingPanel.svelte and the
// look-ahead lesson use it.

/** A signed share count: `0`, `100`, `-100`. */
export function signedQuantity(qty: number): string {
  return String(qty === 0 ? 0 : Math.trunc(qty));
}

/** Dollars to the cent, no thousands separator, never `-0.00`. */
export function money(x: number): string {
  const cents = Math.round(x * 100);
  return (cents === 0 ? 0 : cents / 100).toFixed(2);
}
