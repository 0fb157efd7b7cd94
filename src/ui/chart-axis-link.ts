// The charts of one run share their time axis and crosshair: scroll or zoom one and the others
// show the same instants; point at a bar and the others put their crosshair on the same instant. Main thread, plain TypeScript; ChartGrid.svelte makes one link a run, each
// CandleChart.svelte joins it. Charts may hold different bars (1m beside 5m, a symbol with a
// missing minute, a different window of loaded bars), so positions travel as instants, not as
// bar indices.

/** A chart as the link drives it. */
export interface LinkedAxis {
  /** Show the instants `from` … `to` (epoch ms), as this chart's bars place them. */
  showTimes(from: number, to: number): void;
  /** Show every bar emitted so far. */
  fit(): void;
  /** Put the crosshair on the bar holding the instant `time` (epoch ms); null: take it away. */
  showCrosshair(time: number | null): void;
}

export class TimeAxisLink {
  private readonly axes = new Set<LinkedAxis>();
  /**
   * The chart the person's pointer is on. Only its moves are passed on: the others' follow from
   * them, and the library applies a range a frame later, so "who moved first" can't be told afterwards.
   */
  private leader: LinkedAxis | null = null;

  /** Adds a chart; returns its leave(). */
  join(axis: LinkedAxis): () => void {
    this.axes.add(axis);
    return () => {
      this.axes.delete(axis);
      if (this.leader === axis) this.leader = null;
    };
  }

  /** The pointer entered (`true`) or left a chart. */
  lead(axis: LinkedAxis, leading: boolean): void {
    if (leading) this.leader = axis;
    else if (this.leader === axis) this.leader = null;
  }

  /** A chart's visible instants changed; passed on when the person is moving it. */
  moved(axis: LinkedAxis, from: number, to: number): void {
    if (axis !== this.leader || !(from <= to)) return;
    for (const other of this.axes) if (other !== axis) other.showTimes(from, to);
  }

  /** The crosshair of the chart the person points at moved to `time` (null: off its bars); the others follow. */
  crosshair(axis: LinkedAxis, time: number | null): void {
    if (axis !== this.leader) return;
    for (const other of this.axes) if (other !== axis) other.showCrosshair(time);
  }

  /** Every chart shows the whole run so far (the "fit" control). */
  fitAll(): void {
    for (const axis of this.axes) axis.fit();
  }
}

/**
 * The instant at a logical position, over the loaded bars `from` … `to` − 1 of `starts`
 * (logical 0 = bar `from`): between two bars by linear interpolation, past either end one
 * `step` a bar. Empty: NaN.
 */
export function logicalToTime(starts: ArrayLike<number>, from: number, to: number, logical: number, step: number): number {
  const last = to - from - 1;
  if (last < 0) return NaN;
  if (logical <= 0) return starts[from] + logical * step;
  if (logical >= last) return starts[to - 1] + (logical - last) * step;
  const k = Math.floor(logical);
  const a = starts[from + k];
  return a + (logical - k) * (starts[from + k + 1] - a);
}

/** The logical position of an instant over the same bars: logicalToTime's inverse. */
export function timeToLogical(starts: ArrayLike<number>, from: number, to: number, time: number, step: number): number {
  const last = to - from - 1;
  if (last < 0) return NaN;
  if (time <= starts[from]) return (time - starts[from]) / step;
  if (time >= starts[to - 1]) return last + (time - starts[to - 1]) / step;
  // The last loaded bar starting at or before `time`.
  let lo = from;
  let hi = to - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid] <= time) lo = mid;
    else hi = mid - 1;
  }
  const a = starts[lo];
  const b = starts[lo + 1];
  return lo - from + (b > a ? (time - a) / (b - a) : 0);
}
