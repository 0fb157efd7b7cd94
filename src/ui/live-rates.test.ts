import { describe, expect, it } from 'vitest';
import { tradingSession } from '../core/trading-hours';
import { LiveRates } from './live-rates';

describe('LiveRates', () => {
  it('measures items per second and the effective speed over the window', () => {
    const session = tradingSession('2013-10-07', 'regular')!;
    const rates = new LiveRates(1000);
    rates.add(0, 0, session.open);
    rates.add(500, 20, session.open + 30_000);
    rates.add(1000, 40, session.open + 60_000);
    expect(rates.itemsPerSecond()).toBe(40);
    expect(rates.effectiveSpeed([session])).toBe(60);
  });
  it('starts over when the count drops (a new run)', () => {
    const rates = new LiveRates(1000);
    rates.add(0, 100, 0);
    rates.add(100, 5, 0);
    rates.add(200, 15, 0);
    expect(rates.itemsPerSecond()).toBe(100);
  });
});
