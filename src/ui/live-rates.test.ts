import { describe, expect, it } from 'vitest';
import { ensureDefined } from '../core/assert';
import { tradingSession } from '../core/trading-hours';
import { LiveRates } from './live-rates';

const session = ensureDefined(tradingSession('2013-10-07', 'regular'), 'a trading session');

/**
 * A synthetic replay at `speed`x of one-minute bars, `itemsPerBar` items a minute, seen at
 * 60 frames a second: the clock moves in one-minute jumps, each at the wall time it is due.
 */
function feed(rates: LiveRates, speed: number, itemsPerBar: number, wallSeconds: number, phaseMs = 0): void {
  const frameMs = 1000 / 60;
  for (let wall = phaseMs; wall <= phaseMs + wallSeconds * 1000; wall += frameMs) {
    const minutes = Math.floor(((wall - phaseMs) * speed) / 60_000);
    rates.add(wall, minutes * itemsPerBar, session.open + minutes * 60_000);
  }
}

describe('LiveRates', () => {
  it('reads 60.0x and the true item rate at 60x with a clock in one-minute jumps', () => {
    for (const phase of [0, 7, 333, 990]) {
      const rates = new LiveRates();
      feed(rates, 60, 20, 10, phase);
      expect(rates.effectiveSpeed([session]).toFixed(1)).toBe('60.0');
      expect(Math.round(rates.itemsPerSecond())).toBe(20); // 20 items a minute, a minute a second
    }
  });
  it('stays within 5% at every frame after the first seconds (the old 1.5 s window read 40x or 80x)', () => {
    const rates = new LiveRates();
    const frameMs = 1000 / 60;
    for (let wall = 0; wall <= 20_000; wall += frameMs) {
      const minutes = Math.floor((wall * 60) / 60_000);
      rates.add(wall, minutes * 5, session.open + minutes * 60_000);
      if (wall > 3000) expect(Math.abs(rates.effectiveSpeed([session]) - 60)).toBeLessThan(3);
    }
  });
  it('measures a slow replay across several steps, not a fixed window', () => {
    const rates = new LiveRates();
    feed(rates, 2, 1, 300); // a step every 30 s
    expect(rates.effectiveSpeed([session])).toBeCloseTo(2, 1);
  });
  it('shows nothing until the clock has stepped twice (the first value seen is no step)', () => {
    const rates = new LiveRates();
    rates.add(0, 0, session.open + 30_000);
    rates.add(400, 3, session.open + 60_000);
    expect(rates.effectiveSpeed([session])).toBe(0);
    rates.add(1400, 6, session.open + 120_000);
    expect(rates.effectiveSpeed([session])).toBe(60);
    expect(rates.itemsPerSecond()).toBe(3);
  });
  it('starts over when the count drops (a new run) or the replay stops running', () => {
    const rates = new LiveRates();
    feed(rates, 60, 20, 5);
    rates.add(10_000, 5, session.open);
    expect(rates.itemsPerSecond()).toBe(0);
    feed(rates, 60, 20, 5);
    rates.add(20_000, 100, session.open + 600_000, false);
    expect(rates.effectiveSpeed([session])).toBe(0);
  });
});
