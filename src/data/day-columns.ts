// Day chunks and how a query joins them: a stored day of one stream (DayColumns), the part of it
// a query keeps (DaySlice), and the one loop that copies slices into a stream's ItemColumns.
// Pure TypeScript; runs in the data worker (the repositories) and under Node in tests.

import { allocateColumns, type ItemColumns } from '../core/item-columns';
import type { Interval } from '../core/stream-key';
import type { ChunkKind } from '../core/import-types';

/** One stream's rows on one New York day: starts ascending, one array a value column (fieldsOf order). */
export interface DayColumns {
  readonly ts: Float64Array;
  readonly values: readonly Float64Array[];
}

/** A day chunk's key in memory (interchange files, imported datasets): `bar|SPY|1m|2013-10-07`. */
export function dayKey(kind: ChunkKind, symbol: string, interval: Interval, day: string): string {
  return `${kind}|${symbol}|${interval}|${day}`;
}

/** Emit times still to compute: start + step, cut at the session's close (ticks: step 0). */
export interface EmitRule {
  readonly step: number;
  readonly close: number;
}

/** Rows [begin, end) of a day's columns, with their emit times or the rule that makes them. */
export interface DaySlice extends DayColumns {
  readonly begin: number;
  readonly end: number;
  readonly emit: Float64Array | EmitRule;
}

/** All of some columns that already carry their emit times (aggregated bars, another query's answer). */
export function wholeColumns(columns: ItemColumns): DaySlice {
  return { ts: columns.tsStart, values: columns.fields, begin: 0, end: columns.tsStart.length, emit: columns.tsEmit };
}

/** The slices one after the other, in one allocation: the only copy a query makes. */
export function joinSlices(slices: readonly DaySlice[], fieldCount: number): ItemColumns {
  let total = 0;
  for (const slice of slices) total += slice.end - slice.begin;
  const out = allocateColumns(total, fieldCount);
  let at = 0;
  for (const { ts, values, begin, end, emit } of slices) {
    out.tsStart.set(ts.subarray(begin, end), at);
    for (let f = 0; f < fieldCount; f++) out.fields[f].set(values[f].subarray(begin, end), at);
    if (emit instanceof Float64Array) out.tsEmit.set(emit.subarray(begin, end), at);
    else {
      // emitTime() inlined for the hot path (a setup copies a million bars here).
      const { step, close } = emit;
      const tsEmit = out.tsEmit;
      for (let i = begin; i < end; i++) {
        const e = ts[i] + step;
        tsEmit[at + i - begin] = e < close ? e : close;
      }
    }
    at += end - begin;
  }
  return out;
}

/** Columns one after the other (a combined query's parts). */
export function concatColumns(parts: readonly ItemColumns[], fieldCount: number): ItemColumns {
  return joinSlices(parts.map(wholeColumns), fieldCount);
}
