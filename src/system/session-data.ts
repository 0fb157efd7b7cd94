// SessionData: the items each stream has *so far* — only what the coordinator has emitted, so a
// strategy (or a chart) can never see a bar before its end time. Main thread; the SystemManager
// appends each output batch. Columnar per stream, plus the emission order for the run export.

import { assert, ensureDefined } from '../core/assert';
import { BestQuoteBook, exchangeLetter } from '../core/best-quote';
import { InvariantChecker, type BarEndClock } from '../core/invariant-checker';
import { fieldsOf, MAX_FIELDS, QUOTE_TICK_FIELDS, type ItemColumns } from '../core/item-columns';
import { formatExportSource, type ExportSource } from '../core/run-export';
import { STREAM_TYPE_NAMES, StreamType, streamKeyId, type StreamKey } from '../core/stream-key';
import type { BatchEvent } from '../worker/coordinator-api';

/** Where a quote update's values sit in its row (QUOTE_TICK_FIELDS), for the best-quote book. */
const QUOTE_TICK = {
  bidPrice: QUOTE_TICK_FIELDS.indexOf('bid_price'),
  bidSize: QUOTE_TICK_FIELDS.indexOf('bid_size'),
  askPrice: QUOTE_TICK_FIELDS.indexOf('ask_price'),
  askSize: QUOTE_TICK_FIELDS.indexOf('ask_size'),
  exchange: QUOTE_TICK_FIELDS.indexOf('exchange'),
} as const;

/** `array`, or a copy with room for `size` values (doubling: a long run copies each value about twice). */
function withRoom<T extends Float64Array | Int32Array>(array: T, size: number): T {
  if (size <= array.length) return array;
  let length = array.length * 2;
  while (length < size) length *= 2;
  const grown = new (array.constructor as new (length: number) => T)(length);
  grown.set(array);
  return grown;
}

class GrowableFloat64 {
  data = new Float64Array(256);
  reserve(size: number): void {
    this.data = withRoom(this.data, size);
  }
}

export class StreamItems {
  count = 0;
  /** Quote-update streams: the best bid and offer across exchanges so far (best-quote.ts). */
  readonly book: BestQuoteBook | null;
  readonly tsStart = new GrowableFloat64();
  readonly tsEmit = new GrowableFloat64();
  readonly fields: GrowableFloat64[];

  constructor(
    readonly key: StreamKey,
    /** Items the stream will deliver in all (known once it was fed). */
    public expected: number,
  ) {
    this.fields = fieldsOf(key).map(() => new GrowableFloat64());
    this.book = key.type === StreamType.QUOTE && key.interval === 'tick' ? new BestQuoteBook() : null;
  }

  /** Field values of item `i`, in fieldsOf(key) order (BAR_FIELDS for bars). */
  values(i: number): number[] {
    return this.fields.map((f) => f.data[i]);
  }
}

export class SessionData {
  readonly streams: StreamItems[] = [];
  /** Watches every item that reaches SessionData (invariant-checker.ts). */
  readonly checker = new InvariantChecker();
  /** Stream index of each emitted item, in emission order. */
  private order = new Int32Array(1024);
  private emittedCount = 0;

  get emitted(): number {
    return this.emittedCount;
  }

  /**
   * Registers a stream; returns its index, which must equal the coordinator's slot. `trueEnd`
   * tells the checker when each of its bars really ends.
   */
  registerStream(key: StreamKey, trueEnd: BarEndClock | null = null): number {
    assert(!this.streams.some((s) => streamKeyId(s.key) === streamKeyId(key)), `${streamKeyId(key)} is registered twice`);
    this.streams.push(new StreamItems(key, 0));
    const name = key.type === StreamType.BAR ? `${key.symbol} ${key.interval}` : `${key.symbol} ${STREAM_TYPE_NAMES[key.type]} ${key.interval}`;
    this.checker.addStream(name, trueEnd, key.interval === 'tick');
    return this.streams.length - 1;
  }

  hasStream(key: StreamKey): boolean {
    return this.streams.some((s) => streamKeyId(s.key) === streamKeyId(key));
  }

  /**
   * Stream `slot` will deliver `count` items: room for all of them now, during setup, so the
   * replay itself allocates nothing (a burst of large allocations mid-replay brings on a
   * garbage collection the page can feel).
   */
  expect(slot: number, count: number): void {
    this.streams[slot].expected = count;
    this.reserve(slot, 0);
    this.order = withRoom(this.order, this.streams.reduce((sum, s) => sum + s.expected, 0));
  }

  /** Appends the items of an output batch, in emission order (the checker sees each). */
  append(batch: BatchEvent): void {
    // Room first, for every stream the batch names: then each item is plain array writes. A batch
    // holds thousands of items at full speed, and this runs on the page's main thread.
    const { count, slot: slots, tsStart, tsEmit, values, stride, backtestTime } = batch;
    const adding = new Int32Array(this.streams.length);
    for (let i = 0; i < count; i++) {
      const slot = slots[i];
      if (this.streams[slot] === undefined) assert(false, `batch names unknown stream ${slot}`);
      adding[slot]++;
    }
    adding.forEach((n, slot) => n > 0 && this.reserve(slot, n));
    this.order = withRoom(this.order, this.emittedCount + count);
    const checker = this.checker;
    for (let i = 0; i < count; i++) {
      const slot = slots[i];
      checker.emitted(slot, tsStart[i], tsEmit[i], backtestTime);
      this.write(slot, tsStart[i], tsEmit[i], values, i * stride);
    }
  }

