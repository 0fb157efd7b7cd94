import { describe, expect, it } from 'vitest';
import { BestQuoteBook, exchangeCode, exchangeLetter } from './best-quote';

describe('BestQuoteBook', () => {
  it('takes the highest bid and the lowest ask across one-sided exchange updates', () => {
    const book = new BestQuoteBook();
    expect(book.best()).toBeNull();
    book.update('Q', 181.69, 200, NaN, NaN);
    book.update('P', NaN, NaN, 181.9, 100);
    expect(book.best()).toEqual({ bid: 181.69, bidSize: 200, bidExchange: 'Q', ask: 181.9, askSize: 100, askExchange: 'P' });
    book.update('N', 181.7, 300, 181.95, 500);
    expect(book.best()).toMatchObject({ bid: 181.7, bidExchange: 'N', ask: 181.9, askExchange: 'P' });
    // Q's new bid replaces its own old one; the best moves back when N lowers its bid.
    book.update('N', 181.6, 100, NaN, NaN);
    expect(book.best()).toMatchObject({ bid: 181.69, bidExchange: 'Q', ask: 181.9 });
  });
  it('round-trips exchange letters through numbers', () => {
    expect(exchangeLetter(exchangeCode('Q'))).toBe('Q');
    expect(exchangeLetter(exchangeCode(''))).toBe('');
  });
});
