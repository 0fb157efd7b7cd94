// Columnar items: a stream's items as parallel typed arrays, never one object per bar. This is
// the shape that crosses every thread boundary (transferred, not copied) and that the queues,
// the output batches and SessionData store. Pure TypeScript.

import { StreamType } from './stream-key';

/** Value columns per stream type, in export order (quotes and ticks get theirs later). */
export const FIELDS: Record<StreamType, readonly string[]> = {
  [StreamType.BAR]: ['open', 'high', 'low', 'close', 'volume'],
  [StreamType.QUOTE]: [],
  [StreamType.TICK]: [],
};

export interface ItemColumns {
  /** Item start (a bar's start, a tick's time), epoch ms UTC. */
  readonly tsStart: Float64Array;
  /** When the item is emitted (design.md's emit-time rule), epoch ms UTC. */
  readonly tsEmit: Float64Array;
  /** One array per name in FIELDS[type], all as long as tsStart. */
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
