// A binary min-heap of stream slots ordered by (head emit time, stream rank): the k-way merge's
// "which stream holds the oldest item". Pure TypeScript. Ranks encode the tie-break between
// streams (type, interval, symbol), so equal emit times resolve the same way every run — the
// same shape as NautilusTrader's (timestamp, priority, index) heap.

export class MergeHeap {
  private slots: Int32Array;
  private size = 0;

  /**
   * @param headEmit the head item's emit time for each slot (read at compare time)
   * @param rank the tie-break rank for each slot (lower goes first)
   */
  constructor(
    private readonly headEmit: (slot: number) => number,
    private readonly rank: (slot: number) => number,
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

  /** The top slot's key changed (its head advanced): restore heap order. */
  replaceTop(): void {
    this.siftDown(0);
  }

  clear(): void {
    this.size = 0;
  }

  private less(a: number, b: number): boolean {
    const ea = this.headEmit(a);
    const eb = this.headEmit(b);
    return ea < eb || (ea === eb && this.rank(a) < this.rank(b));
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
