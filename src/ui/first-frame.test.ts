// index.html's frame: what it draws before the app's scripts run (read from the file itself).
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const html = readFileSync(new URL('../../index.html', import.meta.url), 'utf8');
const inlineScript = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';

/** A page's <html>, storage and colour scheme, enough for the inline script and preferences.ts. */
function fakePage(stored: string | null | 'blocked', systemDark: boolean) {
  const attributes = new Map<string, string>();
  const root = {
    dataset: new Proxy({} as Record<string, string>, { set: (_, key, value) => (attributes.set(`data-${String(key)}`, value), true) }),
    setAttribute: (name: string, value: string) => void attributes.set(name, value),
    toggleAttribute: (name: string, on: boolean) => void (on ? attributes.set(name, '') : attributes.delete(name)),
  };
  const localStorage = {
    getItem: () => {
      if (stored === 'blocked') throw new Error('storage is blocked');
      return stored;
    },
    setItem: () => {},
  };
  const matchMedia = () => ({ matches: systemDark });
  return { attributes, root, localStorage, matchMedia, document: { documentElement: root, querySelectorAll: () => [] } };
}

describe("index.html's first frame", () => {
  beforeEach(() => vi.resetModules());
  afterEach(() => vi.unstubAllGlobals());

  it("lays out the replay panel's kinds of field before the first paint, unseen", () => {
    const frame = /<div class="first-uses" aria-hidden="true" inert>([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
    expect(frame).toMatch(/<input type="date"/);
    expect(frame).toMatch(/<input type="time"/);
    expect(frame).toMatch(/<input type="text"/);
    expect(frame).toMatch(/<select/);
    const css = readFileSync(new URL('./app.css', import.meta.url), 'utf8');
    expect(css).toMatch(/\.first-uses \{[^}]*visibility: hidden/);
  });

  const cases: [string | null | 'blocked', boolean][] = [
    [null, false], [null, true],
    ['{"theme":"dark","projector":true}', false], ['{"theme":"light","projector":false}', true],
    ['{"theme":"light"}', true], ['{"projector":true}', true],
    ['{"theme":"blue","projector":"yes"}', false], ['not json', true], ['5', false], ['blocked', true],
  ];
  it.each(cases)('puts on <html> what preferences.ts applies (stored %s, system dark %s)', async (stored, systemDark) => {
    const before = fakePage(stored, systemDark);
    new Function('document', 'localStorage', 'matchMedia', inlineScript)(before.document, before.localStorage, before.matchMedia);

    const after = fakePage(stored, systemDark);
    vi.stubGlobal('localStorage', after.localStorage);
    vi.stubGlobal('matchMedia', after.matchMedia);
    vi.stubGlobal('document', after.document);
    const { applyPreferences, loadPreferences } = await import('./preferences');
    applyPreferences(loadPreferences());

    expect(Object.fromEntries(before.attributes)).toEqual(Object.fromEntries(after.attributes));
  });
});
