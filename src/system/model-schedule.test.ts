// From the model back to the real engine: each flaw's shortest counterexample, turned into a
// schedule and played on the real coordinator (in one thread, on the fallback gate), makes the
// invariant checker report the same property violated; the fixed engine on the same schedule is clean.
import { afterAll, describe, expect, it } from 'vitest';
import { createInProcessManager } from '../testing/in-process-engine';
import { EXPERIMENTS, runExperiment } from './experiments';
import { experimentForFlaws, experimentFromModel, flawIdsOf } from './model-schedule';

const manager = createInProcessManager();
afterAll(() => manager.shutdown());

/** The order each counterexample must have (read from the model, not written into the experiment). */
const SCHEDULES: Readonly<Record<string, { property: string; lateSetup: boolean; laggingFeed: boolean; pauseInGap: boolean }>> = {
  'no-gate': { property: 'no-overtaking', lateSetup: true, laggingFeed: false, pauseInGap: false },
  'late-gate-check': { property: 'no-overtaking', lateSetup: true, laggingFeed: false, pauseInGap: false },
  'drop-stale': { property: 'nothing-dropped', lateSetup: true, laggingFeed: false, pauseInGap: false },
  'empty-as-done': { property: 'no-overtaking', lateSetup: false, laggingFeed: true, pauseInGap: false },
  'look-ahead': { property: 'no-look-ahead', lateSetup: false, laggingFeed: false, pauseInGap: false },
  'uninterruptible-sleep': { property: 'pause-at-once', lateSetup: false, laggingFeed: false, pauseInGap: true },
  'one-minute-bar-end': { property: 'no-look-ahead', lateSetup: false, laggingFeed: false, pauseInGap: false },
};

describe('model → engine', () => {
  it('every experiment is found again from its flaw ids', () => {
    for (const experiment of EXPERIMENTS.filter((e) => !e.unavailable)) expect(experimentForFlaws(flawIdsOf(experiment.flaws))?.id).toBe(experiment.id);
    expect(experimentForFlaws(['drop-stale'])).toBeUndefined(); // alone it is no experiment: the model says it never bites
  });

  for (const experiment of EXPERIMENTS.filter((e) => !e.unavailable)) {
    it(`${experiment.id}: the model's counterexample, played on the engine, is caught as the same property; fixed, clean`, async () => {
      const derived = experimentFromModel(experiment, 'fallback');
      expect(derived).not.toBeNull();
      if (!derived) return;
      const expected = SCHEDULES[experiment.id];
      expect({ property: derived.property, ...derived.schedule }).toEqual(expected);
      const flawed = await runExperiment(manager, derived.experiment, 'flawed');
      const found = Object.entries(flawed.counts).filter(([, n]) => n > 0).map(([kind]) => kind);
      for (const kind of derived.kinds.filter((k) => experiment.expected.includes(k))) expect(found).toContain(kind);
      const fixed = await runExperiment(manager, derived.experiment, 'fixed');
      expect(fixed.total).toBe(0);
      expect(fixed.error).toBeNull();
    }, 30_000);
  }
});
