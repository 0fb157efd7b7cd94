// The coordinator's output buffer: emitted items collected columnar and posted as one
// transferred batch, never one message per item (a message costs ~0.06 ms: that would cap the
// page near 16k items/s). Worker thread.

import type { ItemColumns } from '../core/item-columns';
import { BATCH_STRIDE, type BatchEvent } from './coordinator-api';

export class OutputBatch {
  private capacity: number;
  private slot!: Int32Array;
  private tsStart!: Float64Array;
  private tsEmit!: Float64Array;
  private values!: Float64Array;
  count = 0;
  /** Wall time of the oldest unposted item, to bound how long an item waits in here. */
  firstAt = 0;

  constructor(initialCapacity = 1024) {
    this.capacity = initialCapacity;
    this.allocate();
  }

  push(slot: number, chunk: ItemColumns, row: number, now: number): void {
    if (this.count === this.capacity) this.grow();
    if (this.count === 0) this.firstAt = now;
    const i = this.count++;
    this.slot[i] = slot;
    this.tsStart[i] = chunk.tsStart[row];
    this.tsEmit[i] = chunk.tsEmit[row];
    const fields = chunk.fields;
    const base = i * BATCH_STRIDE;
    for (let f = 0; f < fields.length; f++) this.values[base + f] = fields[f][row];
  }

  /** Hands the collected items over as an event and starts a fresh buffer. */
  take(runId: number, backtestTime: number): { event: BatchEvent; transfer: ArrayBuffer[] } {
    const n = this.count;
    const event: BatchEvent = {
      kind: 'batch',
      runId,
      count: n,
      slot: this.slot.slice(0, n),
      tsStart: this.tsStart.slice(0, n),
      tsEmit: this.tsEmit.slice(0, n),
      values: this.values.slice(0, n * BATCH_STRIDE),
      backtestTime,
    };
    this.count = 0;
    return { event, transfer: [event.slot, event.tsStart, event.tsEmit, event.values].map((a) => a.buffer as ArrayBuffer) };
  }

  clear(): void {
    this.count = 0;
  }

  private allocate(): void {
    this.slot = new Int32Array(this.capacity);
    this.tsStart = new Float64Array(this.capacity);
    this.tsEmit = new Float64Array(this.capacity);
    this.values = new Float64Array(this.capacity * BATCH_STRIDE);
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
