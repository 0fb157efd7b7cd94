import { describe, expect, it } from 'vitest';
import { describeChart } from './chart-description';

describe('a chart\'s text alternative', () => {
  it('names the symbol, the interval, the bars and the latest bar in New York time', () => {
    // 2013-10-07 13:41 UTC is 09:41 in New York (EDT).
    const latest = { start: Date.UTC(2013, 9, 7, 13, 41), open: 168.8, high: 169.125, low: 168.7, close: 169, volume: 123456 };
    expect(describeChart('SPY', '1m', 12, latest)).toBe(
      'SPY 1m candlestick chart, 12 bars. Latest bar 2013-10-07 09:41 New York: open 168.80, high 169.13, low 168.70, close 169.00, volume 123,456.',
    );
  });

  it('says when there is nothing yet, and counts one bar as one', () => {
    expect(describeChart('IBM', '5m', 0, null)).toBe('IBM 5m candlestick chart, 0 bars. No bars yet.');
    expect(describeChart('IBM', '1d', 1, { start: Date.UTC(2013, 9, 7, 13, 30), open: 1, high: 2, low: 0.5, close: 1.5, volume: 0 })).toMatch(
      /^IBM 1d candlestick chart, 1 bar\. Latest bar 2013-10-07 09:30 New York: open 1\.00, high 2\.00, low 0\.50, close 1\.50, volume 0\.$/,
    );
  });

  it('reads the latest bar in the chart’s own market time, naming its place', () => {
    const latest = { start: Date.UTC(2024, 9, 28, 14, 29), open: 183.9, high: 184.4, low: 183.4, close: 184.1, volume: 129 };
    expect(describeChart('SAP', '1m', 90, latest, 'Europe/Berlin')).toBe(
      'SAP 1m candlestick chart, 90 bars. Latest bar 2024-10-28 15:29 Berlin: open 183.90, high 184.40, low 183.40, close 184.10, volume 129.',
    );
  });
});
