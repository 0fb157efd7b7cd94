// An explicit-state model checker in the manner of TLA+'s TLC: breadth-first over every
// interleaving of a Model's actions, a visited set of packed states (packed-state-set.ts) and a
// parent link per state, so the first violation met is a shortest counterexample. Pure
// TypeScript, any thread; the Verify view runs it in a worker (worker/verify-worker.ts), tests
// and `npm run bench` call it directly.
//
// Invariants and deadlock are checked as each state is found; "eventually" properties afterwards
// on the stored graph, as fair cycles (liveness.ts).

import { assert } from './assert';
import { findLivenessViolation, type StateGraph } from './liveness';
import type { Model } from './model';
import { PackedStateSet } from './packed-state-set';

export type Verdict = 'running' | 'holds' | 'violated';

/** A path of states from an initial one; `actions[i]` led into `states[i]` (-1 for the first). */
export interface Trace {
  readonly states: readonly Int32Array[];
  readonly actions: readonly number[];
  /** For an "eventually" violation: the behaviour loops back from the last state to this index forever (-1: it stays stuck in the last state). */
  readonly loopsTo?: number;
}

export interface PropertyResult {
  readonly id: string;
  verdict: Verdict;
  trace?: Trace;
}

export interface CheckStats {
  states: number;
  transitions: number;
  /** Longest shortest path from an initial state (BFS levels - 1). */
  depth: number;
  ms: number;
  /** Every reachable state was explored (false when a limit stopped the search). */
  complete: boolean;
}

export interface CheckResult {
  readonly stats: CheckStats;
  readonly properties: readonly PropertyResult[];
}

export interface CheckOptions {
  /** Stop after this many states (the verdicts then say "holds" only for what was seen). */
  readonly maxStates?: number;
  /** Called every `progressEvery` states with the counts so far. */
  readonly onProgress?: (stats: CheckStats, properties: readonly PropertyResult[]) => void;
  readonly progressEvery?: number;
  readonly now?: () => number;
}

/** A growing Int32 column. */
class Column {
  data = new Int32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
}

