import { describe, expect, it } from 'vitest';
import { checkModel } from './model-checker';
import type { Model } from './model';
import { diningPhilosophersModel } from './textbook-models';

/** A counter that can go up to `top`; at `top` nothing is enabled. */
function counter(top: number, final: boolean): Model {
  return {
    name: 'counter',
    variables: ['n'],
    initial: [Int32Array.of(0)],
    actions: [{ name: 'up', agent: 'c', apply: (s, n) => (s[0] < top ? ((n[0] = s[0] + 1), true) : false) }],
    properties: [
      { id: 'no-deadlock', title: 'no deadlock', sentence: '', kind: 'deadlock' },
      { id: 'below-3', title: 'below 3', sentence: '', kind: 'invariant', holds: (s) => s[0] < 3 },
      { id: 'reaches-top', title: 'reaches the top', sentence: '', kind: 'eventually', holds: (s) => s[0] === top },
    ],
    isFinal: final ? (s) => s[0] === top : undefined,
  };
}

describe('checkModel', () => {
  it('counts states, transitions and depth, and finds the shortest invariant violation', () => {
    const result = checkModel(counter(5, true));
    expect(result.stats).toMatchObject({ states: 6, transitions: 5, depth: 5, complete: true });
    const below = result.properties.find((p) => p.id === 'below-3');
    expect(below?.verdict).toBe('violated');
    expect(below?.trace?.states.map((s) => s[0])).toEqual([0, 1, 2, 3]);
    expect(result.properties.find((p) => p.id === 'reaches-top')?.verdict).toBe('holds');
  });

  it('a state with nothing enabled is a deadlock unless the model calls it final', () => {
    expect(checkModel(counter(2, true)).properties.find((p) => p.id === 'no-deadlock')?.verdict).toBe('holds');
    const stuck = checkModel(counter(2, false)).properties.find((p) => p.id === 'no-deadlock');
    expect(stuck?.verdict).toBe('violated');
    expect(stuck?.trace?.states.at(-1)?.[0]).toBe(2);
  });

  it('a limit stops the search and says the answer is partial; progress is reported as it grows', () => {
    const seen: number[] = [];
    const result = checkModel(diningPhilosophersModel(4), { maxStates: 20, progressEvery: 5, onProgress: (stats) => seen.push(stats.states) });
    expect(result.stats.complete).toBe(false);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });
});
