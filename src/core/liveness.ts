// "Eventually" for the model checker: is there a fair behaviour that never reaches a goal state?
// Pure TypeScript, any thread; model-checker.ts calls it on the graph its search stored.
//
// Under weak fairness (an action enabled forever is eventually taken) such a behaviour either
// gets stuck in a non-goal state where no fair action is enabled (it may stutter there forever),
// or runs round a cycle of non-goal states forever. A strongly connected set C of non-goal states
// holds a fair endless run exactly when every fair action that is enabled in all of C is taken by
// some transition inside C (Lamport, "Specifying Systems", ch. 8; TLC checks the same way).

export interface StateGraph {
  readonly size: number;
  /** Transitions, sorted by `edgeFrom` (the search expands states in number order). */
  readonly edgeFrom: Int32Array;
  readonly edgeTo: Int32Array;
  readonly edgeAction: Int32Array;
  /** `words` Uint32 bit sets per state: which actions are enabled there. */
  readonly enabledBits: Int32Array;
  readonly words: number;
  /** Per action: under weak fairness (not a person's button). */
  readonly fair: readonly boolean[];
  /** BFS depth of each state: the shallowest violation gives the shortest prefix. */
  readonly depth: Int32Array;
}

export interface LivenessViolation {
  /** Where the bad behaviour settles (reached by a shortest path). */
  readonly entry: number;
  /** The states of one round of the cycle after `entry`, ending at `entry`; empty when stuck at `entry`. */
  readonly loop: readonly number[];
  readonly loopActions: readonly number[];
}

export function findLivenessViolation(graph: StateGraph, goal: Uint8Array): LivenessViolation | null {
  const { size, edgeFrom, edgeTo, edgeAction, words, fair, depth } = graph;
  const firstEdge = new Int32Array(size + 1);
  for (let e = 0; e < edgeFrom.length; e++) firstEdge[edgeFrom[e] + 1]++;
  for (let s = 0; s < size; s++) firstEdge[s + 1] += firstEdge[s];
  const enabled = (s: number, a: number) => (graph.enabledBits[s * words + (a >> 5)] & (1 << (a & 31))) !== 0;

  let best: LivenessViolation | null = null;
  const offer = (entry: number, loop: readonly number[], loopActions: readonly number[]) => {
    if (!best || depth[entry] < depth[best.entry]) best = { entry, loop, loopActions };
  };

  // Stuck: a non-goal state where no fair action is enabled.
  for (let s = 0; s < size; s++) {
    if (goal[s]) continue;
    let moves = false;
    for (let a = 0; a < fair.length && !moves; a++) moves = fair[a] && enabled(s, a);
    if (!moves) offer(s, [], []);
  }

  // Cycles: strongly connected components of the non-goal states (Tarjan, iterative).
  const index = new Int32Array(size).fill(-1);
  const low = new Int32Array(size);
  const onStack = new Uint8Array(size);
  const component = new Int32Array(size).fill(-1);
  const stack: number[] = [];
  const work: number[] = []; // pairs: state, next edge to look at
  let counter = 0;
  let components = 0;
  for (let root = 0; root < size; root++) {
    if (goal[root] || index[root] >= 0) continue;
    work.push(root, firstEdge[root]);
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length > 0) {
      const s = work[work.length - 2];
      const e = work[work.length - 1];
      if (e < firstEdge[s + 1]) {
        work[work.length - 1] = e + 1;
        const t = edgeTo[e];
        if (goal[t]) continue;
        if (index[t] < 0) {
          index[t] = low[t] = counter++;
          stack.push(t);
          onStack[t] = 1;
          work.push(t, firstEdge[t]);
        } else if (onStack[t]) low[s] = Math.min(low[s], index[t]);
        continue;
      }
      work.length -= 2;
      if (work.length > 0) {
        const up = work[work.length - 2];
        low[up] = Math.min(low[up], low[s]);
      }
      if (low[s] !== index[s]) continue;
      const members: number[] = [];
      for (;;) {
        const t = stack.pop() as number;
        onStack[t] = 0;
        component[t] = components;
        members.push(t);
        if (t === s) break;
      }
      const fairCycle = checkComponent(members, components);
      components++;
      if (fairCycle !== null) offer(fairCycle.entry, fairCycle.loop, fairCycle.loopActions);
    }
  }
  return best;

  /** A fair endless run inside these states, as a loop through the shallowest of them; else null. */
  function checkComponent(members: number[], id: number): LivenessViolation | null {
    const inside = (e: number) => component[edgeTo[e]] === id;
    let cyclic = members.length > 1;
    const takenInside = new Uint8Array(fair.length);
    for (const s of members) {
      for (let e = firstEdge[s]; e < firstEdge[s + 1]; e++) {
        if (!inside(e)) continue;
        takenInside[edgeAction[e]] = 1;
        if (edgeTo[e] === s) cyclic = true;
      }
    }
    if (!cyclic) return null;
    for (let a = 0; a < fair.length; a++) {
      if (!fair[a] || takenInside[a]) continue;
      if (members.every((s) => enabled(s, a))) return null; // a is enabled throughout but never taken: unfair
    }
    let entry = members[0];
    for (const s of members) if (depth[s] < depth[entry]) entry = s;
    return { entry, ...shortestLoop(entry, inside) };
  }

  /** Breadth-first inside the component, from `entry` back to itself. */
  function shortestLoop(entry: number, inside: (e: number) => boolean): { loop: number[]; loopActions: number[] } {
    const cameBy = new Map<number, number>(); // state → edge that reached it
    const queue = [entry];
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q];
      for (let e = firstEdge[s]; e < firstEdge[s + 1]; e++) {
        if (!inside(e)) continue;
        const t = edgeTo[e];
        if (t === entry) {
          const loop = [entry];
          const loopActions = [edgeAction[e]];
          for (let at = s; at !== entry; ) {
            const by = cameBy.get(at) as number;
            loop.push(at);
            loopActions.push(edgeAction[by]);
            at = edgeFrom[by];
          }
          return { loop: loop.reverse(), loopActions: loopActions.reverse() };
        }
        if (!cameBy.has(t)) {
          cameBy.set(t, e);
          queue.push(t);
        }
      }
    }
    return { loop: [], loopActions: [] };
  }
}
