// A data file's body that the page passed on as a stream (market-data-client.ts transfers it where
// the browser can): read whole in the data worker, off the page's main thread. Any thread with web
// streams (browsers, Node ≥ 18); data-worker.ts calls it before inflating and opening the file.

import { DataError } from './data-error';

/** A data file that could not be fetched or whose body broke off (the connection dropped), named by `label`. */
export const loadFailure = (label: string, error: unknown) => new DataError(`could not load ${label}: ${(error as Error).message}`);

/** All of `body`'s bytes; a body that breaks off is a loadFailure. */
export async function readBody(body: ReadableStream<Uint8Array>, label: string): Promise<ArrayBuffer> {
  try {
    return await new Response(body).arrayBuffer();
  } catch (error) {
    throw loadFailure(label, error);
  }
}
