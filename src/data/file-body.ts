// A data file's body that the page passed on as a stream (market-data-client.ts transfers it where
// the browser can): read whole in the data worker, off the page's main thread. Any thread with web
// streams (browsers, Node ≥ 18); data-worker.ts calls it before inflating and opening the file.

import { DataError } from './data-error';

/** All of `body`'s bytes; a body that breaks off (the connection dropped) is a DataError naming `label`. */
export async function readBody(body: ReadableStream<Uint8Array>, label: string): Promise<ArrayBuffer> {
  try {
    return await new Response(body).arrayBuffer();
  } catch (error) {
    throw new DataError(`could not load ${label}: ${(error as Error).message}`);
  }
}
