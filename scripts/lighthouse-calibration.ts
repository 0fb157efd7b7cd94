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
  const upper = POINTS.findIndex(([index]) => benchmarkIndex < index);
  const [[i0, m0], [i1, m1]] = upper === -1 ? [POINTS[POINTS.length - 2], POINTS[POINTS.length - 1]] : upper === 0 ? [POINTS[0], POINTS[1]] : [POINTS[upper - 1], POINTS[upper]];
  const multiplier = m0 + ((benchmarkIndex - i0) * (m1 - m0)) / (i1 - i0);
  return Math.max(1, Math.round(multiplier * 10) / 10);
}
