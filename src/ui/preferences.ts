// Display preferences (theme, projector mode): kept in localStorage and applied as attributes
// on <html>, where the CSS variables of app.css pick them up. Main thread.

export type Theme = 'light' | 'dark';

export interface Preferences {
  theme: Theme;
  projector: boolean;
}

const KEY = 'bar-replay-lab:preferences';

/** The browser's chrome colour for each theme: app.css's --bg (index.html starts from the system's scheme). */
export const THEME_COLOR: Record<Theme, string> = { light: '#f4f6f9', dark: '#0f141b' };

export function loadPreferences(): Preferences {
  const dark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
  const fallback: Preferences = { theme: dark ? 'dark' : 'light', projector: false };
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<Preferences> | null;
    return {
      theme: stored?.theme === 'dark' || stored?.theme === 'light' ? stored.theme : fallback.theme,
      projector: typeof stored?.projector === 'boolean' ? stored.projector : fallback.projector,
    };
  } catch {
    return fallback; // storage may be blocked (private windows): preferences simply do not persist
  }
}

export function applyPreferences(preferences: Preferences): void {
  document.documentElement.dataset.theme = preferences.theme;
  document.documentElement.toggleAttribute('data-projector', preferences.projector);
  // The app's own Dark toggle wins over the system's scheme: every theme-color tag follows it.
  for (const meta of document.querySelectorAll('meta[name="theme-color"]')) meta.setAttribute('content', THEME_COLOR[preferences.theme]);
  try {
    localStorage.setItem(KEY, JSON.stringify(preferences));
  } catch {
    // not persisted; the page still applies them
  }
}
