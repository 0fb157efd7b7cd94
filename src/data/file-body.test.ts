import { describe, expect, it } from 'vitest';
import { DataError } from './data-error';
import { readBody } from './file-body';

describe('readBody', () => {
  it('reads every chunk of a body, in order', async () => {
    const chunks = [new Uint8Array([1, 2]), new Uint8Array([3]), new Uint8Array([4, 5, 6])];
    const body = new ReadableStream<Uint8Array>({ start(c) { for (const chunk of chunks) c.enqueue(chunk); c.close(); } });
    expect([...new Uint8Array(await readBody(body, 'the data'))]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('names the file when its body breaks off', async () => {
    const body = new ReadableStream<Uint8Array>({ start(c) { c.enqueue(new Uint8Array([1])); c.error(new Error('network error')); } });
    const failure = readBody(body, 'the bundled data');
    await expect(failure).rejects.toBeInstanceOf(DataError);
    await expect(failure).rejects.toThrow('could not load the bundled data: network error');
  });
});
