import { describe, expect, it } from 'vitest';
import { WorkerPhase } from '../core/control-block';
import { FIXED, NO_FLAWS } from '../core/flaws';
import { StreamType } from '../core/stream-key';
import { SystemState } from '../core/system-state';
import { ReplayRun } from './replay-run';
import { buildSnapshot, type SystemView } from './system-snapshot';

const context = () => ({ system: 'STOPPED', coordinator: 'idle' });
const view: SystemView = { state: SystemState.STOPPED, lastTransition: null, speed: 60, gateKind: 'message', control: undefined };

describe('buildSnapshot', () => {
  it('shows an empty run as nothing yet, with no experiment for the fixed engine', () => {
    const snap = buildSnapshot(view, new ReplayRun(0, FIXED, () => 0, context));
    expect(snap).toMatchObject({ runId: 0, state: SystemState.STOPPED, workerPhase: WorkerPhase.IDLE, starting: false, pausing: false, seeking: false, config: null, emitted: 0, backtestTime: null, streams: [], steps: [], experiment: null });
  });

  it('names a teaching experiment, and summarizes each stream with its slot', () => {
    const experiment = { flaws: { ...NO_FLAWS, lookAhead: true }, scenario: {} };
    const run = new ReplayRun(2, experiment, () => 0, context);
    run.sessionData.registerStream({ type: StreamType.BAR, symbol: 'SPY', interval: '1m' });
    run.sessionData.registerStream({ type: StreamType.TICK, symbol: 'IBM', interval: 'tick' });
    const snap = buildSnapshot(view, run);
    expect(snap.experiment).toBe(experiment);
    expect(snap.streams.map((s) => [s.slot, s.type, s.symbol, s.interval, s.emitted, s.last])).toEqual([
      [0, 'bar', 'SPY', '1m', 0, null],
      [1, 'tick', 'IBM', 'tick', 0, null],
    ]);
  });

  it('copies what the run keeps changing (setup progress, invariant counts)', () => {
    const run = new ReplayRun(1, FIXED, () => 0, context);
    run.setupProgress = { done: 1, total: 4 };
    const snap = buildSnapshot(view, run);
    run.setupProgress.done++;
    expect(snap.setup).toEqual({ done: 1, total: 4 });
  });
});
