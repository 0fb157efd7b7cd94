// How the app's code is split into chunks (Node, inside `vite build`; vite.config.ts uses it):
// every module start.ts reaches through static imports, and the small entry main.ts does not,
// goes into the one `start` chunk. Without
// this the bundler cuts the modules it shares with the lazily loaded views (LabView, DataPanel, the
// dialogs) into a score of small chunks, each a request of its own on a cold visit's slow link.

import type { Rolldown } from 'vite';

type ModuleInfo = Pick<Rolldown.ModuleInfo, 'importedIds'>;

/** The modules `root` reaches through static imports (itself included). */
export function staticClosure(root: string, info: (id: string) => ModuleInfo | null): Set<string> {
  const seen = new Set<string>();
  const stack = [root];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const next of info(id)?.importedIds ?? []) stack.push(next);
  }
  return seen;
}

/**
 * A codeSplitting group's name function: `start` for start.ts's static closure less main.ts's, the
 * bundler's choice otherwise. (Vite's preload helper, which main.ts needs too, has a group of its
 * own in vite.config.ts: ahead of this one, or main.ts would import and run the whole app chunk.)
 */
export function appChunk(): (id: string, context: { getModuleInfo(id: string): ModuleInfo | null }) => string | null {
  let closure: Set<string> | null = null;
  return (id, context) => {
    if (!closure) {
      const info = (m: string) => context.getModuleInfo(m);
      const entry = staticClosure(new URL('../ui/main.ts', import.meta.url).pathname, info);
      closure = new Set([...staticClosure(new URL('../ui/start.ts', import.meta.url).pathname, info)].filter((m) => !entry.has(m)));
    }
    return closure.has(id) ? 'start' : null;
  };
}
