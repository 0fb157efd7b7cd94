// Display preferences (theme, projector mode): kept in localStorage and applied as attributes
// on <html>, where the CSS variables of app.css pick them up. Main thread.

export type Theme = 'light' | 'dark';

export interface Preferences {
  theme: Theme;
  projector: boolean;
}

const KEY = 'bar-replay-lab:preferences';

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
  try {
    localStorage.setItem(KEY, JSON.stringify(preferences));
  } catch {
    // not persisted; the page still applies them
  }
}
