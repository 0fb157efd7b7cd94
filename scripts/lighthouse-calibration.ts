// How hard the lighthouse bench figure (scripts/bench-lighthouse.ts, under Node) slows the CPU
// down to stand for Lighthouse's mobile phone on this machine: a pure function, tested under Node.

/**
 * The multiplier that Lighthouse's docs (docs/throttling.md, "calibrating multipliers") send a
 * user to: the Lighthouse CPU throttling calculator (patrickhulce/lighthouse-cpu-throttling-
 * calculator), piecewise linear in the host's benchmark index through its points below — 4× is
 * for a host scoring about 1533, and a host scoring 800 needs only 2× to stand for the same phone.
 * Never below 1 (a host slower than the phone is not sped up).
 */
const POINTS: readonly (readonly [index: number, multiplier: number])[] = [
  [150, 1],
  [800, 2],
  [1300, 3],
  [1533, 4], // then one more × per 233 (1766: 5×, 2000: 6×)
];

export function calibratedMultiplier(benchmarkIndex: number): number {
  // The segment whose right end is the first point above the index; below the first point the
  // first segment, above the last the last (extended: one more × per 233).
  const above = POINTS.findIndex(([index]) => benchmarkIndex < index);
  const k = Math.min(Math.max(above === -1 ? POINTS.length - 1 : above, 1), POINTS.length - 1);
  const [[i0, m0], [i1, m1]] = [POINTS[k - 1], POINTS[k]];
  const multiplier = m0 + ((benchmarkIndex - i0) * (m1 - m0)) / (i1 - i0);
  return Math.max(1, Math.round(multiplier * 10) / 10);
}
