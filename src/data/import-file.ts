// One entry point for an imported file: refuse it if too large, look at its first bytes, and
// read it as CSV or as SQLite (by its content, not its name). Runs in the import worker
// (import-worker.ts); the unit tests run it under Node with the same files.

import type { SqlJsStatic } from 'sql.js';
import { importCsv, notText, sniff, type CsvImportControl, type ImportOptions } from './csv-import';
import { DataError } from './data-error';
import { checkFileSize, type DayChunk, type ExistingData, type ImportReport } from './import-validator';
import { importSqlite } from './sqlite-import';

/** A file to import: a File in the browser, or bytes (Node has no FileReader for Papa Parse). */
export type ImportSource = { readonly name: string; readonly file: Blob } | { readonly name: string; readonly bytes: Uint8Array };

function sizeOf(source: ImportSource): number {
  return 'file' in source ? source.file.size : source.bytes.byteLength;
}

async function bytesOf(source: ImportSource, end = Infinity): Promise<Uint8Array> {
  if ('bytes' in source) return source.bytes.subarray(0, end);
  return new Uint8Array(await source.file.slice(0, end === Infinity ? undefined : end).arrayBuffer());
}

export async function inspectFile(
  sqlJs: () => Promise<SqlJsStatic>,
  source: ImportSource,
  options: ImportOptions,
  existing: ExistingData,
  control: CsvImportControl = {},
): Promise<{ report: ImportReport; chunks: DayChunk[] }> {
  checkFileSize(source.name, sizeOf(source));
  const kind = sniff(await bytesOf(source, 4096));
  if (kind === 'sqlite') return importSqlite(await sqlJs(), await bytesOf(source), source.name, existing, control, options.market);
  if (kind !== 'text') throw new DataError(notText(kind, source.name));
  const text = 'file' in source ? source.file : new TextDecoder().decode(source.bytes);
  return importCsv(text, source.name, options, existing, control);
}
