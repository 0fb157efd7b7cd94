// A static server that behaves like a school's link to GitHub Pages, for the bench's coldload
// figure (Node, started by scripts/bench.ts through coldload.ts). One shared link of LINK_BPS,
// REQUEST_DELAY_MS before each answer, `Cache-Control: max-age=600` with an ETag (a matching
// If-None-Match gets 304, no body), gzip for text types only, COOP/COEP only when asked.
// It counts the body bytes it sends and every full (200) answer, by path.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

export const LINK_BPS = 10e6;
export const REQUEST_DELAY_MS = 40;
const CHUNK = 16 * 1024;

const TYPES: Record<string, { type: string; text: boolean }> = {
  '.html': { type: 'text/html; charset=utf-8', text: true },
  '.js': { type: 'text/javascript; charset=utf-8', text: true },
  '.css': { type: 'text/css; charset=utf-8', text: true },
  '.json': { type: 'application/json; charset=utf-8', text: true },
  '.svg': { type: 'image/svg+xml', text: true },
  '.webmanifest': { type: 'application/manifest+json', text: true },
  '.wasm': { type: 'application/wasm', text: false },
  '.woff2': { type: 'font/woff2', text: false },
  '.png': { type: 'image/png', text: false },
  '.gz': { type: 'application/gzip', text: false },
};

export interface Served {
  /** Milliseconds since the server's clock started (see `reset`). */
  readonly at: number;
  readonly path: string;
  readonly status: number;
  /** Bytes of body put on the link (after gzip). */
  readonly bytes: number;
}

export class ThrottledServer {
  readonly log: Served[] = [];
  private linkFreeAt = 0;
  private sent = 0;
  private started = performance.now();
  private server: Server | null = null;

  constructor(
    private readonly root: string,
    private readonly isolationHeaders: boolean,
  ) {}

  /** Forgets what was served: the next visit is counted from zero. */
  reset(): void {
    this.log.length = 0;
    this.sent = 0;
    this.started = performance.now();
  }

  /** Body bytes put on the link so far (answers still under way included). */
  bytesSent(): number {
    return this.sent;
  }

  /** Paths whose full body (a 200) went out more than once. */
  sentTwice(): string[] {
    const counts = new Map<string, number>();
    for (const s of this.log) if (s.status === 200) counts.set(s.path, (counts.get(s.path) ?? 0) + 1);
    return [...counts].filter(([, n]) => n > 1).map(([path, n]) => `${path} ×${n}`);
  }

  listen(port: number): Promise<void> {
    this.server = createServer((request, response) => {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
      setTimeout(() => void this.answer(path, request.headers, response), REQUEST_DELAY_MS);
    });
    return new Promise((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async answer(path: string, headers: NodeJS.Dict<string | string[]>, response: import('node:http').ServerResponse) {
    let file = normalize(join(this.root, path));
    if (!file.startsWith(this.root)) return this.finish(path, response, 403, {}, Buffer.from('forbidden'));
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return this.finish(path, response, 404, { 'Content-Type': 'text/html' }, Buffer.from('<h1>404</h1>'));
    const raw = readFileSync(file);
    const kind = TYPES[extname(file)] ?? { type: 'application/octet-stream', text: false };
    const etag = `"${createHash('sha1').update(raw).digest('hex').slice(0, 16)}"`;
    const head: Record<string, string> = { 'Content-Type': kind.type, 'Cache-Control': 'max-age=600', ETag: etag, Vary: 'Accept-Encoding' };
    if (this.isolationHeaders) Object.assign(head, { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' });
    if (headers['if-none-match'] === etag) return this.finish(path, response, 304, head, Buffer.alloc(0));
    const gzip = kind.text && String(headers['accept-encoding'] ?? '').includes('gzip');
    const body = gzip ? gzipSync(raw, { level: 6 }) : raw;
    if (gzip) head['Content-Encoding'] = 'gzip';
    return this.finish(path, response, 200, head, body);
  }

  /** Sends `body` over the shared link: each chunk waits its turn at LINK_BPS. */
  private async finish(path: string, response: import('node:http').ServerResponse, status: number, head: Record<string, string>, body: Buffer) {
    response.writeHead(status, { ...head, 'Content-Length': String(body.byteLength) });
    for (let at = 0; at < body.byteLength; at += CHUNK) {
      const chunk = body.subarray(at, at + CHUNK);
      const now = performance.now();
      this.linkFreeAt = Math.max(now, this.linkFreeAt) + (chunk.byteLength * 8 * 1000) / LINK_BPS;
      await new Promise((resolve) => setTimeout(resolve, this.linkFreeAt - now));
      if (response.destroyed) break;
      response.write(chunk);
      this.sent += chunk.byteLength;
    }
    response.end();
    this.log.push({ at: performance.now() - this.started, path, status, bytes: body.byteLength });
  }
}
