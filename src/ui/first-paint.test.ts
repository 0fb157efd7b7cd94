import { describe, expect, it } from 'vitest';
import { afterFirstPaint, type PaintWatch } from './first-paint';

/** A paint watch driven by the test: `paint()` and `fire()` stand for the browser's paint and timer. */
function fakeWatch(options: { painted?: boolean; hidden?: boolean } = {}) {
  let onPaint: (() => void) | null = null;
  let timer: (() => void) | null = null;
  let stopped = 0;
  const watch: PaintWatch = {
    painted: () => options.painted ?? false,
    hidden: () => options.hidden ?? false,
    onPaint(callback) {
      onPaint = callback;
      return () => stopped++;
    },
    later(callback) {
      timer = callback;
    },
  };
  return { watch, paint: () => onPaint?.(), fire: () => timer?.(), stopped: () => stopped, watching: () => onPaint !== null };
}

const settled = async (promise: Promise<void>) => {
  let done = false;
  void promise.then(() => (done = true));
  await Promise.resolve();
  await Promise.resolve();
  return done;
};

describe('afterFirstPaint', () => {
  it('waits for the first contentful paint, then stops watching', async () => {
    const fake = fakeWatch();
    const waiting = afterFirstPaint(fake.watch);
    expect(await settled(waiting)).toBe(false);
    fake.paint();
    expect(await settled(waiting)).toBe(true);
    expect(fake.stopped()).toBe(1);
  });

  it('goes on at once when the page has painted already, or is hidden (a hidden tab paints nothing)', async () => {
    for (const options of [{ painted: true }, { hidden: true }]) {
      const fake = fakeWatch(options);
      expect(await settled(afterFirstPaint(fake.watch))).toBe(true);
      expect(fake.watching()).toBe(false);
    }
  });

  it('goes on without a paint when none comes (the fallback timer)', async () => {
    const fake = fakeWatch();
    const waiting = afterFirstPaint(fake.watch);
    fake.fire();
    expect(await settled(waiting)).toBe(true);
    expect(fake.stopped()).toBe(1);
  });
});
