// The simulated live feed's prices: a seeded random walk around a real starting price, so a
// live run is reproducible in its prices (not in its timing, which follows the wall clock).
// Pure TypeScript.

import { seededRandom } from './stats';

export class RandomWalk {
  private readonly random: () => number;
  private current: number;

  constructor(
    seed: number,
    private readonly start: number,
    /** Typical move per step, as a fraction of the price. */
    private readonly volatility = 0.0004,
  ) {
    this.random = seededRandom(seed);
    this.current = start;
  }

  /** The next trade: price (to the cent, pulled gently back towards the start) and size (round lots). */
  next(): { price: number; size: number } {
    const shock = (this.random() - 0.5) * 2 * this.volatility * this.current;
    const pull = (this.start - this.current) * 0.01;
    this.current = Math.max(0.01, Math.round((this.current + shock + pull) * 100) / 100);
    return { price: this.current, size: 100 * (1 + Math.floor(this.random() * 10)) };
  }
}

/** A stable seed per symbol, so each symbol walks its own reproducible path. */
export function symbolSeed(symbol: string, seed: number): number {
  let h = seed >>> 0;
  for (const ch of symbol) h = Math.imul(h ^ ch.charCodeAt(0), 2654435761) >>> 0;
  return h;
}
