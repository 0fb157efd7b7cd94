// Turns for the charts' burst redraws: in a fast replay at most one chart of a page hands the
// chart library a whole window of bars per frame. Plain TypeScript, main thread; each ChartModel
// asks it (chart-model.ts), and the charts of one page share one instance (CandleChart.svelte).

/** Two burst redraws are at least this far apart: about half a frame, so never two in one frame. */
export const TURN_GAP_MS = 8;

/**
 * The one piece of burst state the charts share, on purpose. Each chart keeps its own burst
 * state (when it last redrew, its window) in its ChartModel, which alone would let four charts
 * redraw their windows in the same frame — four times a few milliseconds of drawing, longer than
 * the frame. Asking one BurstTurns first spreads them over consecutive frames.
 */
export class BurstTurns {
  /** When a chart last took a turn (performance.now(), or a test's clock). */
  private last = -Infinity;

  /** Takes the turn at `now` if none was taken in the last TURN_GAP_MS. */
  take(now: number): boolean {
    if (now - this.last < TURN_GAP_MS) return false;
    this.last = now;
    return true;
  }
}
