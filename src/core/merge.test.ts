import { describe, expect, it } from 'vitest';
import { allocateColumns, type ItemColumns } from './item-columns';
import { seededRandom } from './stats';
import { OutOfOrderFeedError } from './stream-queue';
import { StreamType, type Interval, type StreamKey } from './stream-key';
import { MergeStatus, StaleItemError, StreamMerger } from './stream-merger';

function items(emits: number[], starts = emits): ItemColumns {
  const columns = allocateColumns(emits.length, 5);
  emits.forEach((e, i) => {
    columns.tsEmit[i] = e;
    columns.tsStart[i] = starts[i];
    columns.fields[0][i] = i; // remember the position within the stream
  });
  return columns;
}

const key = (symbol: string, type = StreamType.BAR, interval: Interval = '1m'): StreamKey => ({ type, symbol, interval });

/** Drains the merger; returns "SYMBOL@emit#index" per item. */
function drain(merger: StreamMerger): string[] {
  const out: string[] = [];
  while (merger.peek() === MergeStatus.READY) {
    const queue = merger.queues[merger.headSlot()];
    out.push(`${queue.key.symbol}${queue.key.type === StreamType.BAR ? '' : `/${StreamType[queue.key.type]}`}${queue.key.interval === '1m' ? '' : `/${queue.key.interval}`}@${queue.headEmit()}#${queue.headChunk.fields[0][queue.headRow]}`);
    merger.take();
  }
  return out;
}

describe('StreamMerger', () => {
  it('merges two streams oldest first', () => {
    const m = new StreamMerger();
    const a = m.register(key('AAA'));
    const b = m.register(key('BBB'));
    m.feed(a, items([1, 3, 5]));
    m.feed(b, items([2, 4]));
    m.finish(a);
    m.finish(b);
    expect(drain(m)).toEqual(['AAA@1#0', 'BBB@2#0', 'AAA@3#1', 'BBB@4#1', 'AAA@5#2']);
    expect(m.peek()).toBe(MergeStatus.EXHAUSTED);
  });

  it('breaks ties by stream type: BAR < QUOTE < TICK', () => {
    const m = new StreamMerger();
    const t = m.register(key('AAA', StreamType.TICK, 'tick'));
    const q = m.register(key('AAA', StreamType.QUOTE));
    const b = m.register(key('ZZZ', StreamType.BAR));
    for (const s of [t, q, b]) {
      m.feed(s, items([7]));
      m.finish(s);
    }
    expect(drain(m)).toEqual(['ZZZ@7#0', 'AAA/QUOTE@7#0', 'AAA/TICK/tick@7#0']);
  });

  it('breaks ties by interval, finer first', () => {
    const m = new StreamMerger();
    const h = m.register(key('AAA', StreamType.BAR, '1h'));
    const five = m.register(key('ZZZ', StreamType.BAR, '5m'));
    const one = m.register(key('ZZZ', StreamType.BAR, '1m'));
    for (const s of [h, five, one]) {
      m.feed(s, items([9]));
      m.finish(s);
    }
    expect(drain(m)).toEqual(['ZZZ@9#0', 'ZZZ/5m@9#0', 'AAA/1h@9#0']);
  });

  it('breaks ties by symbol in byte order of the upper-case name', () => {
    const m = new StreamMerger();
    for (const symbol of ['b', 'BA', 'AAPL', 'A']) {
      const s = m.register(key(symbol));
      m.feed(s, items([1]));
      m.finish(s);
    }
    expect(drain(m)).toEqual(['A@1#0', 'AAPL@1#0', 'b@1#0', 'BA@1#0']);
  });

  it('keeps the order within a stream for equal emit times', () => {
    const m = new StreamMerger();
    const t = m.register(key('IBM', StreamType.TICK, 'tick'));
    const b = m.register(key('IBM'));
    m.feed(t, items([4, 4, 4]));
    m.feed(b, items([4]));
    m.finish(t);
    m.finish(b);
    expect(drain(m)).toEqual(['IBM@4#0', 'IBM/TICK/tick@4#0', 'IBM/TICK/tick@4#1', 'IBM/TICK/tick@4#2']);
  });

  it('gives the same order whatever order streams were registered and fed in', () => {
    const orders = [
      ['SPY', 'AIG', 'BAC'],
      ['BAC', 'SPY', 'AIG'],
    ].map((symbols) => {
      const m = new StreamMerger();
      const slots = symbols.map((s) => m.register(key(s)));
      [...slots].reverse().forEach((slot) => {
        m.feed(slot, items([1, 2, 2, 3]));
        m.finish(slot);
      });
      return drain(m);
    });
    expect(orders[0]).toEqual(orders[1]);
  });

  it('handles a single stream and an empty stream', () => {
    const m = new StreamMerger();
    const a = m.register(key('AAA'));
    const empty = m.register(key('EMPTY'));
    m.feed(a, items([1, 2]));
    m.finish(a);
    expect(m.peek()).toBe(MergeStatus.BLOCKED); // EMPTY has not finished: it might still get older items
    m.feed(empty, items([]));
    expect(m.peek()).toBe(MergeStatus.BLOCKED);
    m.finish(empty);
    expect(drain(m)).toEqual(['AAA@1#0', 'AAA@2#1']);
    expect(m.peek()).toBe(MergeStatus.EXHAUSTED);
  });

  it('never overtakes an unfinished stream that runs dry', () => {
    const m = new StreamMerger();
    const fast = m.register(key('FAST'));
    const slow = m.register(key('SLOW'));
    m.feed(fast, items([1, 2, 3, 4]));
    m.finish(fast);
    m.feed(slow, items([1]));
    expect(drain(m)).toEqual(['FAST@1#0', 'SLOW@1#0']);
    expect(m.peek()).toBe(MergeStatus.BLOCKED); // SLOW is empty but not finished
    m.feed(slow, items([2]));
    expect(drain(m)).toEqual(['FAST@2#1', 'SLOW@2#0']);
    m.finish(slow);
    expect(drain(m)).toEqual(['FAST@3#2', 'FAST@4#3']);
  });

  it('throws on an out-of-order feed and keeps the queue intact', () => {
    const m = new StreamMerger();
    const a = m.register(key('AAA'));
    expect(() => m.feed(a, items([1, 3, 2]))).toThrow(OutOfOrderFeedError);
    m.feed(a, items([5]));
    expect(() => m.feed(a, items([4]))).toThrow(/out of order/);
    m.finish(a);
    expect(drain(m)).toEqual(['AAA@5#0']);
  });

  it('throws when fed after the end-of-stream marker', () => {
    const m = new StreamMerger();
    const a = m.register(key('AAA'));
    m.finish(a);
    expect(() => m.feed(a, items([1]))).toThrow(OutOfOrderFeedError);
  });

  it('refuses a duplicate stream key', () => {
    const m = new StreamMerger();
    m.register(key('AAA'));
    expect(() => m.register(key('AAA'))).toThrow(/already registered/);
  });

  it('reports an item older than the backtest time instead of dropping it', () => {
    const m = new StreamMerger();
    const a = m.register(key('AAA'));
    m.feed(a, items([5]));
    m.finish(a);
    drain(m);
    const late = m.register(key('LATE'));
    m.feed(late, items([3]));
    m.finish(late);
    expect(m.peek()).toBe(MergeStatus.READY);
    expect(() => m.take()).toThrow(StaleItemError);
    expect(m.queues[late].pending).toBe(1);
  });
});

