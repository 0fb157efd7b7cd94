// sql.js started from the gzipped wasm the build ships beside the plain one (shipping/vite-plugin.ts
// writes `<wasm>.gz`: static hosts compress only text types, and the wasm is the largest file of a
// cold visit, 688 KB plain, 340 KB gzipped). Runs in the data and import workers, which call loadSqlJs().
// Where no .gz exists (the dev server) it falls back to the plain wasm.

import initSqlJs, { type SqlJsStatic } from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm.wasm?url';

/** The gzipped wasm's address: the plain one's plus `.gz` (what the build writes and precaches). */
export const gzippedWasmUrl = (plain: string) => `${plain}.gz`;

/** The wasm inflated as it arrives, as a response WebAssembly can compile while it streams; null when there is none. */
async function gzippedWasm(): Promise<Response | null> {
  if (import.meta.env.DEV) return null;
  const response = await fetch(gzippedWasmUrl(wasmUrl)).catch(() => null);
  if (!response?.ok || !response.body) return null;
  return new Response(response.body.pipeThrough(new DecompressionStream('gzip')), { headers: { 'Content-Type': 'application/wasm' } });
}

export async function loadSqlJs(): Promise<SqlJsStatic> {
  const wasm = await gzippedWasm();
  if (!wasm) return initSqlJs({ locateFile: () => wasmUrl });
  return initSqlJs({
    // Emscripten's hook: sql.js hands over its imports and waits for the instance.
    instantiateWasm(imports, receiveInstance) {
      void WebAssembly.instantiateStreaming(wasm, imports).then(({ instance }) => receiveInstance(instance));
      return {};
    },
  });
}
