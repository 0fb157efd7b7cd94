// The page's frame budget for taking items in. Main thread.
//
// At full speed the coordinator streams as fast as the page acknowledges batches (flow control:
// a few batches in flight). A page that only stores them (a benchmark, a test) should take them
// back to back. A page that also draws — charts, counters, the clock — must leave each frame the
// time to draw it, or every frame is late. So on such a page a batch is acknowledged at once only
// while the current frame still has room for another batch before its deadline; otherwise the
// acknowledgement waits for the next frame, the worker waits for it, and the page draws.

/** What the budget needs from the page: its clock and its frames. */
export interface FrameClock {
  /** performance.now(). */
  now(): number;
  /** False while no frames are drawn (a hidden tab): then nothing is held back. */
  drawing(): boolean;
  /** Calls back at the start of the next frame (requestAnimationFrame). */
  nextFrame(callback: () => void): void;
}

/** One frame at 60 Hz, ms. */
const FRAME_MS = 1000 / 60;
/**
 * Taking items in stops this long before the frame's end: room for the batches already on their
 * way (they are taken whatever we decide) and for the browser's own work before the next frame.
 * Measured on a 2-core machine (the coordinator keeps one core busy): at 4 ms a replay with four
 * charts missed about one frame in ten, at 7 ms a few at its start, at 9 ms next to none (npm run
 * bench -- frames). The page then takes ~2 M bars/s at max speed instead of ~3: nobody reads them.
 */
const SAFETY_MS = 9;

export class FrameBudget {
  private frameStart = -Infinity;
  private waiting: (() => void)[] = [];
  private watching = false;
  /** How long the last batch took to take in: the next one will take about as long. */
  private lastBatchMs = 0;

  constructor(private readonly clock: FrameClock) {}

  /** A batch was taken in, which took `ms`; `acknowledge` tells the worker it may send another. */
  taken(ms: number, acknowledge: () => void): void {
    this.lastBatchMs = ms;
    if (!this.clock.drawing()) return acknowledge();
    this.watchFrames();
    const deadline = this.frameStart + FRAME_MS - SAFETY_MS;
    if (this.clock.now() + this.lastBatchMs <= deadline && this.waiting.length === 0) acknowledge();
    else this.waiting.push(acknowledge);
  }

  /** Acknowledges everything held (a run ends, the page is hidden). */
  release(): void {
    for (const acknowledge of this.waiting.splice(0)) acknowledge();
  }

  private watchFrames(): void {
    if (this.watching) return;
    this.watching = true;
    this.clock.nextFrame(() => {
      this.watching = false;
      this.frameStart = this.clock.now();
      this.release();
    });
  }
}