describe('StreamMerger with the teaching flaws switched on', () => {
  it('emptyAsDone overtakes a stream that ran dry', () => {
    const m = new StreamMerger();
    m.flaws = { emptyAsDone: true, dropStale: false };
    const fast = m.register(key('FAST'));
    const slow = m.register(key('SLOW'));
    m.feed(fast, items([1, 2, 3]));
    m.finish(fast);
    m.feed(slow, items([1]));
    expect(drain(m)).toEqual(['FAST@1#0', 'SLOW@1#0', 'FAST@2#1', 'FAST@3#2']);
    expect(m.peek()).toBe(MergeStatus.BLOCKED); // nothing left to emit, but SLOW never finished
  });

  it('dropStale drops an item older than the backtest time without a word', () => {
    const m = new StreamMerger();
    m.flaws = { emptyAsDone: false, dropStale: true };
    const a = m.register(key('AAA'));
    m.feed(a, items([5]));
    m.finish(a);
    drain(m);
    const late = m.register(key('LATE'));
    m.feed(late, items([3, 6]));
    m.finish(late);
    expect(m.take()).toBe(false); // LATE@3 dropped
    expect(drain(m)).toEqual(['LATE@6#1']);
  });
});

describe('tie-break rules (the tie-break lab)', () => {
  const keys = [key('IBM', StreamType.TICK, 'tick'), key('SPY'), key('IBM', StreamType.QUOTE), key('IBM', StreamType.BAR, '5m'), key('AIG')];
  const order = (rule: 'documented' | 'registration' | 'grouped') => {
    const m = new StreamMerger(rule);
    for (const k of keys) {
      const s = m.register(k);
      m.feed(s, items([9]));
      m.finish(s);
    }
    return drain(m).map((x) => x.split('@')[0]);
  };
  it('documented: type, interval, symbol', () => {
    expect(order('documented')).toEqual(['AIG', 'SPY', 'IBM/5m', 'IBM/QUOTE', 'IBM/TICK/tick']);
  });
  it('registration order', () => {
    expect(order('registration')).toEqual(['IBM/TICK/tick', 'SPY', 'IBM/QUOTE', 'IBM/5m', 'AIG']);
  });
  it('grouped slices: interval groups in order of appearance, then registration', () => {
    expect(order('grouped')).toEqual(['IBM/TICK/tick', 'SPY', 'IBM/QUOTE', 'AIG', 'IBM/5m']);
  });
});

