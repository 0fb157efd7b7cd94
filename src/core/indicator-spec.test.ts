import { describe, expect, it } from 'vitest';
import { formatIndicators, parseIndicators } from './indicator-spec';

describe('indicator specs', () => {
  it('reads the link form, drops duplicates, keeps the order', () => {
    const specs = parseIndicators('sma20,EMA50,vwap,bb20,rsi14,sma20');
    expect(formatIndicators(specs)).toBe('sma20,ema50,vwap,bb20,rsi14');
    expect(parseIndicators('')).toEqual([]);
  });
  it.each([
    ['macd12', /unknown indicator "macd12"/],
    ['sma', /sma needs a period from 2 to 500/],
    ['sma1', /period from 2/],
    ['rsi9999', /period from 2/],
    ['vwap5', /vwap takes no period/],
    ['sma-3', /unknown indicator/],
  ])('%s is refused with a message naming it', (text, message) => {
    expect(() => parseIndicators(text)).toThrow(message);
  });
});
