// Build step for shipping (runs under Node inside `vite build`): writes dist/sw.js from
// service-worker.js with the deploy's VERSION and the files to cache for offline use (what a
// first replay needs, then the rest), writes the sql.js wasm gzipped beside the plain one, and
// puts in the built index.html the content security policy as a <meta> fallback and preload
// hints for what the first replay fetches after the bundle (workers, wasm, data), so they load
// in parallel with it. See cold-start.ts for which files those are.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin, Rolldown } from 'vite';
import { preloadHints, splitPrecache } from './cold-start.ts';

const TEMPLATE = new URL('./service-worker.js', import.meta.url);
/** Chrome 136+: compile every function of this file eagerly, off the main thread (v8.dev/blog/explicit-compile-hints). */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/** The CSP source of each inline script (a <script> with no src) in `html`: 'sha256-…' of its text. */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`);
}

/** `policy` (directives joined by "; ") with `sources` added to its script-src. */
export function allowScripts(policy: string, sources: readonly string[]): string {
  if (sources.length === 0) return policy;
  return policy.split('; ').map((directive) => (directive.startsWith('script-src ') ? `${directive} ${sources.join(' ')}` : directive)).join('; ');
}

function publicFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path).split('\\').join('/'));
    }
  };
  walk(dir);
  return out;
}

/** The web app manifest (public/manifest.webmanifest) and the icons it lists, as precache paths. */
export function installFiles(publicDir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(publicDir, 'manifest.webmanifest'), 'utf8')) as { icons?: { src: string }[] };
  return ['manifest.webmanifest', ...(manifest.icons ?? []).map((icon) => icon.src)];
}

/**
 * The entry chunk `main` with every chunk and stylesheet it imports statically: what the page runs
 * before any click; with the charts' chunks unless `withCharts` is false (what the page load itself runs).
 */
function firstReplayChunks(bundle: Rolldown.OutputBundle, withCharts = true): Set<string> {
  const out = new Set<string>();
  const visit = (name: string) => {
    const chunk = bundle[name];
    if (out.has(name) || chunk?.type !== 'chunk') return;
    out.add(name);
    for (const css of chunk.viteMetadata?.importedCss ?? []) out.add(css);
    chunk.imports.forEach(visit);
  };
  // main.ts, and start.ts, which main.ts imports as soon as isolation is settled; the charts
  // (CandleChart.svelte with lightweight-charts), which the first replay imports when it has bars.
  const first = (output: Rolldown.OutputChunk) =>
    (output.isEntry && output.name === 'main') || output.name === 'start' || (withCharts && /\/src\/ui\/CandleChart\.svelte$/.test(output.facadeModuleId ?? ''));
  for (const [name, output] of Object.entries(bundle)) if (output.type === 'chunk' && first(output)) visit(name);
  return out;
}

/** The chunks that get COMPILE_HINT: the page load's (main.ts, start.ts and what they import), not the charts'. */
export function compileHinted(bundle: Rolldown.OutputBundle): Rolldown.OutputChunk[] {
  return [...firstReplayChunks(bundle, false)].map((name) => bundle[name]).filter((output): output is Rolldown.OutputChunk => output?.type === 'chunk');
}

export function shipping(): Plugin {
  let publicDir = '';
  /** index.html's inline scripts as the source file has them: both policies allow these. */
  let inlineHashes: string[] = [];
  return {
    name: 'bar-replay-lab:shipping',
    apply: 'build',
    configResolved(config) {
      publicDir = config.publicDir;
      inlineHashes = inlineScriptHashes(readFileSync(join(config.root, 'index.html'), 'utf8'));
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        if (!context.filename.endsWith('/index.html') || context.filename.includes('/tests/')) return html;
        const template = readFileSync(TEMPLATE, 'utf8');
        const policy = /CONTENT_SECURITY_POLICY = \[([\s\S]*?)\]/.exec(template)?.[1];
        if (policy === undefined) throw new Error('service-worker.js has no CONTENT_SECURITY_POLICY = [...] to read the policy from');
        // frame-ancestors is ignored in <meta>; the service worker sends it as a header.
        // index.html's own inline script (the stored preferences before the first paint), by its
        // hash; the worker's header policy hashes the source file (generateBundle runs before this
        // hook), so both must see the same script.
        if (inlineScriptHashes(html).join() !== inlineHashes.join()) {
          throw new Error("index.html's inline script changed in the build: the service worker's policy would refuse it");
        }
        const meta = allowScripts([...policy.matchAll(/"([^"]+)"/g)].map((m) => m[1]).filter((d) => !d.startsWith('frame-ancestors')).join('; '), inlineHashes);
        const bundle = context.bundle;
        const unhinted = bundle ? [...firstReplayChunks(bundle)].filter((name) => !html.includes(name)) : [];
        // The app's chunks before the charts' (which the first replay imports last).
        const modules = unhinted.filter((n) => n.endsWith('.js')).sort((a, b) => Number(a.includes('/CandleChart-')) - Number(b.includes('/CandleChart-')));
        const hints = bundle ? preloadHints(Object.keys(bundle), modules, unhinted.filter((n) => n.endsWith('.css'))) : '';
        return html
          .replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${meta}" />`)
          .replace('</head>', `${hints}</head>`);
      },
    },
    generateBundle(_, bundle) {
      // V8's explicit compile hint: the chunks the page load runs are compiled whole on a
      // background thread as they stream in, instead of function by function on the main thread
      // when first called (150–250 ms of a phone's first tasks here). The charts' chunk, run
      // with the first replay, stays lazy. A comment: other engines, and older Chromes, ignore it.
      for (const output of compileHinted(bundle)) output.code = `${COMPILE_HINT}\n${output.code}`;
      // The wasm gzipped (sql-wasm.ts fetches `<wasm>.gz`); only that one is precached.
      const gzipped: string[] = [];
      for (const [name, output] of Object.entries(bundle)) {
        if (!name.endsWith('.wasm') || output.type !== 'asset') continue;
        this.emitFile({ type: 'asset', fileName: `${name}.gz`, source: gzipSync(output.source, { level: 9 }) });
        gzipped.push(`${name}.gz`);
      }
      // The test harness page is not part of the app: nothing of it is cached.
      const built = Object.keys(bundle).filter((name) => !name.startsWith('tests/') && !/^assets\/(harness|bench|fuzz)/.test(name) && !name.endsWith('.wasm'));
      const files = [...new Set([...built, ...gzipped, ...publicFiles(publicDir)])].filter((name) => name !== 'sw.js').sort();
      const hash = createHash('sha256');
      for (const name of files) {
        hash.update(name);
        const output = bundle[name];
        if (output) hash.update(output.type === 'chunk' ? output.code : output.source);
        else if (name.endsWith('.wasm.gz')) hash.update(name); // named by the plain wasm's content hash
        else hash.update(readFileSync(join(publicDir, name)));
      }
      const version = hash.digest('hex').slice(0, 16);
      // data/bars.sqlite (both layouts, 6.5 MB) is only the Download link's: the page reads the
      // columnar tables from bars-replay.sqlite.gz, so the cache holds that and not the big file twice.
      const precache = ['./', ...files.filter((name) => name !== 'index.html' && name !== 'data/bars.sqlite' && !name.endsWith('.map'))];
      const { core, rest } = splitPrecache(precache, firstReplayChunks(bundle), installFiles(publicDir));
      // The installed app opens offline: its manifest and every icon it lists must be cached too.
      for (const name of installFiles(publicDir)) {
        if (!precache.includes(name)) throw new Error(`${name} (the web app manifest or one of its icons) is not in the service worker's precache`);
      }
      const template = readFileSync(TEMPLATE, 'utf8');
      const scriptSrc = `"script-src 'self' 'wasm-unsafe-eval'"`;
      if (!template.includes(scriptSrc)) throw new Error(`service-worker.js's policy has no ${scriptSrc} to add index.html's inline script to`);
      const source = template
        .replace("'__VERSION__'", JSON.stringify(version))
        .replace('__CORE__', JSON.stringify(core))
        .replace('__REST__', JSON.stringify(rest))
        .replace('export const CONTENT_SECURITY_POLICY', 'const CONTENT_SECURITY_POLICY')
        // The header's policy allows index.html's inline script too (Vite leaves a classic inline script as it is).
        .replace(scriptSrc, JSON.stringify(allowScripts(JSON.parse(scriptSrc) as string, inlineHashes)));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}
