import { describe, expect, it } from 'vitest';
import { checkModel, replayTrace } from '../core/model-checker';
import { flawsFromIds, gateModel } from '../core/gate-model';
import { FLAW_ORDER, FLAW_TITLES, plainWords, readVerifyLink, traceEnding, traceRows, verifyQuery } from './verify-view';

describe('the Verify view', () => {
  it('reads its link, keeping good values and naming bad ones', () => {
    const link = readVerifyLink('?view=verify&variant=naive-atomics&flaws=drop-stale,late-gate-check,nope&autostart=1&trace=no-deadlock&path=0.3.12&step=2');
    expect(link.variant).toBe('naive-atomics');
    expect(link.flaws).toEqual(['late-gate-check', 'drop-stale']); // the lab's order
    expect(link.autostart).toBe(true);
    expect(link.trace).toEqual({ property: 'no-deadlock', path: [0, 3, 12] });
    expect(link.step).toBe(2);
    expect(link.errors).toEqual([expect.stringContaining('no flaw "nope"')]);
    expect(readVerifyLink('variant=fast').errors[0]).toContain('variant');
    expect(readVerifyLink('').variant).toBe('doorbell');
  });

  it('names every flaw it offers', () => {
    expect(Object.keys(FLAW_TITLES)).toEqual(FLAW_ORDER);
  });

  it('writes a link that reads back to the same trace', () => {
    const query = verifyQuery('fallback', ['look-ahead'], { property: 'no-look-ahead', path: [0, 5, 1], step: 3 });
    expect(query).toBe('variant=fallback&flaws=look-ahead&trace=no-look-ahead&path=0.5.1&step=3');
    const link = readVerifyLink(query);
    expect([link.variant, link.flaws, link.trace, link.step]).toEqual(['fallback', ['look-ahead'], { property: 'no-look-ahead', path: [0, 5, 1] }, 3]);
  });

  it("draws a counterexample as the note's table: T0 … Tn, both states, the action, what changed", () => {
    const model = gateModel({ variant: 'naive-atomics', flaws: flawsFromIds([]) });
    const result = checkModel(model);
    const deadlock = result.properties.find((p) => p.id === 'no-deadlock');
    const trace = replayTrace(model, (deadlock?.trace?.actions ?? []).slice(1));
    expect(trace).not.toBeNull();
    if (!trace) return;
    const rows = traceRows(model, trace);
    expect(rows[0].time).toBe('T0');
    expect(rows[0].changed).toEqual([]);
    expect(rows[0].system).toContain('STOPPED');
    expect(rows[1].action).toBe('setup: register A with the coordinator');
    expect(rows[1].changed.map((c) => c.name)).toContain('setup');
    const last = rows.at(-1);
    expect(last?.coordinator).toContain('blocked in Atomics.wait');
    expect(last?.changed).toContainEqual({ name: 'coordinator at', value: 'blocked in Atomics.wait' });
    expect(last?.variables.filter((v) => v.changed).length).toBe(last?.changed.length);
  });

  it('says in plain words what a result means for the note', () => {
    const stats = { states: 3454, transitions: 6720, depth: 49, ms: 120, complete: true };
    const all = ['a', 'b'].map((id) => ({ id, title: `Property ${id}`, verdict: 'holds' as const }));
    expect(plainWords('doorbell', [], stats, all)).toMatch(/^Our doorbell .*: all 2 properties hold in all 3,454 states/);
    const naive = plainWords('naive-atomics', [], stats, [{ id: 'no-deadlock', title: 'No deadlock', verdict: 'violated', steps: 11 }, all[0]]);
    expect(naive).toContain('A naive port (Atomics.wait with no timeout): deadlock after 11 steps — here is how');
    expect(naive).toContain('does not hold');
    expect(traceEnding({ states: [new Int32Array(1), new Int32Array(1)], actions: [-1, 0], loopsTo: -1 })).toContain('stays there forever');
  });
});
