// Display preferences (theme, projector mode): kept in localStorage and applied as attributes
// on <html>, where the CSS variables of app.css pick them up. Main thread.

export type Theme = 'light' | 'dark';

export interface Preferences {
  theme: Theme;
  projector: boolean;
}

const KEY = 'bar-replay-lab:preferences';
/**
 * The preferences as last read or written: the page writes only what the person changed. Writing
 * them as the page mounts would cost a phone a storage round trip in its first tasks, and would
 * store the system's colour scheme as if it had been chosen (the page would stop following it).
 */
let saved: string | undefined;

/** The browser's chrome colour for each theme: app.css's --bg (index.html starts from the system's scheme). */
export const THEME_COLOR: Record<Theme, string> = { light: '#f4f6f9', dark: '#0f141b' };

export function loadPreferences(): Preferences {
  const dark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
  const fallback: Preferences = { theme: dark ? 'dark' : 'light', projector: false };
  let preferences = fallback;
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<Preferences> | null;
    preferences = {
      theme: stored?.theme === 'dark' || stored?.theme === 'light' ? stored.theme : fallback.theme,
      projector: typeof stored?.projector === 'boolean' ? stored.projector : fallback.projector,
    };
  } catch {
    // storage may be blocked (private windows): preferences simply do not persist
  }
  saved = JSON.stringify(preferences);
  return preferences;
}

export function applyPreferences(preferences: Preferences): void {
  document.documentElement.dataset.theme = preferences.theme;
  document.documentElement.toggleAttribute('data-projector', preferences.projector);
  applyThemeColor(preferences.theme);
  const text = JSON.stringify(preferences);
  if (text === saved) return;
  saved = text;
  try {
    localStorage.setItem(KEY, text);
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
