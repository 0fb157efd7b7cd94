import type { Rolldown } from 'vite';
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { allowScripts, compileHinted, inlineScriptHashes } from './vite-plugin';

/** A built bundle's chunks as the plugin reads them: name, entry or not, module, static imports. */
function chunk(fileName: string, imports: string[], extra: Partial<Rolldown.OutputChunk> = {}): Rolldown.OutputChunk {
  return { type: 'chunk', fileName, name: fileName.replace(/^assets\/|-[\w]+\.js$/g, ''), isEntry: false, imports, code: '', facadeModuleId: null, ...extra } as unknown as Rolldown.OutputChunk;
}

describe('compileHinted: the chunks V8 compiles eagerly', () => {
  const bundle = Object.fromEntries(
    [
      chunk('assets/main-a.js', ['assets/vite-helpers-b.js'], { isEntry: true }),
      chunk('assets/vite-helpers-b.js', []),
      chunk('assets/start-c.js', ['assets/start-d.js', 'assets/vite-helpers-b.js']),
      chunk('assets/start-d.js', ['assets/shared-e.js']),
      chunk('assets/shared-e.js', []),
      chunk('assets/CandleChart-f.js', ['assets/shared-e.js', 'assets/lightweight-g.js'], { facadeModuleId: '/app/src/ui/CandleChart.svelte' }),
      chunk('assets/lightweight-g.js', []),
      chunk('assets/LabView-h.js', ['assets/shared-e.js']),
    ].map((c) => [c.fileName, c]),
  ) as unknown as Rolldown.OutputBundle;

  it("takes the page load's chunks (main.ts, start.ts and their imports), not the charts' nor a lazily opened view's", () => {
    expect(compileHinted(bundle).map((c) => c.fileName).sort()).toEqual(['assets/main-a.js', 'assets/shared-e.js', 'assets/start-c.js', 'assets/start-d.js', 'assets/vite-helpers-b.js']);
  });
});

describe("the content security policy allows index.html's inline script by its hash, and nothing else", () => {
  const html = '<head><script>const a = 1;</script><script type="module" src="./main.ts"></script></head><body><script>\n  b()\n</script></body>';
  const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

  it('hashes each inline script as the browser does (its text exactly), never a script loaded from a file', () => {
    expect(inlineScriptHashes(html)).toEqual([sha('const a = 1;'), sha('\n  b()\n')]);
  });

  it('adds them to script-src alone', () => {
    const policy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
    expect(allowScripts(policy, ["'sha256-x'"])).toBe("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-x'; style-src 'self'");
    expect(allowScripts(policy, [])).toBe(policy);
  });
});
