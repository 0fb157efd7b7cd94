// The run export (design.md, "Stable hooks"): what was emitted, one CSV row per item in emission
// order. Pure TypeScript. UTF-8, no BOM, LF line ends, RFC 4180 quoting only where needed,
// numbers in JavaScript's shortest round-trip form so they parse back to the stored values.

export const RUN_EXPORT_HEADER = 'seq,stream_type,symbol,interval,ts_start,ts_emit,open,high,low,close,volume';

export interface ExportRow {
  readonly streamType: string;
  readonly symbol: string;
  readonly interval: string;
  readonly tsStart: number;
  readonly tsEmit: number;
  /** open, high, low, close, volume — in that order. */
  readonly values: ArrayLike<number>;
}

export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function formatExportRow(seq: number, row: ExportRow): string {
  const cells = [String(seq), csvField(row.streamType), csvField(row.symbol), csvField(row.interval), String(row.tsStart), String(row.tsEmit)];
  for (let i = 0; i < row.values.length; i++) cells.push(String(row.values[i]));
  return cells.join(',');
}

export function formatRunExport(rows: Iterable<ExportRow>): string {
  const lines = [RUN_EXPORT_HEADER];
  let seq = 0;
  for (const row of rows) lines.push(formatExportRow(++seq, row));
  return lines.join('\n') + '\n';
}
