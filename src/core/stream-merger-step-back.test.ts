// StreamMerger.stepBack: un-taking the last emitted time step, whole, across streams and chunks,
// with ticks that share a time; the merge then goes on in the order a straight merge takes.
import { describe, expect, it } from 'vitest';
import { allocateColumns, type ItemColumns } from './item-columns';
import { StreamType, type StreamKey } from './stream-key';
import { MergeStatus, StreamMerger } from './stream-merger';

function items(emits: number[], first = 0): ItemColumns {
  const columns = allocateColumns(emits.length, 5);
  emits.forEach((e, i) => {
    columns.tsEmit[i] = e;
    columns.tsStart[i] = e;
    columns.fields[0][i] = first + i;
  });
  return columns;
}

const bar = (symbol: string): StreamKey => ({ type: StreamType.BAR, symbol, interval: '1m' });
const ticks = (symbol: string): StreamKey => ({ type: StreamType.TICK, symbol, interval: 'tick' });

/** AAA bars in two chunks, BBB bars, CCC ticks with three at time 3. */
function merger(): StreamMerger {
  const m = new StreamMerger();
  const a = m.register(bar('AAA'));
  const b = m.register(bar('BBB'));
  const c = m.register(ticks('CCC'));
  m.feed(a, items([1, 2]));
  m.feed(a, items([3, 5], 2));
  m.feed(b, items([2, 3, 4]));
  m.feed(c, items([3, 3, 3, 6]));
  for (const slot of [a, b, c]) m.finish(slot);
  return m;
}

/** Takes `n` items; returns "SYMBOL@emit#index" each. */
function take(m: StreamMerger, n = Infinity): string[] {
  const out: string[] = [];
  while (out.length < n && m.peek() === MergeStatus.READY) {
    const queue = m.queues[m.headSlot()];
    out.push(`${queue.key.symbol}@${queue.headEmit()}#${queue.headChunk.fields[0][queue.headRow]}`);
    m.take();
  }
  return out;
}

describe('StreamMerger.stepBack', () => {
  const straight = take(merger());

  it('the straight merge, for reference', () => {
    expect(straight).toEqual(['AAA@1#0', 'AAA@2#1', 'BBB@2#0', 'AAA@3#2', 'BBB@3#1', 'CCC@3#0', 'CCC@3#1', 'CCC@3#2', 'BBB@4#2', 'AAA@5#3', 'CCC@6#3']);
  });

  it('un-takes every item of the last time step, across streams and a chunk boundary, and goes on as straight', () => {
    for (let n = 1; n <= straight.length; n++) {
      const m = merger();
      const taken = take(m, n);
      const last = Number(taken[n - 1].split('@')[1].split('#')[0]);
      const kept = taken.filter((t) => Number(t.split('@')[1].split('#')[0]) < last);
      const { removed, lastEmit } = m.stepBack();
      expect(removed).toBe(n - kept.length);
      expect(lastEmit).toBe(kept.length > 0 ? Number(kept[kept.length - 1].split('@')[1].split('#')[0]) : -Infinity);
      expect(m.lastEmit).toBe(lastEmit);
      expect([...kept, ...take(m)]).toEqual(straight);
    }
  });

  it('steps back twice in a row, and to the very start', () => {
    const m = merger();
    take(m, 8); // through the three ticks at 3
    expect(m.stepBack()).toEqual({ removed: 5, lastEmit: 2 });
    expect(m.stepBack()).toEqual({ removed: 2, lastEmit: 1 });
    expect(m.stepBack()).toEqual({ removed: 1, lastEmit: -Infinity });
    expect(m.stepBack()).toEqual({ removed: 0, lastEmit: -Infinity });
    expect(take(m)).toEqual(straight);
  });

  it('after the last item: the run can still go back one step and drain again', () => {
    const m = merger();
    take(m);
    expect(m.peek()).toBe(MergeStatus.EXHAUSTED);
    expect(m.stepBack().removed).toBe(1);
    expect(take(m)).toEqual(['CCC@6#3']);
  });
});
