// The simulated live feed (mode=live): every symbol trades on the wall clock, its prices a seeded
// random walk from its last recorded close (random-walk.ts). Main thread; the SystemManager
// starts it after the streams are registered and feeds each tick to the coordinator unfinished,
// so the same merge runs on it. A live stream never ends: stop() ends the run.

import { RandomWalk, symbolSeed } from '../core/random-walk';
import type { ItemColumns } from '../core/item-columns';

export interface LiveStream {
  readonly slot: number;
  readonly symbol: string;
  readonly lastPrice: number;
}

/** One trade per symbol per step; every stream gets an item each step, so the merge never waits long. */
export const LIVE_STEP_MS = 200;

export class LiveFeed {
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly walks: RandomWalk[];

  constructor(
    private readonly streams: readonly LiveStream[],
    seed: number,
    private readonly feed: (slot: number, columns: ItemColumns) => void,
    private readonly clock: () => number = Date.now,
  ) {
    this.walks = streams.map((s) => new RandomWalk(symbolSeed(s.symbol, seed), s.lastPrice));
  }

  start(): void {
    this.timer ??= setInterval(() => this.tick(), LIVE_STEP_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One step: a trade print for every symbol, stamped with the wall clock (ms). */
  tick(): void {
    const now = this.clock();
    this.streams.forEach((stream, i) => {
      const { price, size } = this.walks[i].next();
      const ts = Float64Array.of(now);
      this.feed(stream.slot, { tsStart: ts, tsEmit: ts.slice(), fields: [Float64Array.of(price), Float64Array.of(size), Float64Array.of(NaN)] });
    });
  }
}
