// Which built files a first replay needs, as a table (Node, inside `vite build`; called by
// vite-plugin.ts). They decide two things: the preload hints in index.html (fetched in parallel
// with the bundle, not after it) and the service worker's first cache (its install waits for
// these only; the rest is cached once the page runs).

import { DEFERRED_HINTS_ID } from '../core/deferred-hints.ts';

/** Files a cold visit's first replay fetches after the bundle, in the order they are hinted. */
export const FIRST_REPLAY_FETCHES: readonly { readonly pattern: RegExp; readonly why: string }[] = [
  { pattern: /^assets\/data-worker-[^/]+\.js$/, why: 'the data worker opens the bundled data' },
  { pattern: /^assets\/coordinator-worker-[^/]+\.js$/, why: 'the coordinator runs the replay' },
  { pattern: /^assets\/sql-wasm-[^/]+\.wasm\.gz$/, why: 'sql.js, gzipped (sql-wasm.ts)' },
  { pattern: /^data\/bars-replay\.sqlite\.gz$/, why: 'the bundled bars' },
];

/** Further files the first replay reads (found by the page itself early enough, so not hinted). */
const FIRST_REPLAY_ALSO: readonly RegExp[] = [/^data\/configs\/index\.json$/, /^assets\/inter-latin-wght-[^/]+\.woff2$/, /^icons\/favicon-48\.png$/];

export function isFirstReplayFile(name: string): boolean {
  return FIRST_REPLAY_FETCHES.some((f) => f.pattern.test(name)) || FIRST_REPLAY_ALSO.some((p) => p.test(name));
}

/**
 * The font of the frame's text (Latin Inter), fetched with the stylesheets: text first drawn in a
 * fallback font and redrawn in Inter changes size, and the app's copy of the frame's largest text
 * would then count as a later, larger paint (Largest Contentful Paint).
 */
const FRAME_FONT = /^assets\/inter-latin-wght-normal-[^/]+\.woff2$/;

/**
 * For index.html's head: `styles` as stylesheets (the frame index.html draws needs them), then, in
 * an inert <template> that the page releases once its frame is on screen (ui/first-paint.ts),
 * `modules` (the app's that Vite does not link itself: those of the chunk main.ts imports
 * dynamically) and the first replay's fetches in FIRST_REPLAY_FETCHES order. Hinted before the
 * first paint, they share a slow link with the frame's own files and delay it (README, "Lighthouse").
 */
export function preloadHints(bundled: readonly string[], modules: readonly string[] = [], styles: readonly string[] = []): string {
  // Data and wasm go to the page's fetch and a worker's fetch (credentials same-origin, cors),
  // which `as="fetch" crossorigin` matches; a worker script is reused from the HTTP cache.
  // The wasm's .gz is written in the same step as this page (vite-plugin.ts); the data is a public file.
  const names = [...new Set([...bundled.map((n) => (n.endsWith('.wasm') ? `${n}.gz` : n)), 'data/bars-replay.sqlite.gz'])];
  const fetches = FIRST_REPLAY_FETCHES.flatMap(({ pattern }) => names.filter((n) => pattern.test(n)).slice(0, 1));
  const deferred = [
    ...modules.map((name) => `    <link rel="modulepreload" crossorigin href="./${name}">\n`),
    ...fetches.map((name) => `    <link rel="preload" as="fetch" crossorigin href="./${name}">\n`),
  ];
  const fonts = bundled.filter((n) => FRAME_FONT.test(n)).slice(0, 1);
  return [
    ...styles.map((name) => `  <link rel="stylesheet" crossorigin href="./${name}">\n  `),
    ...fonts.map((name) => `  <link rel="preload" as="font" type="font/woff2" crossorigin href="./${name}">\n  `),
    `  <template id="${DEFERRED_HINTS_ID}">\n${deferred.join('')}    </template>\n  `,
  ].join('');
}

/**
 * The precache in two parts: `core`, what the first replay needs (cached before the worker takes
 * control, so that the reload for isolation finds it), and `rest`. `entry` holds the main chunk
 * with its static imports and stylesheets; `install` the web app manifest and its icons.
 */
export function splitPrecache(precache: readonly string[], entry: ReadonlySet<string>, install: readonly string[]): { core: string[]; rest: string[] } {
  const core = precache.filter((name) => name === './' || entry.has(name) || install.includes(name) || isFirstReplayFile(name));
  return { core, rest: precache.filter((name) => !core.includes(name)) };
}
