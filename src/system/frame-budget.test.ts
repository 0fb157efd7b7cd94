import { describe, expect, it } from 'vitest';
import { FrameBudget, type FrameClock } from './frame-budget';

/** A page whose clock and frames the test moves by hand. */
function page() {
  let now = 0;
  let drawing = true;
  const frames: (() => void)[] = [];
  const clock: FrameClock = { now: () => now, drawing: () => drawing, nextFrame: (callback) => void frames.push(callback) };
  return {
    clock,
    advance: (ms: number) => (now += ms),
    frame: () => frames.splice(0).forEach((f) => f()),
    hide: () => (drawing = false),
  };
}

describe('FrameBudget', () => {
  it('acknowledges batches while the frame has room, holds the rest until the next frame', () => {
    const p = page();
    const budget = new FrameBudget(p.clock);
    const acked: number[] = [];
    budget.taken(1, () => acked.push(0)); // before the first frame: held until a frame is seen
    expect(acked).toEqual([]);
    p.frame();
    expect(acked).toEqual([0]);
    p.advance(2);
    budget.taken(1, () => acked.push(1)); // 3 ms into the frame: room left
    p.advance(2);
    budget.taken(2, () => acked.push(2)); // 5 ms in, a 2 ms batch: still before the deadline (16.7 − 9)
    p.advance(2);
    budget.taken(2, () => acked.push(3)); // 7 ms in: the next batch would run past it
    budget.taken(0.1, () => acked.push(4)); // and nothing overtakes a held acknowledgement
    expect(acked).toEqual([0, 1, 2]);
    p.advance(10);
    p.frame();
    expect(acked).toEqual([0, 1, 2, 3, 4]);
  });

  it('holds nothing back while the page draws no frames (a hidden tab), and releases on request', () => {
    const p = page();
    const budget = new FrameBudget(p.clock);
    const acked: number[] = [];
    budget.taken(1, () => acked.push(0));
    budget.release(); // a run ends: everything held is acknowledged
    expect(acked).toEqual([0]);
    p.hide();
    budget.taken(50, () => acked.push(1));
    expect(acked).toEqual([0, 1]);
  });
});
