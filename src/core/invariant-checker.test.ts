import { describe, expect, it } from 'vitest';
import { InvariantChecker } from './invariant-checker';

const MIN = 60_000;
const T = Date.parse('2013-10-07T09:30:00-04:00');

function checker() {
  const c = new InvariantChecker();
  c.addStream('AIG 1m');
  c.addStream('SPY 1m');
  return c;
}

describe('InvariantChecker', () => {
  it('finds nothing wrong in an ordered, complete run', () => {
    const c = checker();
    for (let m = 0; m < 3; m++) {
      c.emitted(0, T + m * MIN, T + (m + 1) * MIN, T + (m + 1) * MIN);
      c.emitted(1, T + m * MIN, T + (m + 1) * MIN, T + (m + 1) * MIN);
    }
    c.completed([3, 3]);
    expect(c.total).toBe(0);
    expect(c.checked).toBe(6);
  });

  it('reports time going backwards and the stream that was overtaken', () => {
    const c = checker();
    c.emitted(0, T + 30 * MIN, T + 31 * MIN, T + 31 * MIN);
    c.emitted(1, T, T + MIN, T + 31 * MIN);
    expect(c.counts['time-backwards']).toBe(1);
    expect(c.counts.overtaken).toBe(1);
    expect(c.violations[1].message).toBe('SPY 1m was overtaken: AIG 1m had already reached 10-07 10:01 while SPY 1m still had 10-07 09:31');
  });

  it('reports duplicates, out-of-order items and look-ahead', () => {
    const c = checker();
    c.emitted(0, T + MIN, T + 2 * MIN, T + 2 * MIN);
    c.emitted(0, T + MIN, T + 2 * MIN, T + 2 * MIN);
    c.emitted(0, T, T + MIN, T + 2 * MIN);
    expect(c.counts.duplicate).toBe(1);
    expect(c.counts['stream-order']).toBe(1);
    c.visibleAhead(1, T + 5 * MIN, T + 6 * MIN, T + 2 * MIN);
    expect(c.counts['look-ahead']).toBe(1);
    c.emitted(1, T + 5 * MIN, T + 6 * MIN, T + 6 * MIN);
    expect(c.counts.duplicate).toBe(2);
  });

  it('lets ticks share a timestamp', () => {
    const c = new InvariantChecker();
    c.addStream('IBM tick', null, true);
    c.emitted(0, T, T, T);
    c.emitted(0, T, T, T);
    expect(c.total).toBe(0);
  });

  it('reports dropped items at completion and a late pause', () => {
    const c = checker();
    c.emitted(0, T, T + MIN, T + MIN);
    c.completed([1, 2]);
    expect(c.violations.at(-1)!.message).toBe('SPY 1m: 2 of 2 items fed were never emitted');
    c.pauseAcknowledged(5);
    expect(c.counts['late-pause']).toBe(0);
    c.pauseAcknowledged(2500);
    expect(c.counts['late-pause']).toBe(1);
  });
});
