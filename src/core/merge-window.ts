// The merge order of one window of items: a stable sort by emit time. Pure TypeScript; the
// StreamMerger owns one.
//
// Why a sort and not a heap: once every stream is fed past a point in time, the merge order up to
// that point is simply "by emit time, ties in tie-break order". The merger gathers the window's
// items stream by stream in tie-break (rank) order, each stream's items in their own order, and a
// *stable* sort by emit time then yields exactly the k-way merge's order — without a comparison
// per heap level per item. Emit times are whole milliseconds, and relative to the window's start
// they fit 31 bits, so a few counting passes (an LSD radix sort) sort it in linear time: the cost
// per item no longer grows with the number of streams.

/** A window spans less than this many milliseconds (24.8 days): times relative to its start are int32. */
export const MAX_WINDOW_SPAN_MS = 2 ** 31 - 1;
const DIGIT_BITS = 11;
const BUCKETS = 1 << DIGIT_BITS;
const DIGIT_MASK = BUCKETS - 1;
/** Up to this many items an insertion sort beats clearing and summing the radix counts. */
const SMALL_WINDOW = 64;

export class MergeWindow {
  /** After `sort()`: the window's slots in merge order, `order[0 .. length)`, and their emit times. */
  order = new Int32Array(1024);
  emits = new Float64Array(1024);
  length = 0;
  /** Per gathered item, in gathering order: emit time − base, and its slot. */
  private rel = new Float64Array(1024);
  private slots = new Int32Array(1024);
  /** The first radix pass's output. */
  private midRel = new Float64Array(1024);
  private midSlots = new Int32Array(1024);
  /** Items per bucket of each radix digit (three digits side by side). */
  private readonly counts = new Int32Array(3 * BUCKETS);
  private base = 0;
  /** False once an emit time with a fraction of a millisecond was added: radix digits cannot hold it. */
  private wholeMs = true;
  /** The largest emit time − base added. */
  private widest = 0;

  /** Starts a window whose emit times all lie in [base, base + MAX_WINDOW_SPAN_MS). */
  begin(base: number): void {
    this.base = base;
    this.length = 0;
    this.wholeMs = true;
    this.widest = 0;
    this.counts.fill(0);
  }

  /**
   * Adds one stream's items `emits[from .. to)`; call in tie-break order of streams. Counts the
   * radix digits on the way, so the sort needs no separate counting pass.
   */
  addRun(emits: Float64Array, from: number, to: number, slot: number): void {
    while (this.length + (to - from) > this.rel.length) this.grow();
    const { rel, slots, counts, base } = this;
    let n = this.length;
    let whole = this.wholeMs;
    for (let i = from; i < to; i++) {
      const r = emits[i] - base;
      if ((r | 0) !== r) whole = false;
      rel[n] = r;
      slots[n++] = slot;
      counts[r & DIGIT_MASK]++;
      counts[BUCKETS + ((r >>> DIGIT_BITS) & DIGIT_MASK)]++;
      counts[2 * BUCKETS + ((r >>> (2 * DIGIT_BITS)) & DIGIT_MASK)]++;
    }
    this.widest = Math.max(this.widest, emits[to - 1] - base);
    this.length = n;
    this.wholeMs = whole;
  }

  /** Puts the window's slots in merge order into `order`, and their emit times into `emits`. */
  sort(): void {
    if (!this.wholeMs) this.sortByComparison();
    else if (this.length <= SMALL_WINDOW) this.insertionSort();
    else this.radixSort();
  }

  /**
   * Stable counting passes, 11 bits a digit, lowest first: as many digits as the widest time
   * needs (one for a window under 2 s, two under 70 min, else three). Small digits keep the
   * counts and the scatter targets in the first-level cache. addRun already counted every digit.
   */
  private radixSort(): void {
    const n = this.length;
    const { order, counts } = this;
    const digits = this.widest < BUCKETS ? 1 : this.widest < BUCKETS * BUCKETS ? 2 : 3;
    let fromRel = this.rel;
    let fromSlots = this.slots;
    let toRel = this.midRel;
    let toSlots = this.midSlots;
    for (let d = 0; d < digits; d++) {
      const shift = d * DIGIT_BITS;
      const starts = counts.subarray(d * BUCKETS, (d + 1) * BUCKETS);
      startsFromCounts(starts);
      if (d === digits - 1) {
        const { emits, base } = this;
        for (let i = 0; i < n; i++) {
          const r = fromRel[i];
          const p = starts[(r >>> shift) & DIGIT_MASK]++;
          order[p] = fromSlots[i];
          emits[p] = base + r;
        }
        return;
      }
      for (let i = 0; i < n; i++) {
        const r = fromRel[i];
        const p = starts[(r >>> shift) & DIGIT_MASK]++;
        toRel[p] = r;
        toSlots[p] = fromSlots[i];
      }
      [fromRel, toRel] = [toRel, fromRel];
      [fromSlots, toSlots] = [toSlots, fromSlots];
    }
  }

  private insertionSort(): void {
    const n = this.length;
    const { rel, slots, order, midRel: keys } = this;
    for (let i = 0; i < n; i++) {
      const r = rel[i];
      let j = i - 1;
      // Strict `>`: an equal time stays behind the one gathered before it (stability).
      for (; j >= 0 && keys[j] > r; j--) {
        keys[j + 1] = keys[j];
        order[j + 1] = order[j];
      }
      keys[j + 1] = r;
      order[j + 1] = slots[i];
    }
    for (let i = 0; i < n; i++) this.emits[i] = this.base + keys[i];
  }

  /** Emit times with fractions of a millisecond (a foreign file can hold them): a comparison sort. */
  private sortByComparison(): void {
    const { rel, slots } = this;
    const positions = Array.from({ length: this.length }, (_, i) => i);
    positions.sort((a, b) => rel[a] - rel[b] || a - b);
    positions.forEach((p, i) => {
      this.order[i] = slots[p];
      this.emits[i] = this.base + rel[p];
    });
  }

  private grow(): void {
    const capacity = this.rel.length * 2;
    const rel = new Float64Array(capacity);
    rel.set(this.rel);
    const slots = new Int32Array(capacity);
    slots.set(this.slots);
    this.rel = rel;
    this.slots = slots;
    this.order = new Int32Array(capacity);
    this.emits = new Float64Array(capacity);
    this.midRel = new Float64Array(capacity);
    this.midSlots = new Int32Array(capacity);
  }
}

/** Turns bucket counts into each bucket's first position (an exclusive prefix sum), in place. */
function startsFromCounts(counts: Int32Array): void {
  let sum = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    counts[i] = sum;
    sum += c;
  }
}
