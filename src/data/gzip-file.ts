// A file's bytes, inflated when they are gzip (the bundled data ships gzipped: static hosts
// compress only text types). Any thread with DecompressionStream (browsers, Node ≥ 18): the data
// worker before sql.js opens a file, the in-process data source in Node tests.

import { DataError } from './data-error';

/** gzip's magic number: the first two bytes of every gzip member. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.byteLength >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** `bytes` as they are, or inflated when they are gzip; a broken gzip stream is a DataError. */
export async function inflateIfGzip(bytes: Uint8Array, label: string): Promise<Uint8Array> {
  if (!isGzip(bytes)) return bytes;
  try {
    const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (error) {
    throw new DataError(`${label} is a damaged gzip file: ${(error as Error).message}`);
  }
}
