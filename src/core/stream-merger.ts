// The merge of all stream queues, oldest first (design.md, "Merge rules"). Pure TypeScript; the
// coordinator worker owns one. It never overtakes a stream that is registered but unfinished and
// empty (it reports BLOCKED instead), never drops an item, and refuses to emit one older than
// what it already emitted.
//
// It merges a window at a time. A window holds every pending item that no future feed can precede:
// a stream still being fed only ever gets items at or after the last one it was fed, so
// everything before the earliest such "last item" (under the tie-break) is final. The window's
// order is a stable sort by emit time of its items gathered in tie-break order (merge-window.ts);
// taking an item is then reading the next slot of that order.

import { assert } from './assert';
import { formatExchangeTime } from './exchange-time';
import type { ItemColumns } from './item-columns';
import { MAX_WINDOW_SPAN_MS, MergeWindow } from './merge-window';
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

/** A window aims at about this many items: large enough to spread its fixed costs thin. */
const TARGET_WINDOW_ITEMS = 1 << 15;
/** The first window's span, ms; later ones adapt to how densely the streams are packed. */
const FIRST_SPAN_MS = 1000;

/** Where an item taken from the merge is: its stream's slot, and its chunk and row (valid during the call). */
export type ItemVisitor = (slot: number, chunk: ItemColumns, row: number) => void;

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
  /** Tie-break rank per slot (lower goes first), and the slots in rank order. */
  private rank = new Int32Array(0);
  private byRank = new Int32Array(0);
  /** The current window's merge order; `next` is the position of the head item in it. */
  private readonly window = new MergeWindow();
  private next = 0;
  /** How wide the next window may be, ms: adapted so that a window holds about TARGET_WINDOW_ITEMS. */
  private span = FIRST_SPAN_MS;
  /** Emit time of the last item taken: backtest time never goes backwards. */
  lastEmit = -Infinity;

  /** Adds a stream and returns its slot. A key registered twice is a programming error. */
  register(key: StreamKey): number {
    const id = streamKeyId(key);
    assert(!this.queues.some((q) => streamKeyId(q.key) === id), `stream ${id} is already registered`);
    this.queues.push(new StreamQueue(key));
    this.rerank();
    this.forgetWindow();
    return this.queues.length - 1;
  }

  feed(slot: number, columns: ItemColumns): void {
    const queue = this.queue(slot);
    const wasEmpty = queue.empty;
    queue.feed(columns);
    if (wasEmpty && !queue.empty) {
      // Its items may belong before ones already in the window. (A queue that was not empty
      // bounded the window by its last item, so its new items all come after the window.)
      this.forgetWindow();
    }
  }

  /** The end-of-stream marker: no more items will be fed to this stream. */
  finish(slot: number): void {
    const queue = this.queue(slot);
    if (queue.finished) return;
    queue.finished = true;
  }

  peek(): MergeStatus {
    return this.next < this.window.length ? MergeStatus.READY : this.nextWindow();
  }

  /** The stream holding the oldest item; only valid after `peek()` returned READY. */
  headSlot(): number {
    return this.window.order[this.next];
  }

  /** That item's emit time. */
  headEmit(): number {
    return this.window.emits[this.next];
  }

  /**
   * Takes the head item of `headSlot()`. Call `peek()` first. Throws StaleItemError (and takes
   * nothing) when the item is older than one already emitted: reported, never skipped. Returns
   * false only with the dropStale flaw on, when it dropped the stale item without a word.
   */
  take(): boolean {
    assert(this.next < this.window.length || this.peek() === MergeStatus.READY, 'take() with no item ready');
    const queue = this.queues[this.window.order[this.next]];
    const emit = this.window.emits[this.next];
    const stale = emit < this.lastEmit;
    if (stale && !this.flaws.dropStale) {
      throw new StaleItemError(
        `${streamKeyId(queue.key)} has an item ending ${formatExchangeTime(emit)}, older than the backtest time ${formatExchangeTime(this.lastEmit)} (New York)`,
      );
    }
    if (!stale) this.lastEmit = emit;
    queue.advance();
    this.next++;
    return !stale;
  }

  /**
   * Takes up to `max` items in merge order and hands each to `visit`: its slot, and where it is
   * (chunk and row, valid during the call). Stays within the current window, and stops before an
   * item older than the backtest time, which take() then reports. The coordinator's path at full
   * speed: one call a run of items, not a peek and a take for each. Call peek() first.
   */
  takeRun(max: number, visit: ItemVisitor): number {
    const { order, emits } = this.window;
    const first = this.next;
    const end = Math.min(this.window.length, first + max);
    let last = this.lastEmit;
    let i = first;
    for (; i < end && emits[i] >= last; i++) {
      const queue = this.queues[order[i]];
      visit(order[i], queue.headChunk, queue.headRow);
      queue.advance();
      last = emits[i];
    }
    this.next = i;
    this.lastEmit = last;
    return i - first;
  }

  /**
   * Step back: un-takes every item taken whose emit time is the latest taken (the last time step,
   * whole, whichever streams it spans), so that they are pending again in the same order. Items
   * are taken in emit-time order and each stream's own items in order, so those items are exactly
   * the tail of each stream's taken items. Returns how many were un-taken and the emit time of the
   * last item still taken (−Infinity when none is). The window is rebuilt from the queues' heads.
   *
   * Why the step back is done here, in the queues, rather than by the page re-seeking a fresh run
   * to the earlier time: the queues still hold every item (consumed chunks are kept), and the merge
   * order is a function of the queues alone, so putting the items back makes the replay go on
   * exactly as if they had never been emitted — in microseconds, with no refetch and no second
   * setup — and a run with steps back exports the same file as a straight run.
   */
  stepBack(): { readonly removed: number; readonly lastEmit: number } {
    const last = this.queues.reduce((latest, q) => Math.max(latest, q.lastTakenEmit()), -Infinity);
    if (last === -Infinity) return { removed: 0, lastEmit: -Infinity };
    let removed = 0;
    for (const queue of this.queues) {
      while (queue.taken > 0 && queue.lastTakenEmit() === last) {
        queue.retreat();
        removed++;
      }
    }
    this.lastEmit = this.queues.reduce((latest, q) => Math.max(latest, q.lastTakenEmit()), -Infinity);
    this.forgetWindow();
    return { removed, lastEmit: this.lastEmit };
  }

  /**
   * Gathers the next window. Its bound is the earliest (last item fed, rank) among streams still
   * being fed — nothing fed later can come before it — or the span, whichever comes first.
   */
  private nextWindow(): MergeStatus {
    this.forgetWindow();
    const { queues, rank } = this;
    // A registered stream that is unfinished and empty ("starving") might still get older items.
    // The fix: wait for it. The flaw: treat it as finished.
    const starving = queues.some((q) => q.empty && !q.finished);
    if (starving && !this.flaws.emptyAsDone) return MergeStatus.BLOCKED;
    let base = Infinity;
    let endEmit = Infinity;
    let endRank = 0; // the window holds items with (emit, rank) < (endEmit, endRank)
    for (let slot = 0; slot < queues.length; slot++) {
      const queue = queues[slot];
      if (queue.empty) continue;
      base = Math.min(base, queue.headEmit());
      const last = queue.lastEmit;
      if (!queue.finished && (last < endEmit || (last === endEmit && rank[slot] < endRank))) {
        endEmit = last;
        endRank = rank[slot] + 1;
      }
    }
    if (base === Infinity) return starving ? MergeStatus.BLOCKED : MergeStatus.EXHAUSTED;
    const spanBound = base + this.span <= endEmit;
    if (spanBound) {
      endEmit = base + this.span;
      endRank = 0;
    }
    const window = this.window;
    window.begin(base);
    for (let r = 0; r < queues.length; r++) {
      const slot = this.byRank[r];
      if (!queues[slot].empty) queues[slot].gather(window, slot, endEmit, r < endRank);
    }
    window.sort();
    if (spanBound) {
      // Aim the next window at TARGET_WINDOW_ITEMS: at most twice as wide, however sparse this one was.
      const scaled = Math.floor((this.span * TARGET_WINDOW_ITEMS) / Math.max(window.length, 1));
      this.span = Math.max(1, Math.min(scaled, this.span * 2, MAX_WINDOW_SPAN_MS));
    }
    return MergeStatus.READY;
  }

  private forgetWindow(): void {
    this.window.length = 0;
    this.next = 0;
  }

  clear(): void {
    this.queues.length = 0;
    this.forgetWindow();
    this.span = FIRST_SPAN_MS;
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
  // (registration is rare, the merge loop is hot).
  private rerank(): void {
    const groups = [...new Set(this.queues.map((q) => q.key.interval))];
    const group = (slot: number) => groups.indexOf(this.queues[slot].key.interval);
    const compare: Record<TieBreakRule, (a: number, b: number) => number> = {
      documented: (a, b) => compareStreamKeys(this.queues[a].key, this.queues[b].key),
      registration: (a, b) => a - b,
      grouped: (a, b) => group(a) - group(b) || a - b,
    };
    this.byRank = Int32Array.from(this.queues.map((_, slot) => slot).sort(compare[this.tieBreak]));
    this.rank = new Int32Array(this.queues.length);
    this.byRank.forEach((slot, r) => (this.rank[slot] = r));
  }
}