  /**
   * The look-ahead flaw's add_bar loop: a whole fetch written into SessionData before the replay.
   * Only the teaching experiment calls it; the checker reports every bar it makes visible early.
   */
  preload(slot: number, columns: ItemColumns, backtestTime: number): void {
    const values = new Float64Array(MAX_FIELDS);
    this.reserve(slot, columns.tsStart.length);
    this.order = withRoom(this.order, this.emittedCount + columns.tsStart.length);
    for (let i = 0; i < columns.tsStart.length; i++) {
      this.checker.visibleAhead(slot, columns.tsStart[i], columns.tsEmit[i], backtestTime);
      columns.fields.forEach((f, k) => (values[k] = f[i]));
      this.write(slot, columns.tsStart[i], columns.tsEmit[i], values, 0);
    }
  }

  /** Room for `count` more items of stream `slot`, and at least for all it is expected to deliver (the emission order is reserved by the caller). */
  private reserve(slot: number, count: number): void {
    const s = this.streams[slot];
    const size = Math.max(s.count + count, s.expected);
    for (const column of [s.tsStart, s.tsEmit, ...s.fields]) column.reserve(size);
  }

  /** Appends one item (room reserved): its values start at `values[base]`, in fieldsOf order. */
  private write(slot: number, tsStart: number, tsEmit: number, values: Float64Array, base: number): void {
    const stream = this.streams[slot];
    const at = stream.count++;
    stream.tsStart.data[at] = tsStart;
    stream.tsEmit.data[at] = tsEmit;
    const fields = stream.fields;
    for (let f = 0; f < fields.length; f++) fields[f].data[at] = values[base + f];
    stream.book?.update(
      exchangeLetter(values[base + QUOTE_TICK.exchange]),
      values[base + QUOTE_TICK.bidPrice],
      values[base + QUOTE_TICK.bidSize],
      values[base + QUOTE_TICK.askPrice],
      values[base + QUOTE_TICK.askSize],
    );
    this.order[this.emittedCount++] = slot;
  }

  /**
   * A step back: keeps only the first `count` items emitted (the coordinator's 'rewound' event
   * names the count). Each stream loses its last items, the best-quote books are rebuilt from the
   * updates that remain, and the checker forgets the removed items, so the items' second arrival
   * leaves SessionData, the checker and the run export exactly as a run without the step back.
   * Returns the number of items removed per stream.
   */
  rewindTo(count: number): Int32Array {
    assert(count >= 0 && count <= this.emittedCount, `cannot step back to ${count} of ${this.emittedCount} items`);
    const removed = new Int32Array(this.streams.length);
    for (let i = count; i < this.emittedCount; i++) removed[this.order[i]]++;
    this.emittedCount = count;
    removed.forEach((n, slot) => {
      if (n === 0) return;
      const stream = this.streams[slot];
      stream.count -= n;
      this.checker.streamSteppedBack(slot, n, stream.count > 0 ? stream.tsStart.data[stream.count - 1] : -Infinity);
      if (stream.book) this.rebuildBook(stream);
    });
    const last = count > 0 ? this.order[count - 1] : -1;
    const lastStream = last >= 0 ? this.streams[last] : null;
    this.checker.timeSteppedBack(lastStream ? lastStream.tsEmit.data[lastStream.count - 1] : -Infinity, last);
    return removed;
  }

  private rebuildBook(stream: StreamItems): void {
    const book = ensureDefined(stream.book, 'a quote-update stream has a book');
    book.clear();
    const column = (name: keyof typeof QUOTE_TICK) => stream.fields[QUOTE_TICK[name]].data;
    for (let i = 0; i < stream.count; i++) {
      book.update(exchangeLetter(column('exchange')[i]), column('bidPrice')[i], column('bidSize')[i], column('askPrice')[i], column('askSize')[i]);
    }
  }

  reset(): void {
    this.streams.length = 0;
    this.emittedCount = 0;
    this.checker.reset();
  }

  /**
   * What the run export is made of so far, as views on SessionData's own arrays: valid until the
   * next batch (the order array is reused by the next run; copy what must outlive that).
   */
  exportSource(): ExportSource {
    return {
      streams: this.streams.map((s) => ({ key: s.key, tsStart: s.tsStart.data.subarray(0, s.count), tsEmit: s.tsEmit.data.subarray(0, s.count), fields: s.fields.map((f) => f.data.subarray(0, s.count)) })),
      order: this.order.subarray(0, this.emittedCount),
    };
  }

  /** The run export (design.md, "Stable hooks"): everything emitted so far. */
  exportCsv(): string {
    return formatExportSource(this.exportSource());
  }
}
