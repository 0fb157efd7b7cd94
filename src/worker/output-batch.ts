// The coordinator's output buffer: emitted items collected columnar and posted as one
// transferred batch, never one message per item (a message costs ~0.06 ms: that would cap the
// page near 16k items/s). Worker thread.
//
// Values are stored item after item, `stride` a item: the widest registered stream's field count
// (5 for a bars-only run, not the 10 of quote bars — half the bytes to write and to move). A full
// batch hands over its own buffers and starts fresh ones, so nothing is copied on the way out.

import type { ItemColumns } from '../core/item-columns';
import type { BatchEvent } from './coordinator-api';

export class OutputBatch {
  private slot!: Int32Array;
  private tsStart!: Float64Array;
  private tsEmit!: Float64Array;
  private values!: Float64Array;
  /** Values per item: the widest stream registered so far in this run. */
  private stride = 0;
  count = 0;
  /** Wall time of the oldest unposted item, to bound how long an item waits in here. */
  firstAt = 0;

  constructor(private capacity = 1024) {
    this.allocate();
  }

  /** A stream with `fieldCount` values an item was registered: make room for them. */
  widen(fieldCount: number): void {
    if (fieldCount <= this.stride) return;
    const old = { values: this.values, stride: this.stride };
    this.stride = fieldCount;
    this.values = new Float64Array(this.capacity * this.stride);
    for (let i = 0; i < this.count; i++) this.values.set(old.values.subarray(i * old.stride, (i + 1) * old.stride), i * this.stride);
  }

  push(slot: number, chunk: ItemColumns, row: number, now: number): void {
    if (this.count === this.capacity) this.grow();
    if (this.count === 0) this.firstAt = now;
    const i = this.count++;
    this.slot[i] = slot;
    this.tsStart[i] = chunk.tsStart[row];
    this.tsEmit[i] = chunk.tsEmit[row];
    const fields = chunk.fields;
    const values = this.values;
    const base = i * this.stride;
    for (let f = 0; f < fields.length; f++) values[base + f] = fields[f][row];
  }

  /** Hands the collected items over as an event (its buffers to transfer) and starts a fresh buffer. */
  take(runId: number, backtestTime: number): { event: BatchEvent; transfer: ArrayBuffer[] } {
    const n = this.count;
    const full = n === this.capacity;
    const event: BatchEvent = {
      kind: 'batch',
      runId,
      count: n,
      stride: this.stride,
      slot: full ? this.slot : this.slot.slice(0, n),
      tsStart: full ? this.tsStart : this.tsStart.slice(0, n),
      tsEmit: full ? this.tsEmit : this.tsEmit.slice(0, n),
      values: full ? this.values : this.values.slice(0, n * this.stride),
      backtestTime,
    };
    if (full) this.allocate();
    this.count = 0;
    return { event, transfer: [event.slot, event.tsStart, event.tsEmit, event.values].map((a) => a.buffer as ArrayBuffer) };
  }

  /** Empties the buffer for a new run (its streams will widen it again). */
  clear(): void {
    this.count = 0;
    this.stride = 0;
  }

  private allocate(): void {
    this.slot = new Int32Array(this.capacity);
    this.tsStart = new Float64Array(this.capacity);
    this.tsEmit = new Float64Array(this.capacity);
    this.values = new Float64Array(this.capacity * this.stride);
  }

  private grow(): void {
    const old = { slot: this.slot, tsStart: this.tsStart, tsEmit: this.tsEmit, values: this.values };
    this.capacity *= 2;
    this.allocate();
    this.slot.set(old.slot);
    this.tsStart.set(old.tsStart);
    this.tsEmit.set(old.tsEmit);
    this.values.set(old.values);
  }
}
