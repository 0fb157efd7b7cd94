// The layer check (`npm run layers`, part of `npm test`): dependency-cruiser with the rules in
// .dependency-cruiser.cjs over src/, failing on any violation. Node, from the command line;
// layers.test.ts runs checkLayers on small trees with known violations.
//
// Why over a copy of src/: dependency-cruiser reads a .svelte file by compiling it with Svelte 5,
// which drops type-only imports, so `import type { CatalogEntry } from '../data/…'` in a component
// would pass unseen. In the copy each X.svelte is X.svelte.ts holding its <script> blocks, which
// TypeScript parses with every import kept (`./X.svelte` still resolves: `.ts` is tried after it).
// Reports name the .svelte files again.

import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A component's <script> blocks (instance and module), as one TypeScript module. */
function svelteScripts(source: string): string {
  return [...source.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]).join('\n');
}

/** `from`/src copied to `to`/src, each .svelte file replaced by its scripts as .svelte.ts. */
function copySources(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  cpSync(join(from, 'src'), join(to, 'src'), { recursive: true, filter: (path) => !path.endsWith('.svelte') });
  for (const file of readdirSync(join(from, 'src'), { recursive: true, encoding: 'utf8' })) {
    if (file.endsWith('.svelte')) writeFileSync(join(to, 'src', `${file}.ts`), svelteScripts(readFileSync(join(from, 'src', file), 'utf8')));
  }
}

/**
 * Cruises `root`/src with the project's rules; `copy` is a scratch folder for the copy of src/.
 * `exitCode` is the number of violations; `report` lists each as "error rule: from → to".
 */
export async function checkLayers(root: string, copy: string): Promise<{ exitCode: number; report: string }> {
  copySources(root, copy);
  const options = await extractDepcruiseOptions(join(ROOT, '.dependency-cruiser.cjs'));
  const result = await cruise(['src'], { ...options, baseDir: copy, outputType: 'err' }, {}, { tsConfig: extractTSConfig(join(ROOT, 'tsconfig.json')) });
  return { exitCode: result.exitCode, report: String(result.output).replace(/\.svelte\.ts\b/g, '.svelte') };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { exitCode, report } = await checkLayers(ROOT, join(ROOT, 'node_modules', '.cache', 'layers'));
  process.stdout.write(report.trim() === '' ? 'layers: no dependency violations\n' : report);
  process.exitCode = exitCode;
}
