// One stream's pending items: the chunks fed so far and a read cursor. Pure TypeScript; lives in
// the coordinator worker. Feeding appends whole columnar chunks (zero-copy), so a million queued
// bars cost 7 × 8 bytes each, not an object apiece.

import { assert } from './assert';
import { firstAfter, firstAtOrAfter } from './bisect';
import { columnsLength, firstOutOfOrderRow, type ItemColumns } from './item-columns';
import type { MergeWindow } from './merge-window';
import type { StreamKey } from './stream-key';
import { streamKeyId } from './stream-key';

export class OutOfOrderFeedError extends Error {
  override name = 'OutOfOrderFeedError';
}

export class StreamQueue {
  private readonly chunks: ItemColumns[] = [];
  private chunkIndex = 0;
  private row = 0;
  /** The head chunk's emit times and length, kept at hand: read once an item on the hot path. */
  private headEmits: Float64Array = new Float64Array(0);
  private headLength = 0;
  private lastFedStart = -Infinity;
  private lastFedEmit = -Infinity;
  /** Items fed and items taken, for progress and the "nothing lost" check. */
  fed = 0;
  taken = 0;
  /** The producer said no more items will come (the end-of-stream marker). */
  finished = false;

  constructor(readonly key: StreamKey) {}

  /** Appends a chunk; a chunk out of order is a programming error and throws, feeding nothing. */
  feed(columns: ItemColumns): void {
    if (this.finished) throw new OutOfOrderFeedError(`${streamKeyId(this.key)} was fed after it finished`);
    const length = columnsLength(columns);
    if (length === 0) return;
    const bad = firstOutOfOrderRow(columns, this.lastFedStart, this.lastFedEmit);
    if (bad >= 0) {
      throw new OutOfOrderFeedError(
        `${streamKeyId(this.key)} was fed out of order at row ${bad} ` +
          `(start ${columns.tsStart[bad]}, emit ${columns.tsEmit[bad]}, after emit ${this.lastFedEmit})`,
      );
    }
    this.chunks.push(columns);
    if (this.chunkIndex === this.chunks.length - 1) this.loadHead();
    this.lastFedStart = columns.tsStart[length - 1];
    this.lastFedEmit = columns.tsEmit[length - 1];
    this.fed += length;
  }

  get pending(): number {
    return this.fed - this.taken;
  }

  get empty(): boolean {
    return this.fed === this.taken;
  }

  /** The chunk and row of the head item; only valid while not empty. */
  get headChunk(): ItemColumns {
    return this.chunks[this.chunkIndex];
  }

  get headRow(): number {
    return this.row;
  }

  headEmit(): number {
    return this.headEmits[this.row];
  }

  /** Emit time of the last item fed: every later feed is at or after it. */
  get lastEmit(): number {
    return this.lastFedEmit;
  }

  /**
   * Adds this queue's pending items that are due before `end` to the window, in order (with
   * `inclusive`, also those due exactly at `end`). Reads only; `advance()` takes them later.
   */
  gather(window: MergeWindow, slot: number, end: number, inclusive: boolean): void {
    for (let c = this.chunkIndex, row = this.row; c < this.chunks.length; c++, row = 0) {
      const emits = this.chunks[c].tsEmit;
      const stop = inclusive ? firstAfter(emits, end, row) : firstAtOrAfter(emits, end, row);
      if (stop > row) window.addRun(emits, row, stop, slot);
      if (stop < emits.length) return;
    }
  }

  /**
   * Moves past the head item (it has been emitted). Consumed chunks are kept until the run ends:
   * a step back (retreat) reads them again. They were all in memory at the gate anyway.
   */
  advance(): void {
    this.taken++;
    if (++this.row === this.headLength) {
      this.chunkIndex++;
      this.row = 0;
      this.loadHead();
    }
  }

  /** Emit time of the last item taken, or −Infinity when none was. */
  lastTakenEmit(): number {
    if (this.taken === 0) return -Infinity;
    if (this.row > 0) return this.headEmits[this.row - 1];
    const previous = this.chunks[this.chunkIndex - 1].tsEmit;
    return previous[previous.length - 1];
  }

  /** Un-takes the last item taken: it is the head again (a step back). */
  retreat(): void {
    assert(this.taken > 0, `${streamKeyId(this.key)}: nothing taken to step back over`);
    this.taken--;
    if (this.row > 0) {
      this.row--;
      return;
    }
    this.chunkIndex--;
    this.loadHead();
    this.row = this.headLength - 1;
  }

  private loadHead(): void {
    const head = this.chunks[this.chunkIndex];
    this.headEmits = head ? head.tsEmit : new Float64Array(0);
    this.headLength = head ? columnsLength(head) : 0;
  }
}
