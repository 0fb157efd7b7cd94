// The layer check on small made-up trees: one that keeps every rule, one that breaks each rule
// once, including the imports only a Svelte component's TypeScript shows (type-only ones).

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkLayers } from './layers';

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

/** A project folder holding `files` (path under the folder → text). */
function tree(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'layers-'));
  folders.push(folder);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  return folder;
}

/** Layers that point one way: core ← data ← worker ← system ← ui, and a protocol file on core. */
const GOOD = {
  'src/core/bar.ts': 'export interface Bar { close: number }\n',
  'src/worker/coordinator-api.ts': "import type { Bar } from '../core/bar';\nexport interface Api { feed(bars: Bar[]): void }\n",
  'src/data/store.ts': "import type { Bar } from '../core/bar';\nexport const bars: Bar[] = [];\n",
  'src/worker/engine.ts': "import { bars } from '../data/store';\nimport type { Api } from './coordinator-api';\nexport const api: Api = { feed: (b) => bars.push(...b) };\n",
  'src/system/manager.ts': "import { api } from '../worker/engine';\nexport const manager = { api };\n",
  'src/system/manager.test.ts': "import { engine } from '../testing/engine';\nexport const used = engine;\n",
  'src/testing/engine.ts': "import { manager } from '../system/manager';\nexport const engine = manager;\n",
  'src/ui/Chart.svelte': "<script lang=\"ts\">\n  import type { Bar } from '../core/bar';\n  import { manager } from '../system/manager';\n  let { bar }: { bar: Bar } = $props();\n</script>\n<p>{bar.close} {manager}</p>\n",
  'src/ui/App.svelte': "<script lang=\"ts\">\n  import Chart from './Chart.svelte';\n</script>\n<Chart bar={{ close: 1 }} />\n",
};

describe('checkLayers', () => {
  it('passes a tree whose layers point one way', async () => {
    const root = tree(GOOD);
    const { exitCode, report } = await checkLayers(root, join(root, 'copy'));
    expect(report).not.toMatch(/error/);
    expect(exitCode).toBe(0);
  }, 60_000);

  it('reports each rule broken, with the Svelte component that broke it', async () => {
    const root = tree({
      ...GOOD,
      'src/ui/helper.ts': 'export const helper = 1;\n',
      'src/core/bad-core.ts': "import { helper } from '../ui/helper';\nexport const x = helper;\n",
      'src/data/bad-data.ts': "import { api } from '../worker/engine';\nexport const x = api;\n",
      'src/worker/bad-worker.ts': "import { manager } from '../system/manager';\nexport const x = manager;\n",
      'src/system/bad-system.ts': "import { helper } from '../ui/helper';\nimport { engine } from '../testing/engine';\nexport const x = [helper, engine];\n",
      'src/worker/coordinator-api.ts': "import type { Bar } from '../core/bar';\nimport type { bars } from '../data/store';\nexport interface Api { feed(b: Bar[]): void; all: typeof bars }\n",
      // Type-only: Svelte's compiler drops this import, TypeScript keeps it.
      'src/ui/Panel.svelte': "<script lang=\"ts\">\n  import type { bars } from '../data/store';\n  let { list }: { list: typeof bars } = $props();\n</script>\n<p>{list.length}</p>\n",
      'src/ui/Runner.svelte': "<script lang=\"ts\">\n  import { api } from '../worker/engine';\n</script>\n<button onclick={() => api.feed([])}>run</button>\n",
      'src/core/a.ts': "import { b } from './b';\nexport const a = () => b();\n",
      'src/core/b.ts': "import { a } from './a';\nexport const b = () => a();\n",
      'src/core/c.ts': "import { gone } from './missing';\nexport const c = gone;\n",
    });
    const { exitCode, report } = await checkLayers(root, join(root, 'copy'));
    // A cycle is reported over several lines, one file a line: joined here.
    const lines = report.replace(/→\s*\n\s*/g, '→ ').split('\n');
    const errors = lines.filter((line) => line.includes('error ')).map((line) => line.trim()).sort();
    expect(errors).toEqual([
      'error core-imports-no-layer: src/core/bad-core.ts → src/ui/helper.ts',
      'error data-imports-only-core: src/data/bad-data.ts → src/worker/engine.ts',
      'error no-circular: src/core/a.ts → src/core/b.ts → src/core/a.ts',
      'error not-to-unresolvable: src/core/c.ts → ./missing',
      'error protocol-imports-only-core: src/worker/coordinator-api.ts → src/data/store.ts',
      'error system-not-to-ui: src/system/bad-system.ts → src/ui/helper.ts',
      'error testing-only-from-tests: src/system/bad-system.ts → src/testing/engine.ts',
      'error ui-not-to-data-or-worker: src/ui/Panel.svelte → src/data/store.ts',
      'error ui-not-to-data-or-worker: src/ui/Runner.svelte → src/worker/engine.ts',
      'error worker-not-to-system-or-ui: src/worker/bad-worker.ts → src/system/manager.ts',
    ]);
    expect(exitCode).toBe(errors.length);
  }, 60_000);
});
