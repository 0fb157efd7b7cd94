import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inflateIfGzip, isGzip } from './gzip-file';

describe('inflateIfGzip', () => {
  const plain = new TextEncoder().encode('SQLite format 3\0 and then some pages');

  it('passes bytes that are not gzip through untouched', async () => {
    expect(isGzip(plain)).toBe(false);
    expect(await inflateIfGzip(plain, 'f')).toBe(plain);
  });

  it('inflates gzip to the same bytes', async () => {
    const packed = new Uint8Array(gzipSync(plain));
    expect(isGzip(packed)).toBe(true);
    expect(await inflateIfGzip(packed, 'f')).toEqual(plain);
  });

  it('reports a cut gzip stream as a damaged file', async () => {
    const cut = new Uint8Array(gzipSync(plain)).subarray(0, 12);
    await expect(inflateIfGzip(cut, 'data/bars.sqlite')).rejects.toThrow('data/bars.sqlite is a damaged gzip file');
  });
});
