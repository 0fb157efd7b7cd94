// How hard the lighthouse bench figure (scripts/bench-lighthouse.ts, under Node) slows the CPU
// down to stand for Lighthouse's mobile phone on this machine: a pure function, tested under Node.

/**
 * Lighthouse's 4× CPU slowdown assumes a host scoring 1000 or more on its benchmark index (below
 * that it warns "slower CPU than Lighthouse expects"): the phone it stands for scores about 250.
 * On a slower or busier host the same phone is emulated with a smaller multiplier, never below 1
 * (Lighthouse's docs/throttling.md, "calibrating multipliers").
 */
export function calibratedMultiplier(benchmarkIndex: number): number {
  return Math.max(1, Math.round((benchmarkIndex / 250) * 10) / 10);
}
