// The model checker's figures for npm run bench (runs in Node, beside the browser figures):
// states explored per second on the largest gate model, with the same breadth-first search keyed
// by JSON strings as the baseline in the same run; the largest model's size; the slowest check.
import { checkModel } from '../src/core/model-checker';
import { FLAW_IDS, GATE_VARIANTS, flawsFromIds, gateModel } from '../src/core/gate-model';
import type { Model } from '../src/core/model';

/** The baseline: the same search, but each state's key is JSON.stringify of its values in a Map. */
function jsonKeyedSearch(model: Model): number {
  const seen = new Map<string, number>();
  const states: Int32Array[] = [];
  const parent: number[] = [];
  const invariants = model.properties.filter((p) => p.kind === 'invariant');
  const add = (state: Int32Array, from: number) => {
    const key = JSON.stringify(Array.from(state));
    if (seen.has(key)) return;
    seen.set(key, states.length);
    states.push(Int32Array.from(state));
    parent.push(from);
    for (const p of invariants) p.holds?.(state);
  };
  for (const s of model.initial) add(s, -1);
  const next = new Int32Array(model.variables.length);
  for (let id = 0; id < states.length; id++) {
    for (const action of model.actions) {
      next.set(states[id]);
      if (action.apply(states[id], next)) add(next, id);
    }
  }
  return states.length;
}

/** Best of `runs`: on a shared machine the fastest run is the least disturbed. */
function best(runs: number, work: () => void): number {
  let fastest = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    work();
    fastest = Math.min(fastest, performance.now() - t);
  }
  return fastest;
}

export interface ModelCheckerFigures {
  readonly largest: { readonly name: string; readonly states: number; readonly transitions: number; readonly depth: number };
  readonly packedStatesPerSecond: number;
  readonly jsonStatesPerSecond: number;
  readonly slowest: { readonly name: string; readonly ms: number };
  readonly configs: number;
}

export function modelCheckerFigures(): ModelCheckerFigures {
  const configs = GATE_VARIANTS.flatMap((variant) => [[], ...Object.keys(FLAW_IDS).map((f) => [f])].map((flaws) => ({ variant, flaws })));
  let largest = { name: '', states: 0, transitions: 0, depth: 0 };
  let largestModel: Model | null = null;
  let slowest = { name: '', ms: 0 };
  for (const { variant, flaws } of configs) {
    const model = gateModel({ variant, flaws: flawsFromIds(flaws) });
    const name = `${variant}${flaws.length ? ` + ${flaws.join(',')}` : ''}`;
    const result = checkModel(model); // every property, liveness included: what the Verify view runs
    if (result.stats.ms > slowest.ms) slowest = { name, ms: result.stats.ms };
    if (result.stats.states > largest.states) {
      largest = { name, states: result.stats.states, transitions: result.stats.transitions, depth: result.stats.depth };
      largestModel = model;
    }
  }
  if (!largestModel) throw new Error('no gate model was checked');
  // Throughput of the search itself, both sides without the liveness pass (the baseline has none).
  const safety: Model = { ...largestModel, properties: largestModel.properties.filter((p) => p.kind !== 'eventually') };
  const packedMs = best(7, () => checkModel(safety));
  const jsonMs = best(7, () => jsonKeyedSearch(safety));
  return {
    largest,
    packedStatesPerSecond: (largest.states / packedMs) * 1000,
    jsonStatesPerSecond: (largest.states / jsonMs) * 1000,
    slowest,
    configs: configs.length,
  };
}
