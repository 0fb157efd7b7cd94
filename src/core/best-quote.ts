// The best bid and offer across exchanges, derived from per-exchange one-sided quote updates
// (the source's quote ticks are not an NBBO stream: each row carries one exchange's bid or ask).
// Pure TypeScript; the page feeds it the quote updates in SessionData, in emission order.

export interface BestQuote {
  readonly bid: number;
  readonly bidSize: number;
  readonly bidExchange: string;
  readonly ask: number;
  readonly askSize: number;
  readonly askExchange: string;
}

export class BestQuoteBook {
  /** Each exchange's latest bid and ask (NaN: none yet). */
  private readonly books = new Map<string, { bid: number; bidSize: number; ask: number; askSize: number }>();

  /** One quote update; a missing side (NaN) leaves that exchange's side as it was. */
  update(exchange: string, bid: number, bidSize: number, ask: number, askSize: number): void {
    let book = this.books.get(exchange);
    if (!book) this.books.set(exchange, (book = { bid: NaN, bidSize: NaN, ask: NaN, askSize: NaN }));
    if (!Number.isNaN(bid)) {
      book.bid = bid;
      book.bidSize = bidSize;
    }
    if (!Number.isNaN(ask)) {
      book.ask = ask;
      book.askSize = askSize;
    }
  }

  /** Forgets every exchange's quotes (a step back rebuilds the book from the updates still emitted). */
  clear(): void {
    this.books.clear();
  }

  /** Highest bid and lowest ask across exchanges (sizes of those quotes; ties: the larger size). */
  best(): BestQuote | null {
    let best: { bid: number; bidSize: number; bidExchange: string; ask: number; askSize: number; askExchange: string } | null = null;
    for (const [exchange, b] of this.books) {
      best ??= { bid: NaN, bidSize: NaN, bidExchange: '', ask: NaN, askSize: NaN, askExchange: '' };
      if (!Number.isNaN(b.bid) && (Number.isNaN(best.bid) || b.bid > best.bid || (b.bid === best.bid && b.bidSize > best.bidSize))) {
        Object.assign(best, { bid: b.bid, bidSize: b.bidSize, bidExchange: exchange });
      }
      if (!Number.isNaN(b.ask) && (Number.isNaN(best.ask) || b.ask < best.ask || (b.ask === best.ask && b.askSize > best.askSize))) {
        Object.assign(best, { ask: b.ask, askSize: b.askSize, askExchange: exchange });
      }
    }
    return best;
  }
}

/** Exchange codes travel as numbers in the columnar arrays: the letter's char code. */
export const exchangeCode = (letter: string) => (letter ? letter.charCodeAt(0) : NaN);
export const exchangeLetter = (code: number) => (Number.isNaN(code) ? '' : String.fromCharCode(code));
