// Textbook concurrency models with known answers, to check the model checker itself
// (textbook-models.test.ts names each answer's source). Pure TypeScript; tests and the bench use them.

import type { Model, ModelAction } from './model';

/** Peterson's two-process mutual exclusion (flag + turn). Variables: pc0, pc1, flag0, flag1, turn. */
export function petersonModel(): Model {
  // pc: 0 idle → flag[me]=1 → 1 → turn=other → 2 → await (flag[other]=0 or turn=me) → 3 critical → flag[me]=0, back to 0.
  const actions: ModelAction[] = [];
  for (const me of [0, 1]) {
    const other = 1 - me;
    const pc = me;
    const flag = 2 + me;
    const otherFlag = 2 + other;
    const step = (name: string, from: number, guard: (s: Int32Array) => boolean, effect: (n: Int32Array) => void): ModelAction => ({
      name: `P${me}: ${name}`,
      agent: `P${me}`,
      apply: (s, n) => {
        if (s[pc] !== from || !guard(s)) return false;
        effect(n);
        return true;
      },
    });
    actions.push(
      step('flag[me] = 1', 0, () => true, (n) => ((n[flag] = 1), (n[pc] = 1))),
      step('turn = other', 1, () => true, (n) => ((n[4] = other), (n[pc] = 2))),
      step('enter', 2, (s) => s[otherFlag] === 0 || s[4] === me, (n) => (n[pc] = 3)),
      step('leave', 3, () => true, (n) => ((n[flag] = 0), (n[pc] = 0))),
    );
  }
  return {
    name: 'Peterson',
    variables: ['pc0', 'pc1', 'flag0', 'flag1', 'turn'],
    initial: [Int32Array.of(0, 0, 0, 0, 0)],
    actions,
    properties: [
      { id: 'mutual-exclusion', title: 'mutual exclusion', sentence: 'Never both in the critical section.', kind: 'invariant', holds: (s) => !(s[0] === 3 && s[1] === 3) },
      { id: 'no-deadlock', title: 'no deadlock', sentence: 'Someone can always move.', kind: 'deadlock' },
      { id: 'p0-enters', title: 'P0 gets in', sentence: 'P0 eventually reaches the critical section.', kind: 'eventually', holds: (s) => s[0] === 3 },
    ],
  };
}

/**
 * Mutual exclusion with flags and no turn variable, Ben-Ari's attempts: `checkFirst` = the second
 * attempt (await the other's flag down, then raise mine); otherwise the third (raise mine, then await).
 * Variables: pc0, pc1, flag0, flag1.
 */
export function flagsOnlyMutexModel(checkFirst: boolean): Model {
  const actions: ModelAction[] = [];
  for (const me of [0, 1]) {
    const other = 1 - me;
    // pc: 0 first step, 1 second step, 2 critical.
    const awaitOther = (s: Int32Array) => s[2 + other] === 0;
    const first = checkFirst ? { name: 'await flag[other] = 0', guard: awaitOther, effect: (_n: Int32Array) => {} } : { name: 'flag[me] = 1', guard: () => true, effect: (n: Int32Array) => (n[2 + me] = 1) };
    const second = checkFirst ? { name: 'flag[me] = 1', guard: () => true, effect: (n: Int32Array) => (n[2 + me] = 1) } : { name: 'await flag[other] = 0', guard: awaitOther, effect: (_n: Int32Array) => {} };
    for (const [from, step] of [[0, first], [1, second]] as const) {
      actions.push({
        name: `P${me}: ${step.name}`,
        agent: `P${me}`,
        apply: (s, n) => {
          if (s[me] !== from || !step.guard(s)) return false;
          step.effect(n);
          n[me] = from + 1;
          return true;
        },
      });
    }
    actions.push({
      name: `P${me}: leave`,
      agent: `P${me}`,
      apply: (s, n) => {
        if (s[me] !== 2) return false;
        n[2 + me] = 0;
        n[me] = 0;
        return true;
      },
    });
  }
  return {
    name: checkFirst ? 'flags only, check then set' : 'flags only, set then check',
    variables: ['pc0', 'pc1', 'flag0', 'flag1'],
    initial: [Int32Array.of(0, 0, 0, 0)],
    actions,
    properties: [
      { id: 'mutual-exclusion', title: 'mutual exclusion', sentence: 'Never both in the critical section.', kind: 'invariant', holds: (s) => !(s[0] === 2 && s[1] === 2) },
      { id: 'no-deadlock', title: 'no deadlock', sentence: 'Someone can always move.', kind: 'deadlock' },
    ],
  };
}

/** `count` dining philosophers, each takes the left fork, then the right. Variables: pc per philosopher, then the holder+1 of each fork (0: on the table). */
export function diningPhilosophersModel(count = 3): Model {
  const actions: ModelAction[] = [];
  const fork = (i: number) => count + (i % count);
  for (let p = 0; p < count; p++) {
    const left = fork(p);
    const right = fork(p + 1);
    const take = (name: string, from: number, slot: number): ModelAction => ({
      name: `philosopher ${p}: ${name}`,
      agent: `philosopher ${p}`,
      apply: (s, n) => {
        if (s[p] !== from || s[slot] !== 0) return false;
        n[slot] = p + 1;
        n[p] = from + 1;
        return true;
      },
    });
    actions.push(take('take left fork', 0, left), take('take right fork', 1, right), {
      name: `philosopher ${p}: eat, put both forks down`,
      agent: `philosopher ${p}`,
      apply: (s, n) => {
        if (s[p] !== 2) return false;
        n[left] = 0;
        n[right] = 0;
        n[p] = 0;
        return true;
      },
    });
  }
  const names = Array.from({ length: count }, (_, i) => `pc${i}`).concat(Array.from({ length: count }, (_, i) => `fork${i}`));
  return {
    name: `${count} dining philosophers`,
    variables: names,
    initial: [new Int32Array(2 * count)],
    actions,
    properties: [{ id: 'no-deadlock', title: 'no deadlock', sentence: 'Some philosopher can always move.', kind: 'deadlock' }],
  };
}

/**
 * A test-and-set spin lock for two processes: deadlock-free, but not starvation-free under weak
 * fairness. Variables: pc0, pc1, lock.
 */
export function testAndSetLockModel(): Model {
  const actions: ModelAction[] = [];
  for (const me of [0, 1]) {
    actions.push(
      { name: `P${me}: test-and-set`, agent: `P${me}`, apply: (s, n) => (s[me] === 0 && s[2] === 0 ? ((n[2] = 1), (n[me] = 1), true) : false) },
      { name: `P${me}: unlock`, agent: `P${me}`, apply: (s, n) => (s[me] === 1 ? ((n[2] = 0), (n[me] = 0), true) : false) },
    );
  }
  return {
    name: 'test-and-set lock',
    variables: ['pc0', 'pc1', 'lock'],
    initial: [Int32Array.of(0, 0, 0)],
    actions,
    properties: [
      { id: 'mutual-exclusion', title: 'mutual exclusion', sentence: 'Never both hold the lock.', kind: 'invariant', holds: (s) => !(s[0] === 1 && s[1] === 1) },
      { id: 'p0-enters', title: 'P0 gets in', sentence: 'P0 eventually holds the lock.', kind: 'eventually', holds: (s) => s[0] === 1 },
    ],
  };
}
