// The model checker checked on textbook models whose answers are known from the literature.
import { describe, expect, it } from 'vitest';
import { checkModel, replayTrace, type CheckResult } from './model-checker';
import { diningPhilosophersModel, flagsOnlyMutexModel, petersonModel, testAndSetLockModel } from './textbook-models';
import type { Model } from './model';

const verdict = (result: CheckResult, id: string) => result.properties.find((p) => p.id === id);
const actionNames = (model: Model, result: CheckResult, id: string) =>
  (verdict(result, id)?.trace?.actions ?? []).slice(1).map((a) => model.actions[a].name);

describe('the model checker on textbook models', () => {
  it("Peterson's algorithm: mutual exclusion, no deadlock, and P0 gets in under weak fairness", () => {
    // Expected answer: G. L. Peterson, "Myths about the mutual exclusion problem", Information
    // Processing Letters 12(3), 1981 — mutual exclusion and starvation freedom for two processes.
    const model = petersonModel();
    const result = checkModel(model);
    expect(result.stats.complete).toBe(true);
    expect(verdict(result, 'mutual-exclusion')?.verdict).toBe('holds');
    expect(verdict(result, 'no-deadlock')?.verdict).toBe('holds');
    expect(verdict(result, 'p0-enters')?.verdict).toBe('holds');
    // pc0, pc1 ∈ 0..3, flags follow from pc, turn ∈ {0,1}: at most 4·4·2 states, fewer reachable.
    expect(result.stats.states).toBeGreaterThan(10);
    expect(result.stats.states).toBeLessThanOrEqual(32);
  });

  it('flags only, check then set (Ben-Ari\'s "second attempt"): mutual exclusion violated in 4 steps', () => {
    // Expected answer: M. Ben-Ari, "Principles of Concurrent and Distributed Programming", 2nd ed.,
    // §3.6: both processes pass the await before either raises its flag, then both enter.
    const model = flagsOnlyMutexModel(true);
    const result = checkModel(model);
    const me = verdict(result, 'mutual-exclusion');
    expect(me?.verdict).toBe('violated');
    expect(me?.trace?.states).toHaveLength(5); // T0 … T4: a shortest trace has 4 actions
    expect(actionNames(model, result, 'mutual-exclusion').sort()).toEqual(['P0: await flag[other] = 0', 'P0: flag[me] = 1', 'P1: await flag[other] = 0', 'P1: flag[me] = 1']);
    const last = me?.trace?.states.at(-1);
    expect(last && [last[0], last[1]]).toEqual([2, 2]);
    expect(verdict(result, 'no-deadlock')?.verdict).toBe('holds');
  });

  it('flags only, set then check (Ben-Ari\'s "third attempt"): deadlock after 2 steps', () => {
    // Expected answer: Ben-Ari, §3.7: both raise their flags, then each waits for the other forever.
    const model = flagsOnlyMutexModel(false);
    const result = checkModel(model);
    expect(verdict(result, 'mutual-exclusion')?.verdict).toBe('holds');
    const deadlock = verdict(result, 'no-deadlock');
    expect(deadlock?.verdict).toBe('violated');
    expect(deadlock?.trace?.states).toHaveLength(3);
    expect(actionNames(model, result, 'no-deadlock').sort()).toEqual(['P0: flag[me] = 1', 'P1: flag[me] = 1']);
  });

  it('three dining philosophers, left fork first: deadlock once each holds a left fork (3 steps)', () => {
    // Expected answer: E. W. Dijkstra, "Hierarchical ordering of sequential processes", Acta
    // Informatica 1(2), 1971 — if every philosopher takes the left fork, none can take the right.
    const model = diningPhilosophersModel(3);
    const result = checkModel(model);
    const deadlock = verdict(result, 'no-deadlock');
    expect(deadlock?.verdict).toBe('violated');
    expect(deadlock?.trace?.states).toHaveLength(4);
    expect(actionNames(model, result, 'no-deadlock').every((name) => name.endsWith('take left fork'))).toBe(true);
    const last = deadlock?.trace?.states.at(-1);
    expect(last && Array.from(last)).toEqual([1, 1, 1, 1, 2, 3]);
  });

  it('a test-and-set lock: mutual exclusion holds, but P0 may starve under weak fairness', () => {
    // Expected answer: M. Herlihy, N. Shavit, "The Art of Multiprocessor Programming", ch. 7: the
    // TAS lock is deadlock-free, not starvation-free — P0's test-and-set is enabled only while the
    // lock is free, so it is not enabled forever and weak fairness does not force it.
    const model = testAndSetLockModel();
    const result = checkModel(model);
    expect(verdict(result, 'mutual-exclusion')?.verdict).toBe('holds');
    const starve = verdict(result, 'p0-enters');
    expect(starve?.verdict).toBe('violated');
    const trace = starve?.trace;
    expect(trace?.loopsTo).toBeGreaterThanOrEqual(0);
    // The loop is P1 taking and releasing the lock, forever.
    const loopActions = (trace?.actions ?? []).slice((trace?.loopsTo ?? 0) + 1).map((a) => model.actions[a].name);
    expect(loopActions.sort()).toEqual(['P1: test-and-set', 'P1: unlock']);
  });

  it('a trace replays from its action list to the same states', () => {
    const model = flagsOnlyMutexModel(true);
    const trace = verdict(checkModel(model), 'mutual-exclusion')?.trace;
    const replayed = replayTrace(model, (trace?.actions ?? []).slice(1));
    expect(replayed?.states.map((s) => Array.from(s))).toEqual(trace?.states.map((s) => Array.from(s)));
    expect(replayTrace(model, [5, 5])).toBeNull(); // P1 cannot leave a critical section it is not in
  });
});
