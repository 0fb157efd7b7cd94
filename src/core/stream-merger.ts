// The merge of all stream queues, oldest first (design.md, "Merge rules"). Pure TypeScript; the
// coordinator worker owns one. It never overtakes a stream that is registered but unfinished and
// empty (it reports BLOCKED instead), never drops an item, and refuses to emit one older than
// what it already emitted.

import { assert } from './assert';
import { formatExchangeTime } from './exchange-time';
import type { ItemColumns } from './item-columns';
import { MergeHeap, type HeapKeys } from './merge-heap';
import { compareStreamKeys, streamKeyId, type StreamKey } from './stream-key';
import { StreamQueue } from './stream-queue';

/** What `peek()` found. */
export enum MergeStatus {
  /** An item is ready: `headSlot()` names its stream. */
  READY,
  /** A registered, unfinished stream is empty: emitting now could overtake it. */
  BLOCKED,
  /** Every stream finished and was drained (or none is registered). */
  EXHAUSTED,
}

export class StaleItemError extends Error {
  override name = 'StaleItemError';
}

/**
 * How equal emit times are ordered between streams: the documented rule (type, interval, symbol),
 * or, for the tie-break lab, registration order, or the original's grouped slices (by interval
 * group in the order groups appeared, then registration order).
 */
export type TieBreakRule = 'documented' | 'registration' | 'grouped';

/** The merge's two teaching switches (flaws.ts); both off is the fixed engine. */
export interface MergeFlaws {
  readonly emptyAsDone: boolean;
  readonly dropStale: boolean;
}

export class StreamMerger {
  readonly queues: StreamQueue[] = [];
  flaws: MergeFlaws = { emptyAsDone: false, dropStale: false };

  constructor(private readonly tieBreak: TieBreakRule = 'documented') {}
  /** Head emit time and tie-break rank per slot, read by the heap on every compare. */
  private readonly keys: HeapKeys = { emit: new Float64Array(16), rank: new Int32Array(16) };
  private readonly heap = new MergeHeap(this.keys);
  /** Registered streams that are unfinished and empty: while > 0 the merge must wait. */
  private starving = 0;
  /** Emit time of the last item taken: backtest time never goes backwards. */
  lastEmit = -Infinity;

  /** Adds a stream and returns its slot. A key registered twice is a programming error. */
  register(key: StreamKey): number {
    const id = streamKeyId(key);
    assert(!this.queues.some((q) => streamKeyId(q.key) === id), `stream ${id} is already registered`);
    this.queues.push(new StreamQueue(key));
    if (this.queues.length > this.keys.emit.length) {
      const emit = new Float64Array(this.keys.emit.length * 2);
      emit.set(this.keys.emit);
      this.keys.emit = emit;
    }
    this.starving++;
    this.rerank();
    return this.queues.length - 1;
  }

  feed(slot: number, columns: ItemColumns): void {
    const queue = this.queue(slot);
    const wasEmpty = queue.empty;
    queue.feed(columns);
    if (wasEmpty && !queue.empty) {
      this.starving--;
      this.keys.emit[slot] = queue.headEmit();
      this.heap.push(slot);
    }
  }

  /** The end-of-stream marker: no more items will be fed to this stream. */
  finish(slot: number): void {
    const queue = this.queue(slot);
    if (queue.finished) return;
    queue.finished = true;
    if (queue.empty) this.starving--;
  }

  peek(): MergeStatus {
    // The fix: wait for a registered stream that ran dry. The flaw: treat it as finished.
    if (this.starving > 0 && !(this.flaws.emptyAsDone && this.heap.length > 0)) return MergeStatus.BLOCKED;
    return this.heap.length > 0 ? MergeStatus.READY : MergeStatus.EXHAUSTED;
  }

  /** The stream holding the oldest item; only valid after `peek()` returned READY. */
  headSlot(): number {
    return this.heap.peek();
  }

  /**
   * Takes the head item of `headSlot()`. Call `peek()` first. Throws StaleItemError (and takes
   * nothing) when the item is older than one already emitted: reported, never skipped. Returns
   * false only with the dropStale flaw on, when it dropped the stale item without a word.
   */
  take(): boolean {
    const slot = this.heap.peek();
    const queue = this.queues[slot];
    const emit = queue.headEmit();
    const stale = emit < this.lastEmit;
    if (stale && !this.flaws.dropStale) {
      throw new StaleItemError(
        `${streamKeyId(queue.key)} has an item ending ${formatExchangeTime(emit)}, older than the backtest time ${formatExchangeTime(this.lastEmit)} (New York)`,
      );
    }
    if (!stale) this.lastEmit = emit;
    queue.advance();
    if (queue.empty) {
      this.heap.pop();
      if (!queue.finished) this.starving++;
    } else {
      this.keys.emit[slot] = queue.headEmit();
      this.heap.replaceTop();
    }
    return !stale;
  }

  /** Moves backtest time forward without taking an item (an item taken outside the merge). */
  advanceTo(emit: number): void {
    this.lastEmit = Math.max(this.lastEmit, emit);
  }

  clear(): void {
    this.queues.length = 0;
    this.heap.clear();
    this.starving = 0;
    this.lastEmit = -Infinity;
  }

  get totalFed(): number {
    return this.queues.reduce((sum, q) => sum + q.fed, 0);
  }

  private queue(slot: number): StreamQueue {
    const queue = this.queues[slot];
    assert(queue !== undefined, `no stream in slot ${slot}`);
    return queue;
  }

  // Ranks follow the tie-break; a new stream can land between others, so all are recomputed
  // and the heap rebuilt (registration is rare, the merge loop is hot).
  private rerank(): void {
    const groups = [...new Set(this.queues.map((q) => q.key.interval))];
    const group = (slot: number) => groups.indexOf(this.queues[slot].key.interval);
    const compare: Record<TieBreakRule, (a: number, b: number) => number> = {
      documented: (a, b) => compareStreamKeys(this.queues[a].key, this.queues[b].key),
      registration: (a, b) => a - b,
      grouped: (a, b) => group(a) - group(b) || a - b,
    };
    const order = this.queues.map((_, slot) => slot).sort(compare[this.tieBreak]);
    const rank = new Int32Array(this.keys.emit.length);
    order.forEach((slot, r) => (rank[slot] = r));
    const inHeap: number[] = [];
    while (this.heap.length > 0) inHeap.push(this.heap.pop());
    this.keys.rank = rank;
    for (const slot of inHeap) this.heap.push(slot);
  }
}
