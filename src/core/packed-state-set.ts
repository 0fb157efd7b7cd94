// The model checker's visited set: every distinct state, stored once, packed as `width` small
// integers in one growing Int32Array, found again through an open-addressing hash table of state
// numbers. Pure TypeScript, any thread; model-checker.ts owns one per search.
//
// Why not a Map keyed by JSON strings: a string per state costs an allocation and a stringify per
// successor, and the Map holds every string; here a state is `width` ints and a lookup hashes them
// in place (npm run bench measures both on the same model).

/** Marks an empty slot of the hash table (state numbers start at 0). */
const EMPTY = -1;

export class PackedStateSet {
  /** State i is `states[i*width … (i+1)*width)`. */
  private states: Int32Array;
  private table: Int32Array;
  private mask: number;
  size = 0;

  constructor(readonly width: number, expected = 1024) {
    this.states = new Int32Array(Math.max(1, expected) * width);
    let slots = 1024;
    while (slots < expected * 2) slots *= 2;
    this.table = new Int32Array(slots).fill(EMPTY);
    this.mask = slots - 1;
  }

  /** The number of `state` if it is already stored, else stores it and returns -(its new number) - 1. */
  addOrFind(state: Int32Array): number {
    let slot = this.hash(state) & this.mask;
    for (;;) {
      const id = this.table[slot];
      if (id === EMPTY) break;
      if (this.equals(id, state)) return id;
      slot = (slot + 1) & this.mask;
    }
    const id = this.size++;
    if (this.states.length < this.size * this.width) {
      const grown = new Int32Array(this.states.length * 2);
      grown.set(this.states);
      this.states = grown;
    }
    this.states.set(state, id * this.width);
    this.table[slot] = id;
    if (this.size * 2 > this.table.length) this.rehash();
    return -id - 1;
  }

  /** Copies state `id` into `into`. */
  read(id: number, into: Int32Array): Int32Array {
    into.set(this.states.subarray(id * this.width, (id + 1) * this.width));
    return into;
  }

  /** Bytes held by the set (states plus table). */
  get bytes(): number {
    return this.states.byteLength + this.table.byteLength;
  }

  private equals(id: number, state: Int32Array): boolean {
    const base = id * this.width;
    for (let i = 0; i < this.width; i++) if (this.states[base + i] !== state[i]) return false;
    return true;
  }

  /** FNV-1a over the ints, then a final mix so neighbouring states spread over the table. */
  private hash(state: ArrayLike<number>, base = 0): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < this.width; i++) {
      h ^= state[base + i];
      h = Math.imul(h, 0x01000193);
    }
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    return (h ^ (h >>> 12)) >>> 0;
  }

  private rehash(): void {
    const slots = this.table.length * 2;
    this.table = new Int32Array(slots).fill(EMPTY);
    this.mask = slots - 1;
    for (let id = 0; id < this.size; id++) {
      let slot = this.hash(this.states, id * this.width) & this.mask;
      while (this.table[slot] !== EMPTY) slot = (slot + 1) & this.mask;
      this.table[slot] = id;
    }
  }
}
