// sql.js started from the gzipped wasm the build ships beside the plain one (shipping/vite-plugin.ts
// writes `<wasm>.gz`: static hosts compress only text types, and the wasm is the largest file of a
// cold visit, 688 KB plain, 340 KB gzipped). Runs in the data and import workers, which call loadSqlJs().
// Where there is no .gz (the dev server) or it cannot be compiled, it falls back to the plain wasm.

import initSqlJs, { type SqlJsStatic } from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm.wasm?url';
import { isGzip } from './gzip-file';

/** The gzipped wasm's address: the plain one's plus `.gz` (what the build writes and precaches). */
export const gzippedWasmUrl = (plain: string) => `${plain}.gz`;

/**
 * `body` inflated when it is gzip. A server may already have decoded it (one that answers `.gz`
 * with Content-Encoding: gzip, as `vite preview` does), so the first bytes decide, as for the data.
 */
export async function inflatedStream(body: ReadableStream<Uint8Array>): Promise<ReadableStream<Uint8Array>> {
  const reader = body.getReader();
  // Enough bytes to tell gzip (its two-byte magic number), or the whole body if shorter.
  let head: Uint8Array = new Uint8Array(0);
  let done = false;
  while (head.byteLength < 2 && !done) {
    const next = await reader.read();
    done = next.done;
    if (next.value) head = head.byteLength === 0 ? next.value : concat(head, next.value);
  }
  const whole = new ReadableStream<Uint8Array>({
    start(controller) {
      if (head.byteLength > 0) controller.enqueue(head);
      if (done) controller.close();
    },
    async pull(controller) {
      const next = await reader.read();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return isGzip(head) ? whole.pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>) : whole;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a);
  out.set(b, a.byteLength);
  return out;
}

/** The wasm compiled while it streams in from the .gz; null when there is none or it fails. */
async function gzippedWasm(): Promise<WebAssembly.Module | null> {
  if (import.meta.env.DEV) return null;
  try {
    const response = await fetch(gzippedWasmUrl(wasmUrl));
    if (!response.ok || !response.body) return null;
    const wasm = new Response(await inflatedStream(response.body), { headers: { 'Content-Type': 'application/wasm' } });
    return await WebAssembly.compileStreaming(wasm);
  } catch {
    return null;
  }
}

export async function loadSqlJs(): Promise<SqlJsStatic> {
  const module = await gzippedWasm();
  if (!module) return initSqlJs({ locateFile: () => wasmUrl });
  return initSqlJs({
    // Emscripten's hook: sql.js hands over its imports and waits for the instance.
    instantiateWasm(imports, receiveInstance) {
      void WebAssembly.instantiate(module, imports).then((instance) => receiveInstance(instance));
      return {};
    },
  });
}
