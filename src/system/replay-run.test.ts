import { describe, expect, it } from 'vitest';
import { FIXED } from '../core/flaws';
import { ReplayRun } from './replay-run';

const context = () => ({ system: 'STOPPED', coordinator: 'idle' });

describe('ReplayRun', () => {
  it('starts from nothing: no config, no items, no timings', () => {
    const run = new ReplayRun(3, FIXED, () => 0, context);
    expect(run.id).toBe(3);
    expect(run.config).toBeNull();
    expect(run.sessionData.emitted).toBe(0);
    expect(run.sessionData.streams).toEqual([]);
    expect([run.setupStartedAt, run.wallStartedAt, run.endedAt, run.gateOpenLatencyMs, run.error]).toEqual([null, null, null, null, null]);
    expect(run.starting || run.taking || run.complete).toBe(false);
  });

  it('accepts only its own run id, and only while taking items', () => {
    const run = new ReplayRun(3, FIXED, () => 0, context);
    expect(run.accepts(3)).toBe(false);
    run.taking = true;
    expect(run.accepts(3)).toBe(true);
    expect(run.accepts(2)).toBe(false);
    run.end(10);
    expect(run.accepts(3)).toBe(false);
  });

  it('end() records the end once, refuses a pending pause and drops a go-to', async () => {
    const run = new ReplayRun(1, FIXED, () => 0, context);
    run.taking = true;
    const paused = new Promise<boolean>((resolve) => (run.pauseRequest = { seq: 1, requestedAt: 0, resolve }));
    run.seekRequest = { pauseAfter: true };
    run.end(42);
    run.end(99);
    expect(run.endedAt).toBe(42);
    expect(await paused).toBe(false);
    expect(run.pauseRequest).toBeNull();
    expect(run.seekRequest).toBeNull();
  });

  it('end() of a run that never took items records no end time (its gate never opened)', () => {
    const run = new ReplayRun(1, FIXED, () => 0, context);
    run.end(42);
    expect(run.endedAt).toBeNull();
  });

  it('gateOpened() stamps the start of the run and of the gate-open latency', () => {
    const run = new ReplayRun(1, FIXED, () => 0, context);
    run.gateOpened(7);
    expect([run.wallStartedAt, run.gateOpenedAt]).toEqual([7, 7]);
  });
});
