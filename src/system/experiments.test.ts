// Every teaching experiment on the real engine (in one thread, on the fallback gate): with its
// flaw on, the checker reports the expected kinds; fixed, on the same scenario, nothing.
import { afterAll, describe, expect, it } from 'vitest';
import { createInProcessManager } from '../testing/in-process-engine';
import { EXPERIMENTS, runExperiment } from './experiments';

const manager = createInProcessManager();
afterAll(() => manager.shutdown());

describe('teaching experiments', () => {
  for (const experiment of EXPERIMENTS.filter((e) => !e.unavailable)) {
    it(`${experiment.id}: the checker catches it; the fixed run is clean`, async () => {
      const flawed = await runExperiment(manager, experiment, 'flawed');
      const found = Object.entries(flawed.counts).filter(([, n]) => n > 0).map(([kind]) => kind);
      expect(found.sort()).toEqual([...experiment.expected].sort());
      const fixed = await runExperiment(manager, experiment, 'fixed');
      expect(fixed.total).toBe(0);
      expect(fixed.error).toBeNull();
    }, 20_000);
  }
  for (const experiment of EXPERIMENTS.filter((e) => !e.unavailable)) {
    it(`${experiment.id}: twice with the flaw on, the same violations at the same items`, async () => {
      const first = await runExperiment(manager, experiment, 'flawed');
      const second = await runExperiment(manager, experiment, 'flawed');
      expect(second.violations).toEqual(first.violations);
      expect(second.counts).toEqual(first.counts);
      expect(first.error).toBeNull(); // what the flaw breaks is the checker's to report, never an error
      if (experiment.id === 'no-gate') expect(first.violations[0]?.message).toMatch(/SPY/);
    }, 20_000);
  }
});
