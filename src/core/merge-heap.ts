// A binary min-heap of stream slots ordered by (head emit time, stream rank): the k-way merge's
// "which stream holds the oldest item". Pure TypeScript. Ranks encode the tie-break between
// streams (type, interval, symbol), so equal emit times resolve the same way every run — the
// same shape as NautilusTrader's (timestamp, priority, index) heap.

/** The sort keys, per slot: typed arrays the owner updates in place (the hot path reads them directly). */
export interface HeapKeys {
  /** The head item's emit time. */
  emit: Float64Array;
  /** The tie-break rank (lower goes first). */
  rank: Int32Array;
}

export class MergeHeap {
  private slots: Int32Array;
  private size = 0;

  constructor(
    private readonly keys: HeapKeys,
    capacity = 16,
  ) {
    this.slots = new Int32Array(capacity);
  }

  get length(): number {
    return this.size;
  }

  peek(): number {
    return this.size > 0 ? this.slots[0] : -1;
  }

  push(slot: number): void {
    if (this.size === this.slots.length) {
      const grown = new Int32Array(this.slots.length * 2);
      grown.set(this.slots);
      this.slots = grown;
    }
    this.slots[this.size] = slot;
    this.siftUp(this.size++);
  }

  pop(): number {
    const top = this.slots[0];
    this.size--;
    if (this.size > 0) {
      this.slots[0] = this.slots[this.size];
      this.siftDown(0);
    }
    return top;
  }

  /**
   * The top slot's key changed (its head advanced): restore heap order. Bottom-up (Floyd): move
   * the smaller child up level by level to a leaf — one comparison a level — then let the slot
   * climb back to its place, usually one or two steps. The textbook sift compares twice a level;
   * with many interleaved streams (the usual case from 50 up) this is the merge's hot path.
   */
  replaceTop(): void {
    const slots = this.slots;
    const emit = this.keys.emit;
    const rank = this.keys.rank;
    const n = this.size;
    const slot = slots[0];
    let i = 0;
    for (let child = 1; child < n; child = 2 * i + 1) {
      const right = child + 1;
      if (right < n) {
        const a = slots[right];
        const b = slots[child];
        if (emit[a] < emit[b] || (emit[a] === emit[b] && rank[a] < rank[b])) child = right;
      }
      slots[i] = slots[child];
      i = child;
    }
    const e = emit[slot];
    const r = rank[slot];
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = slots[parent];
      if (!(e < emit[p] || (e === emit[p] && r < rank[p]))) break;
      slots[i] = p;
      i = parent;
    }
    slots[i] = slot;
  }

  clear(): void {
    this.size = 0;
  }

  private less(a: number, b: number): boolean {
    const emit = this.keys.emit;
    const ea = emit[a];
    const eb = emit[b];
    return ea < eb || (ea === eb && this.keys.rank[a] < this.keys.rank[b]);
  }

  private siftUp(i: number): void {
    const slots = this.slots;
    const slot = slots[i];
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(slot, slots[parent])) break;
      slots[i] = slots[parent];
      i = parent;
    }
    slots[i] = slot;
  }

  private siftDown(i: number): void {
    const slots = this.slots;
    const slot = slots[i];
    const n = this.size;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && this.less(slots[child + 1], slots[child])) child++;
      if (!this.less(slots[child], slot)) break;
      slots[i] = slots[child];
      i = child;
    }
    slots[i] = slot;
  }
}
