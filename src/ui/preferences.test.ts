import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** A page's storage, <html> and theme-color tags, enough for preferences.ts. */
function fakePage(stored: string | null, systemDark = false) {
  const items = new Map<string, string>(stored === null ? [] : [['bar-replay-lab:preferences', stored]]);
  const writes: string[] = [];
  const root = { dataset: {} as Record<string, string>, attributes: new Set<string>(), toggleAttribute(name: string, on: boolean) { if (on) this.attributes.add(name); else this.attributes.delete(name); } };
  vi.stubGlobal('localStorage', { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => { items.set(k, v); writes.push(v); } });
  vi.stubGlobal('matchMedia', () => ({ matches: systemDark }));
  vi.stubGlobal('document', { documentElement: root, querySelectorAll: () => [] });
  return { root, writes };
}

describe('preferences', () => {
  beforeEach(() => vi.resetModules());
  afterEach(() => vi.unstubAllGlobals());

  it("applies what was stored, and writes nothing until the person changes something", async () => {
    const page = fakePage(JSON.stringify({ theme: 'dark', projector: true }));
    const { applyPreferences, loadPreferences } = await import('./preferences');
    const loaded = loadPreferences();
    expect(loaded).toEqual({ theme: 'dark', projector: true });
    applyPreferences(loaded);
    expect(page.root.dataset.theme).toBe('dark');
    expect(page.root.attributes.has('data-projector')).toBe(true);
    expect(page.writes).toEqual([]);
    applyPreferences({ ...loaded, projector: false });
    expect(page.writes).toEqual([JSON.stringify({ theme: 'dark', projector: false })]);
  });

  it("follows the system's scheme, without storing it, while the person has chosen nothing", async () => {
    const page = fakePage(null, true);
    const { applyPreferences, loadPreferences } = await import('./preferences');
    applyPreferences(loadPreferences());
    expect(page.root.dataset.theme).toBe('dark');
    expect(page.writes).toEqual([]);
  });

  it('stores only the field the person changed: a Projector toggle does not pin the theme', async () => {
    const page = fakePage(null, true);
    const { applyPreferences, loadPreferences } = await import('./preferences');
    const loaded = loadPreferences();
    applyPreferences(loaded);
    applyPreferences({ ...loaded, projector: true });
    expect(page.writes).toEqual([JSON.stringify({ projector: true })]);
    applyPreferences({ theme: 'light', projector: true });
    expect(page.writes.at(-1)).toBe(JSON.stringify({ projector: true, theme: 'light' }));
  });
});
