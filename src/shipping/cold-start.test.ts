import { describe, expect, it } from 'vitest';
import { DEFERRED_HINTS_ID } from '../core/deferred-hints';
import { isFirstReplayFile, preloadHints, splitPrecache } from './cold-start';

const BUNDLE = ['assets/main-a.js', 'assets/start-b.js', 'assets/lab-c.js', 'assets/data-worker-d.js', 'assets/coordinator-worker-e.js', 'assets/import-worker-f.js', 'assets/sql-wasm-g.wasm'];

describe('cold start', () => {
  it('links the stylesheet at once, and hints the app chunk, the workers, the gzipped wasm and the data, each once, in a template the page releases after its first paint', () => {
    const html = preloadHints(BUNDLE, ['assets/start-b.js'], ['assets/start-b.css']);
    const links = [...html.matchAll(/<link rel="([^"]+)"[^>]*href="\.\/([^"]+)"/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(links).toEqual([
      'stylesheet assets/start-b.css',
      'modulepreload assets/start-b.js',
      'preload assets/data-worker-d.js',
      'preload assets/coordinator-worker-e.js',
      'preload assets/sql-wasm-g.wasm.gz',
      'preload data/bars-replay.sqlite.gz',
    ]);
    // Fetch preloads carry crossorigin, so the page's and the workers' fetch() reuse them.
    expect(html.match(/as="fetch" crossorigin/g)).toHaveLength(4);
    // Only the stylesheet is outside the template: the frame index.html draws needs it, nothing else.
    const template = new RegExp(`<template id="${DEFERRED_HINTS_ID}">([\\s\\S]*)</template>`).exec(html);
    expect(template?.[1].match(/<link /g)).toHaveLength(5);
    expect(html.replace(template?.[0] ?? '', '')).not.toMatch(/preload/);
  });

  it('puts what a first replay needs in the core precache and everything else in the rest, nothing in both', () => {
    const precache = ['./', ...BUNDLE.filter((n) => !n.endsWith('.wasm')), 'assets/sql-wasm-g.wasm.gz', 'assets/lab-c.css', 'data/bars-replay.sqlite.gz', 'data/configs/index.json', 'data/configs/week.json', 'manifest.webmanifest', 'icons/icon-192.png', 'assets/inter-latin-wght-normal-x.woff2', 'assets/inter-greek-wght-normal-y.woff2'];
    const { core, rest } = splitPrecache(precache, new Set(['assets/main-a.js', 'assets/start-b.js']), ['manifest.webmanifest', 'icons/icon-192.png']);
    expect(rest).toEqual(['assets/lab-c.js', 'assets/import-worker-f.js', 'assets/lab-c.css', 'data/configs/week.json', 'assets/inter-greek-wght-normal-y.woff2']);
    expect([...core, ...rest].sort()).toEqual([...precache].sort());
    expect(core).toContain('assets/sql-wasm-g.wasm.gz');
    expect(isFirstReplayFile('assets/sql-wasm-g.wasm')).toBe(false); // only the gzipped wasm is cached
  });
});
