// SessionData: the items each stream has *so far* — only what the coordinator has emitted, so a
// strategy (or a chart) can never see a bar before its end time. Main thread; the SystemManager
// appends each output batch. Columnar per stream, plus the emission order for the run export.

import { assert } from '../core/assert';
import { BestQuoteBook, exchangeLetter } from '../core/best-quote';
import { InvariantChecker } from '../core/invariant-checker';
import { fieldsOf, type ItemColumns } from '../core/item-columns';
import { formatRunExport, type ExportRow } from '../core/run-export';
import { STREAM_TYPE_NAMES, StreamType, streamKeyId, type StreamKey } from '../core/stream-key';
import { BATCH_STRIDE, type BatchEvent } from '../worker/coordinator-api';

class GrowableFloat64 {
  data = new Float64Array(256);
  push(value: number, at: number): void {
    if (at === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[at] = value;
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

  /** Field values of item `i` (open, high, low, close, volume for bars). */
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
  registerStream(key: StreamKey, trueEnd: ((tsStart: number) => number) | null = null): number {
    assert(!this.streams.some((s) => streamKeyId(s.key) === streamKeyId(key)), `${streamKeyId(key)} is registered twice`);
    this.streams.push(new StreamItems(key, 0));
    const name = key.type === StreamType.BAR ? `${key.symbol} ${key.interval}` : `${key.symbol} ${STREAM_TYPE_NAMES[key.type]} ${key.interval}`;
    this.checker.addStream(name, trueEnd, key.interval === 'tick');
    return this.streams.length - 1;
  }

  hasStream(key: StreamKey): boolean {
    return this.streams.some((s) => streamKeyId(s.key) === streamKeyId(key));
  }

  /** Appends the items of an output batch, in emission order (the checker sees each). */
  append(batch: BatchEvent): void {
    for (let i = 0; i < batch.count; i++) {
      const slot = batch.slot[i];
      assert(this.streams[slot] !== undefined, `batch names unknown stream ${slot}`);
      this.checker.emitted(slot, batch.tsStart[i], batch.tsEmit[i], batch.backtestTime);
      this.store(slot, batch.tsStart[i], batch.tsEmit[i], batch.values, i * BATCH_STRIDE);
    }
  }

  /**
   * The look-ahead flaw's add_bar loop: a whole fetch written into SessionData before the replay.
   * Only the teaching experiment calls it; the checker reports every bar it makes visible early.
   */
  preload(slot: number, columns: ItemColumns, backtestTime: number): void {
    const values = new Float64Array(BATCH_STRIDE);
    for (let i = 0; i < columns.tsStart.length; i++) {
      this.checker.visibleAhead(slot, columns.tsStart[i], columns.tsEmit[i], backtestTime);
      columns.fields.forEach((f, k) => (values[k] = f[i]));
      this.store(slot, columns.tsStart[i], columns.tsEmit[i], values, 0);
    }
  }

  private store(slot: number, tsStart: number, tsEmit: number, values: Float64Array, offset: number): void {
    const stream = this.streams[slot];
    const at = stream.count++;
    stream.tsStart.push(tsStart, at);
    stream.tsEmit.push(tsEmit, at);
    for (let f = 0; f < stream.fields.length; f++) stream.fields[f].push(values[offset + f], at);
    // bid_price, bid_size, ask_price, ask_size, exchange (QUOTE_TICK_FIELDS)
    stream.book?.update(exchangeLetter(values[offset + 4]), values[offset], values[offset + 1], values[offset + 2], values[offset + 3]);
    if (this.emittedCount === this.order.length) {
      const grown = new Int32Array(this.order.length * 2);
      grown.set(this.order);
      this.order = grown;
    }
    this.order[this.emittedCount++] = slot;
  }

  reset(): void {
    this.streams.length = 0;
    this.emittedCount = 0;
    this.checker.reset();
  }

  *rows(): Generator<ExportRow> {
    const cursor = new Int32Array(this.streams.length);
    for (let n = 0; n < this.emittedCount; n++) {
      const slot = this.order[n];
      const stream = this.streams[slot];
      const i = cursor[slot]++;
      yield { streamType: STREAM_TYPE_NAMES[stream.key.type], symbol: stream.key.symbol, interval: stream.key.interval, tsStart: stream.tsStart.data[i], tsEmit: stream.tsEmit.data[i], ...exportValues(stream.key, stream.values(i)) };
    }
  }

  /** The run export (design.md, "Stable hooks"): everything emitted so far. */
  exportCsv(): string {
    return formatRunExport(this.rows(), this.streams.some((s) => s.key.type === StreamType.QUOTE));
  }
}

/** Where each kind of stream's values go in the export's columns (design.md, "Run export"). */
function exportValues(key: StreamKey, v: number[]): { values: number[]; quote?: number[] } {
  if (key.type === StreamType.BAR) return { values: v };
  if (key.type === StreamType.TICK) return { values: [v[0], v[0], v[0], v[0], v[1]] }; // a trade: price four times, size as volume
  if (key.interval !== 'tick') return { values: [], quote: v }; // a quote bar: the ten bid/ask columns
  return { values: [], quote: [v[0], v[0], v[0], v[0], v[1], v[2], v[2], v[2], v[2], v[3]] }; // a quote update
}