export function checkModel(model: Model, options: CheckOptions = {}): CheckResult {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const width = model.variables.length;
  const actions = model.actions;
  assert(actions.length <= 1024, 'a model has at most 1024 actions');
  const words = Math.ceil(actions.length / 32);
  const seen = new PackedStateSet(width, 4096);
  const parent = new Column();
  const via = new Column();
  const depthOf = new Column();
  const invariants = model.properties.filter((p) => p.kind === 'invariant');
  const deadlock = model.properties.find((p) => p.kind === 'deadlock');
  const liveness = model.properties.filter((p) => p.kind === 'eventually');
  // The graph is kept only when an "eventually" property needs it afterwards.
  const keepGraph = liveness.length > 0;
  const edgeFrom = new Column();
  const edgeTo = new Column();
  const edgeAction = new Column();
  const enabledBits = new Column();
  const results: PropertyResult[] = model.properties.map((p) => ({ id: p.id, verdict: 'running' }));
  const resultOf = new Map(results.map((r) => [r.id, r]));
  const stats: CheckStats = { states: 0, transitions: 0, depth: 0, ms: 0, complete: true };
  const maxStates = options.maxStates ?? Infinity;
  const progressEvery = options.progressEvery ?? 5000;

  const trace = (id: number): Trace => pathTo(id, seen, parent.data, via.data, width);
  const add = (state: Int32Array, from: number, action: number, depth: number): number => {
    const found = seen.addOrFind(state);
    if (found >= 0) return found;
    const id = -found - 1;
    parent.push(from);
    via.push(action);
    depthOf.push(depth);
    if (depth > stats.depth) stats.depth = depth;
    for (const property of invariants) {
      const result = resultOf.get(property.id);
      if (result?.verdict === 'running' && !property.holds?.(state)) {
        result.verdict = 'violated';
        result.trace = trace(id);
      }
    }
    return id;
  };

  for (const initial of model.initial) {
    assert(initial.length === width, `an initial state has ${initial.length} variables, the model ${width}`);
    add(initial, -1, -1, 0);
  }
  const state = new Int32Array(width);
  const next = new Int32Array(width);
  // The visited set numbers states in the order they were found: that order is the BFS queue.
  for (let id = 0; id < seen.size; id++) {
    if (id >= maxStates) {
      stats.complete = false;
      break;
    }
    seen.read(id, state);
    let systemMoves = 0;
    const base = enabledBits.length;
    if (keepGraph) for (let w = 0; w < words; w++) enabledBits.push(0);
    for (let a = 0; a < actions.length; a++) {
      next.set(state);
      if (!actions[a].apply(state, next)) continue;
      if (!actions[a].optional) systemMoves++;
      stats.transitions++;
      const to = add(next, id, a, depthOf.data[id] + 1);
      if (keepGraph) {
        enabledBits.data[base + (a >> 5)] |= 1 << (a & 31);
        edgeFrom.push(id);
        edgeTo.push(to);
        edgeAction.push(a);
      }
    }
    if (deadlock && systemMoves === 0 && !model.isFinal?.(state)) {
      const result = resultOf.get(deadlock.id);
      if (result?.verdict === 'running') {
        result.verdict = 'violated';
        result.trace = trace(id);
      }
    }
    if (options.onProgress && id % progressEvery === progressEvery - 1) {
      stats.states = seen.size;
      stats.ms = now() - started;
      options.onProgress(stats, results);
    }
  }
  stats.states = seen.size;
  if (keepGraph && stats.complete) {
    const graph: StateGraph = {
      size: seen.size,
      edgeFrom: edgeFrom.data.subarray(0, edgeFrom.length),
      edgeTo: edgeTo.data.subarray(0, edgeTo.length),
      edgeAction: edgeAction.data.subarray(0, edgeAction.length),
      enabledBits: enabledBits.data.subarray(0, enabledBits.length),
      words,
      fair: actions.map((a) => !a.optional),
      depth: depthOf.data.subarray(0, depthOf.length),
    };
    for (const property of liveness) {
      const result = resultOf.get(property.id);
      if (!result) continue;
      const goal = new Uint8Array(seen.size);
      for (let id = 0; id < seen.size; id++) goal[id] = property.holds?.(seen.read(id, state)) ? 1 : 0;
      const found = findLivenessViolation(graph, goal);
      if (found) {
        result.verdict = 'violated';
        const prefix = trace(found.entry);
        const loopStates = found.loop.map((id) => seen.read(id, new Int32Array(width)));
        result.trace = {
          states: [...prefix.states, ...loopStates],
          actions: [...prefix.actions, ...found.loopActions],
          loopsTo: found.loop.length > 0 ? prefix.states.length - 1 : -1,
        };
      }
    }
  }
  for (const result of results) if (result.verdict === 'running') result.verdict = 'holds';
  stats.ms = now() - started;
  return { stats, properties: results };
}

function pathTo(id: number, seen: PackedStateSet, parent: Int32Array, via: Int32Array, width: number): Trace {
  const states: Int32Array[] = [];
  const actions: number[] = [];
  for (let at = id; at >= 0; at = parent[at]) {
    states.push(seen.read(at, new Int32Array(width)));
    actions.push(via[at]);
  }
  return { states: states.reverse(), actions: actions.reverse() };
}

/** Replays `actions` (indices into model.actions) from the first initial state; null if one is not enabled. */
export function replayTrace(model: Model, actions: readonly number[], initial = 0): Trace | null {
  const first = model.initial[initial];
  if (!first) return null;
  const states = [Int32Array.from(first)];
  for (const a of actions) {
    const action = model.actions[a];
    const from = states[states.length - 1];
    const next = Int32Array.from(from);
    if (!action || !action.apply(from, next)) return null;
    states.push(next);
  }
  return { states, actions: [-1, ...actions] };
}
