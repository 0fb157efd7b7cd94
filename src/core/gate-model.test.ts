import { describe, expect, it } from 'vitest';
import { checkModel, replayTrace, type CheckResult } from './model-checker';
import { flawsFromIds, gateModel, GATE_VARIANTS, type GateVariant } from './gate-model';
import { GATE_PROPERTY_IDS, type GatePropertyId } from './gate-model-properties';
import { Pc, Setup, V } from './gate-model-state';
import { SystemState } from './system-state';

const violated = (result: CheckResult) => result.properties.filter((p) => p.verdict === 'violated').map((p) => p.id).sort();
const run = (variant: GateVariant, flaws: string[] = []) => {
  const model = gateModel({ variant, flaws: flawsFromIds(flaws) });
  return { model, result: checkModel(model) };
};

/** What each variant and flaw must come to, with why. */
const EXPECTED: readonly { variant: GateVariant; flaws: string[]; violated: GatePropertyId[]; why: string }[] = [
  { variant: 'doorbell', flaws: [], violated: [], why: 'our design: bounded slices, the mail counter, every control change rings' },
  { variant: 'fallback', flaws: [], violated: [], why: 'every wait is on the event loop, so messages always arrive' },
  { variant: 'sleep-poll', flaws: [], violated: ['pause-at-once'], why: 'the gate is right, but a pause is seen only after the next 100 ms poll' },
  { variant: 'naive-atomics', flaws: [], violated: ['completes', 'no-deadlock'], why: "Atomics.wait with no timeout at the gate: setup's next message is never read" },
  { variant: 'doorbell', flaws: ['no-gate'], violated: ['clean-stop', 'completes', 'gate-after-setup', 'no-overtaking'], why: 'streams while setup feeds' },
  { variant: 'doorbell', flaws: ['late-gate-check'], violated: ['completes', 'no-overtaking', 'pause-at-once'], why: 'the held item goes first, even past a pause' },
  { variant: 'doorbell', flaws: ['late-gate-check', 'drop-stale'], violated: ['nothing-dropped', 'pause-at-once'], why: 'the overtaken item is dropped without a word' },
  { variant: 'doorbell', flaws: ['drop-stale'], violated: [], why: 'alone it never bites: the fixed engine never makes an item stale' },
  { variant: 'doorbell', flaws: ['empty-as-done'], violated: ['completes', 'no-overtaking'], why: "B's lagging bar is overtaken" },
  { variant: 'doorbell', flaws: ['look-ahead'], violated: ['no-look-ahead'], why: 'the whole day is in SessionData at setup' },
  { variant: 'doorbell', flaws: ['uninterruptible-sleep'], violated: ['pause-at-once'], why: 'a pause waits out the gap' },
  { variant: 'doorbell', flaws: ['one-minute-bar-end'], violated: ['no-look-ahead'], why: "B's bar is emitted before its end" },
];

describe('the gate protocol model', () => {
  it.each(EXPECTED)('$variant $flaws: violates exactly $violated ($why)', ({ variant, flaws, violated: expected }) => {
    const { result } = run(variant, flaws);
    expect(result.stats.complete).toBe(true);
    expect(result.properties.map((p) => p.id)).toEqual([...GATE_PROPERTY_IDS]);
    expect(violated(result)).toEqual([...expected].sort());
  });

  it('the naive port deadlocks with the coordinator blocked at the gate and setup waiting for its call', () => {
    const { model, result } = run('naive-atomics');
    const trace = result.properties.find((p) => p.id === 'no-deadlock')?.trace;
    const last = trace?.states.at(-1);
    expect(last?.[V.PC]).toBe(Pc.BLOCKED_WAIT);
    expect(last?.[V.SETUP]).toBe(Setup.FEED_B); // register B is posted and never read
    expect(last?.[V.CELL]).toBe(SystemState.STOPPED);
    // Every state before it could still move, and the trace replays from its actions alone.
    const replayed = replayTrace(model, (trace?.actions ?? []).slice(1));
    expect(replayed?.states.map((s) => Array.from(s))).toEqual(trace?.states.map((s) => Array.from(s)));
  });

  it('a counterexample is a shortest one: no shorter action list reaches a violation', () => {
    // The look-ahead flaw: register A, then fetch-and-feed A writes both A bars ahead of time.
    const { model, result } = run('doorbell', ['look-ahead']);
    const trace = result.properties.find((p) => p.id === 'no-look-ahead')?.trace;
    const names = (trace?.actions ?? []).slice(1).map((a) => model.actions[a].name);
    expect(names[0]).toBe('setup: register A with the coordinator');
    expect(names.at(-1)).toBe("setup: fetch A's 2 bars, feed them (final)");
    expect(names.length).toBeLessThanOrEqual(4);
  });

  it('every variant has a few thousand states: small enough to exhaust, large enough to mean something', () => {
    for (const variant of GATE_VARIANTS) {
      const { result } = run(variant);
      expect(result.stats.states).toBeGreaterThan(1000);
      expect(result.stats.states).toBeLessThan(200_000);
    }
  });
});
