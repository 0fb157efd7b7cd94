// The stream table's times: New York streams as formatExchangeTime wrote them, others on their own clocks.
import { describe, expect, it } from 'vitest';
import { formatExchangeTime } from '../core/exchange-time';
import { lastBarText, lastItemText, tradeTimeText } from './stream-time';

describe('stream-time', () => {
  const start = Date.UTC(2024, 9, 28, 15, 0); // 11:00 New York, 16:00 Berlin (both on winter time)
  it('New York: exactly the old text', () => {
    expect(lastBarText('America/New_York', start, start + 60_000)).toBe(`${formatExchangeTime(start).slice(5, 16)}–${formatExchangeTime(start + 60_000).slice(11, 16)}`);
    expect(lastItemText('America/New_York', start + 5, true)).toBe(`${formatExchangeTime(start + 5).slice(5, 19)}.005`);
  });
  it("another market: its own clock, named", () => {
    expect(lastBarText('Europe/Berlin', start, start + 60_000)).toBe('10-28 16:00–16:01 Berlin');
    expect(lastItemText('Asia/Tokyo', start, false)).toBe('10-29 00:00:00 Tokyo');
  });
  it("a trade's times: New York as before, another market's named", () => {
    expect(tradeTimeText('America/New_York', start)).toBe(formatExchangeTime(start).slice(11, 19));
    expect(tradeTimeText('Asia/Tokyo', start)).toBe('00:00:00 Tokyo');
  });
});
