import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inflatedStream } from './sql-wasm';

const streamOf = (bytes: Uint8Array, chunk = 3) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (let at = 0; at < bytes.byteLength; at += chunk) controller.enqueue(bytes.subarray(at, at + chunk));
      controller.close();
    },
  });
const read = async (stream: ReadableStream<Uint8Array>) => new Uint8Array(await new Response(stream).arrayBuffer());

describe('the gzipped wasm stream', () => {
  const wasm = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...Array.from({ length: 500 }, (_, i) => i % 251)]);

  it('inflates a gzip body, whatever its chunks', async () => {
    expect(await read(await inflatedStream(streamOf(gzipSync(wasm), 1)))).toEqual(wasm);
    expect(await read(await inflatedStream(streamOf(gzipSync(wasm), 64)))).toEqual(wasm);
  });

  it('passes through a body the server already decoded', async () => {
    expect(await read(await inflatedStream(streamOf(wasm)))).toEqual(wasm);
  });
});
