// Display preferences (theme, projector mode): kept in localStorage and applied as attributes
// on <html>, where the CSS variables of app.css pick them up. Main thread.

export type Theme = 'light' | 'dark';

export interface Preferences {
  theme: Theme;
  projector: boolean;
}

const KEY = 'bar-replay-lab:preferences';
/**
 * What storage holds — only what the person chose — and the preferences last read or applied.
 * The page writes a field when the person changes it, and only that field: writing them all as
 * the page mounts would cost a phone a storage round trip in its first tasks, and storing the
 * system's colour scheme as if chosen (with a Projector toggle, say) would stop the page following it.
 */
let chosen: Partial<Preferences> = {};
let applied: Preferences | undefined;

/** The browser's chrome colour for each theme: app.css's --bg (index.html starts from the system's scheme). */
export const THEME_COLOR: Record<Theme, string> = { light: '#f4f6f9', dark: '#0f141b' };

export function loadPreferences(): Preferences {
  const dark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
  const fallback: Preferences = { theme: dark ? 'dark' : 'light', projector: false };
  chosen = {};
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<Preferences> | null;
    if (stored?.theme === 'dark' || stored?.theme === 'light') chosen.theme = stored.theme;
    if (typeof stored?.projector === 'boolean') chosen.projector = stored.projector;
  } catch {
    // storage may be blocked (private windows): preferences simply do not persist
  }
  applied = { ...fallback, ...chosen };
  return applied;
}

export function applyPreferences(preferences: Preferences): void {
  document.documentElement.dataset.theme = preferences.theme;
  document.documentElement.toggleAttribute('data-projector', preferences.projector);
  applyThemeColor(preferences.theme);
  const before = applied;
  applied = { ...preferences };
  // Nothing read before (no loadPreferences): every field counts as chosen.
  const changed = (['theme', 'projector'] as const).filter((field) => before === undefined || preferences[field] !== before[field]);
  if (changed.length === 0) return;
  chosen = { ...chosen, ...Object.fromEntries(changed.map((field) => [field, preferences[field]])) };
  try {
    localStorage.setItem(KEY, JSON.stringify(chosen));
  } catch {
    // not persisted; the page still applies them
  }
}

/**
 * The browser's chrome follows the app's own Dark toggle, not only the system's scheme: index.html's
 * theme-color tags (one a scheme) keep their own colours while the app shows the system's theme, and
 * all take the app's colour when the person chose the other one.
 */
function applyThemeColor(theme: Theme): void {
  const system: Theme = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  for (const meta of document.querySelectorAll<HTMLMetaElement>('meta[name="theme-color"]')) {
    meta.dataset.own ??= meta.content;
    meta.content = theme === system ? meta.dataset.own : THEME_COLOR[theme];
  }
}
