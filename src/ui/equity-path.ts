// Equity curves as SVG paths: both runs of the money lesson on one scale. Main thread, plain
// TypeScript; LookAheadMoney.svelte draws the paths.

export interface EquityScale {
  readonly paths: readonly string[];
  /** The dollar values at the top and bottom of the plot, and where zero is (y, or null off the plot). */
  readonly top: number;
  readonly bottom: number;
  readonly zeroY: number | null;
}

/** Paths for `curves` ([time, dollars] points) in a `width` × `height` box, sharing both axes. */
export function equityPaths(curves: readonly (readonly (readonly [number, number])[])[], width: number, height: number): EquityScale {
  const points = curves.flat();
  if (points.length === 0) return { paths: curves.map(() => ''), top: 0, bottom: 0, zeroY: null };
  const times = points.map(([t]) => t);
  const values = points.map(([, v]) => v);
  const [t0, t1] = [Math.min(...times), Math.max(...times)];
  const top = Math.max(0, ...values);
  const bottom = Math.min(0, ...values);
  const x = (t: number) => (t1 === t0 ? 0 : ((t - t0) / (t1 - t0)) * width);
  const y = (v: number) => (top === bottom ? height / 2 : ((top - v) / (top - bottom)) * height);
  const paths = curves.map((curve) => curve.map(([t, v], i) => `${i === 0 ? 'M' : 'L'}${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(''));
  return { paths, top, bottom, zeroY: y(0) };
}
