// The run export (design.md, "Stable hooks"): what was emitted, one CSV row per item in emission
// order. Pure TypeScript. UTF-8, no BOM, LF line ends, RFC 4180 quoting only where needed,
// numbers in JavaScript's shortest round-trip form so they parse back to the stored values.
// Runs with quote streams append the quote columns (never anything before them).

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
