// The run export (design.md, "Stable hooks"): what was emitted, one CSV row per item in emission
// order. Pure TypeScript. UTF-8, no BOM, LF line ends, RFC 4180 quoting only where needed,
// numbers in JavaScript's shortest round-trip form so they parse back to the stored values.
// Runs with quote streams append the quote columns (never anything before them).

import { STREAM_TYPE_NAMES, StreamType, type StreamKey } from './stream-key';

export const RUN_EXPORT_HEADER = 'seq,stream_type,symbol,interval,ts_start,ts_emit,open,high,low,close,volume';
export const QUOTE_COLUMNS = 'bid_open,bid_high,bid_low,bid_close,bid_size,ask_open,ask_high,ask_low,ask_close,ask_size';

export interface ExportRow {
  readonly streamType: string;
  readonly symbol: string;
  readonly interval: string;
  readonly tsStart: number;
  readonly tsEmit: number;
  /** open, high, low, close, volume (trade ticks: the price four times and the size); empty for quotes. */
  readonly values: ArrayLike<number>;
  /** The ten quote columns, for quote streams. */
  readonly quote?: ArrayLike<number>;
}

export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A missing value (NaN: one side of a quote update) is an empty field. */
const number = (x: number) => (Number.isNaN(x) ? '' : String(x));

export function formatExportRow(seq: number, row: ExportRow, withQuotes = false): string {
  const cells = [String(seq), csvField(row.streamType), csvField(row.symbol), csvField(row.interval), String(row.tsStart), String(row.tsEmit)];
  for (let i = 0; i < 5; i++) cells.push(i < row.values.length ? number(row.values[i]) : '');
  if (withQuotes) for (let i = 0; i < 10; i++) cells.push(row.quote ? number(row.quote[i]) : '');
  return cells.join(',');
}

export function formatRunExport(rows: Iterable<ExportRow>, withQuotes = false): string {
  const lines = [withQuotes ? `${RUN_EXPORT_HEADER},${QUOTE_COLUMNS}` : RUN_EXPORT_HEADER];
  let seq = 0;
  for (const row of rows) lines.push(formatExportRow(++seq, row, withQuotes));
  return lines.join('\n') + '\n';
}

/**
 * Everything a run export is made of, as plain columns: each stream's key and items so far, and
 * the stream of each item in emission order. SessionData hands it out (as views, or as copies
 * that can be transferred to a worker, which formats and hashes a large export off the page).
 */
export interface ExportSource {
  readonly streams: readonly { readonly key: StreamKey; readonly tsStart: Float64Array; readonly tsEmit: Float64Array; readonly fields: readonly Float64Array[] }[];
  readonly order: Int32Array;
}

/** The export's rows in emission order. */
export function* exportRows(source: ExportSource): Generator<ExportRow> {
  const cursor = new Int32Array(source.streams.length);
  for (let n = 0; n < source.order.length; n++) {
    const stream = source.streams[source.order[n]];
    const i = cursor[source.order[n]]++;
    const v = stream.fields.map((f) => f[i]);
    yield { streamType: STREAM_TYPE_NAMES[stream.key.type], symbol: stream.key.symbol, interval: stream.key.interval, tsStart: stream.tsStart[i], tsEmit: stream.tsEmit[i], ...exportValues(stream.key, v) };
  }
}

/** The whole run export of `source` (quote columns when any stream is a quote stream). */
export function formatExportSource(source: ExportSource): string {
  return formatRunExport(exportRows(source), source.streams.some((s) => s.key.type === StreamType.QUOTE));
}

/** Where each kind of stream's values go in the export's columns (design.md, "Run export"). */
function exportValues(key: StreamKey, v: number[]): { values: number[]; quote?: number[] } {
  if (key.type === StreamType.BAR) return { values: v };
  if (key.type === StreamType.TICK) return { values: [v[0], v[0], v[0], v[0], v[1]] }; // a trade: price four times, size as volume
  if (key.interval !== 'tick') return { values: [], quote: v }; // a quote bar: the ten bid/ask columns
  return { values: [], quote: [v[0], v[0], v[0], v[0], v[1], v[2], v[2], v[2], v[2], v[3]] }; // a quote update
}

/** SHA-256 of the export's UTF-8 bytes, in hex: what `sha256sum` prints for the downloaded file. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
