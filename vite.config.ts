// Vite: the app (index.html) — plus, in test mode, the browser test harness — with the
// headers that make the page cross-origin isolated in dev and preview. BRL_NO_ISOLATION=1 drops
// them, to serve the non-isolated page that runs on the fallback gate.
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';
import { appChunk } from './src/shipping/app-chunk.ts';
import { shipping } from './src/shipping/vite-plugin.ts';

const isolation = process.env.BRL_NO_ISOLATION
  ? {}
  : { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig(({ mode }) => ({
  base: './',
  // A multi-page app: a missing file is a 404, as on a static host, not index.html.
  appType: 'mpa',
  plugins: [svelte(), shipping()],
  worker: { format: 'es' },
  server: { headers: isolation },
  preview: { headers: isolation },
  optimizeDeps: { include: ['comlink', 'sql.js'] },
  build: {
    target: 'es2022',
    // `vite build --mode test` (npm test) adds the worker test harness page; a deploy has only the app.
    rollupOptions: {
      input: { main: 'index.html', ...(mode === 'test' ? { harness: 'tests/harness/index.html', fuzz: 'tests/harness/fuzz.html', bench: 'tests/bench/index.html' } : {}) } as Record<string, string>,
      // The app in one chunk, not a score of small ones (src/shipping/app-chunk.ts).
      output: { codeSplitting: { groups: [{ name: 'vite-helpers', test: /vite\/(preload-helper|modulepreload-polyfill)/, priority: 10 }, { name: appChunk() }] } },
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
  },
}));
