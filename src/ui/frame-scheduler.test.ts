import { describe, expect, it } from 'vitest';
import { FrameScheduler, PROGRESS_MS, type Frames } from './frame-scheduler';

/** Frames the test runs by hand, at the times it names. */
function handFrames() {
  let next = 1;
  const waiting = new Map<number, (now: number) => void>();
  const frames: Frames = {
    request: (callback) => {
      waiting.set(next, callback);
      return next++;
    },
    cancel: (handle) => void waiting.delete(handle),
  };
  const run = (now: number) => {
    const due = [...waiting.values()];
    waiting.clear();
    for (const callback of due) callback(now);
  };
  return { frames, run, pending: () => waiting.size };
}

function setup(live: boolean) {
  const source = { version: 0, items: 0, snapshot: () => ({ version: source.version, items: source.items }) };
  const hand = handFrames();
  const drawn: { version: number; items: number }[] = [];
  const scheduler = new FrameScheduler(source, hand.frames, () => live, (s) => drawn.push(s), source.snapshot());
  return { source, hand, drawn, scheduler };
}

describe('FrameScheduler', () => {
  it('draws a change at the next frame, once however often it was asked', () => {
    const { source, hand, drawn, scheduler } = setup(false);
    source.version = 1;
    scheduler.refresh();
    scheduler.refresh();
    expect(hand.pending()).toBe(1);
    hand.run(16);
    expect(drawn).toEqual([{ version: 1, items: 0 }]);
    expect(hand.pending()).toBe(0); // not live: no loop
  });

  it('draws items arriving without a change at most every PROGRESS_MS while live', () => {
    const { source, hand, drawn, scheduler } = setup(true);
    scheduler.refresh();
    hand.run(0); // the first frame draws (nothing drawn yet)
    source.items = 5;
    hand.run(PROGRESS_MS / 2);
    expect(drawn).toHaveLength(1);
    hand.run(PROGRESS_MS);
    expect(drawn.at(-1)).toEqual({ version: 0, items: 5 });
    expect(hand.pending()).toBe(1); // live: the loop goes on
  });

  it('keeps asking for frames until the progress is due, even when not live', () => {
    const { source, hand, drawn, scheduler } = setup(false);
    scheduler.refresh();
    hand.run(0);
    source.items = 1;
    scheduler.refresh();
    hand.run(10);
    expect(drawn).toHaveLength(1);
    expect(hand.pending()).toBe(1);
    hand.run(10 + PROGRESS_MS);
    expect(drawn).toHaveLength(2);
    expect(hand.pending()).toBe(0);
  });

  it('dispose cancels the frame it asked for', () => {
    const { hand, scheduler } = setup(true);
    scheduler.refresh();
    scheduler.dispose();
    expect(hand.pending()).toBe(0);
  });
});
