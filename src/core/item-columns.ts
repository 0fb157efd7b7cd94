// Columnar items: a stream's items as parallel typed arrays, never one object per bar. This is
// the shape that crosses every thread boundary (transferred, not copied) and that the queues,
// the output batches and SessionData store. Pure TypeScript.

import { StreamType, type StreamKey } from './stream-key';

/** Value columns of each kind of stream. A missing value (one side of a quote update) is NaN. */
export const BAR_FIELDS = ['open', 'high', 'low', 'close', 'volume'] as const;
export const QUOTE_BAR_FIELDS = ['bid_open', 'bid_high', 'bid_low', 'bid_close', 'bid_size', 'ask_open', 'ask_high', 'ask_low', 'ask_close', 'ask_size'] as const;
export const QUOTE_TICK_FIELDS = ['bid_price', 'bid_size', 'ask_price', 'ask_size', 'exchange'] as const;
export const TRADE_TICK_FIELDS = ['price', 'size', 'exchange'] as const;

/** The value columns of a stream: bars, quote bars (1m bid/ask), quote updates or trade prints. */
export function fieldsOf(key: StreamKey): readonly string[] {
  if (key.type === StreamType.BAR) return BAR_FIELDS;
  if (key.type === StreamType.QUOTE) return key.interval === 'tick' ? QUOTE_TICK_FIELDS : QUOTE_BAR_FIELDS;
  return TRADE_TICK_FIELDS;
}

/** The widest stream's field count: the stride of an output batch. */
export const MAX_FIELDS = QUOTE_BAR_FIELDS.length;

export interface ItemColumns {
  /** Item start (a bar's start, a tick's time), epoch ms UTC. */
  readonly tsStart: Float64Array;
  /** When the item is emitted (design.md's emit-time rule), epoch ms UTC. */
  readonly tsEmit: Float64Array;
  /** One array per name in fieldsOf(key), all as long as tsStart. */
  readonly fields: readonly Float64Array[];
}

export function columnsLength(columns: ItemColumns): number {
  return columns.tsStart.length;
}

export function allocateColumns(length: number, fieldCount: number): ItemColumns {
  return {
    tsStart: new Float64Array(length),
    tsEmit: new Float64Array(length),
    fields: Array.from({ length: fieldCount }, () => new Float64Array(length)),
  };
}

/** The buffers to hand to `postMessage`'s transfer list. */
export function columnBuffers(columns: ItemColumns): ArrayBuffer[] {
  return [columns.tsStart, columns.tsEmit, ...columns.fields].map((a) => a.buffer as ArrayBuffer);
}

/**
 * Checks that a stream's items are in order: start and emit time never decrease, within
 * `columns` and after `after` (the last emit time already fed). Returns the first bad row or -1.
 */
export function firstOutOfOrderRow(columns: ItemColumns, afterStart: number, afterEmit: number): number {
  let lastStart = afterStart;
  let lastEmit = afterEmit;
  const { tsStart, tsEmit } = columns;
  for (let i = 0; i < tsStart.length; i++) {
    if (tsStart[i] < lastStart || tsEmit[i] < lastEmit || tsEmit[i] < tsStart[i]) return i;
    lastStart = tsStart[i];
    lastEmit = tsEmit[i];
  }
  return -1;
}