describe('StreamMerger windows (merge-window.ts) against a reference sort', () => {
  /** The specification: every item by (emit time, stream rank), a stream's own order kept. */
  function reference(streams: { key: StreamKey; emits: number[] }[]): string[] {
    const ranked = streams.map((s, i) => ({ ...s, i })).sort((a, b) => compareKeys(a.key, b.key));
    const all = ranked.flatMap((s, rank) => s.emits.map((e, row) => ({ e, rank, row, label: `${s.key.symbol}@${e}#${row}` })));
    all.sort((a, b) => a.e - b.e || a.rank - b.rank || a.row - b.row);
    return all.map((x) => x.label);
  }
  const compareKeys = (a: StreamKey, b: StreamKey) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0);

  /** Seeded streams: whole or fractional ms, dense ties, long gaps (wider than a window's span). */
  function streams(seed: number, count: number, fractional: boolean) {
    const random = seededRandom(seed);
    return Array.from({ length: count }, (_, s) => {
      const emits: number[] = [];
      let t = 1_381_152_600_000 + Math.floor(random() * 5) * 60_000;
      const n = Math.floor(random() * 400);
      for (let i = 0; i < n; i++) {
        const r = random();
        t += r < 0.3 ? 0 : r < 0.9 ? 60_000 : r < 0.97 ? Math.floor(random() * 5_000) : 2 ** 27 + Math.floor(random() * 1e8);
        if (fractional && random() < 0.2) t += 0.25;
        emits.push(t);
      }
      return { key: key(`S${String(s).padStart(3, '0')}`), emits };
    });
  }

  for (const [seed, count, fractional] of [[1, 1, false], [2, 3, false], [3, 40, false], [4, 200, false], [5, 12, true]] as const) {
    it(`equals the reference: ${count} streams, seed ${seed}${fractional ? ', fractional ms' : ''}, fed in random pieces while draining`, () => {
      const data = streams(seed, count, fractional);
      const random = seededRandom(seed * 7);
      const m = new StreamMerger();
      // Register in a shuffled order: ranks, not slots, decide ties.
      const order = data.map((_, i) => i).sort(() => random() - 0.5);
      const slots = new Map(order.map((i) => [i, m.register(data[i].key)]));
      const fedTo = data.map(() => 0);
      const out: string[] = [];
      for (let round = 0; fedTo.some((f, i) => f < data[i].emits.length) || round === 0; round++) {
        for (const i of order) {
          const left = data[i].emits.length - fedTo[i];
          const n = Math.min(left, Math.floor(random() * 60));
          if (n > 0) m.feed(slots.get(i)!, items(data[i].emits.slice(fedTo[i], fedTo[i] + n)));
          fedTo[i] += n;
          if (fedTo[i] === data[i].emits.length) m.finish(slots.get(i)!);
        }
        for (const x of drain(m)) out.push(x.replace(/#\d+$/, ''));
      }
      expect(m.peek()).toBe(MergeStatus.EXHAUSTED);
      // drain() labels rows by their position within the chunk fed; compare symbol@emit in order.
      expect(out).toEqual(reference(data).map((x) => x.replace(/#\d+$/, '')));
    });
  }

  it('takeRun hands out the same items in the same order, in runs, and leaves a stale item to take()', () => {
    const data = streams(9, 30, false);
    const m = new StreamMerger();
    data.forEach((d) => {
      const slot = m.register(d.key);
      m.feed(slot, items(d.emits));
      m.finish(slot);
    });
    const random = seededRandom(3);
    const out: string[] = [];
    while (m.peek() === MergeStatus.READY) {
      m.takeRun(1 + Math.floor(random() * 300), (slot, chunk, row) => out.push(`${m.queues[slot].key.symbol}@${chunk.tsEmit[row]}`));
    }
    expect(out).toEqual(reference(data).map((x) => x.replace(/#\d+$/, '')));
    // An item older than the backtest time: the run stops before it, and take() reports it.
    const late = m.register(key('LATE'));
    m.feed(late, items([1_000]));
    m.finish(late);
    expect(m.peek()).toBe(MergeStatus.READY);
    expect(m.takeRun(10, () => {})).toBe(0);
    expect(() => m.take()).toThrow(StaleItemError);
  });

  it('keeps a window of more than a radix digit (8192 ms) in order across both digits', () => {
    const m = new StreamMerger();
    const a = m.register(key('AAA'));
    const b = m.register(key('BBB'));
    const emitsA = Array.from({ length: 500 }, (_, i) => 1_000_000 + i * 9_000 + 1);
    const emitsB = Array.from({ length: 500 }, (_, i) => 1_000_000 + i * 8_192);
    m.feed(b, items(emitsB));
    m.feed(a, items(emitsA));
    m.finish(a);
    m.finish(b);
    const got = drain(m).map((x) => Number(x.split('@')[1].split('#')[0]));
    expect(got).toEqual([...emitsA, ...emitsB].sort((x, y) => x - y));
  });
});
