// The page's keys as a table: space play/pause, → step, . step a bar, , step back, +/− speed, Esc stop, ? help. Main
// thread; App.svelte hands each keydown to keyBinding and the page controller performs the
// action. Plain TypeScript, so the table is tested under Node. A key typed into a field is the
// field's, always: Esc in the Go-to time must not stop the replay.

export type PageAction = 'stop' | 'playPause' | 'step' | 'stepBar' | 'stepBack' | 'faster' | 'slower' | 'help';

export interface KeyBinding {
  readonly action: PageAction;
  /** Not on a focused button: there space presses the button. */
  readonly notOnButton?: true;
  /** Not on the view tabs: there the arrow keys move between tabs. */
  readonly notOnTabs?: true;
  /** The browser's own use of the key (scrolling) is cancelled. */
  readonly preventDefault?: true;
}

export const KEY_BINDINGS: Readonly<Record<string, KeyBinding>> = {
  Escape: { action: 'stop' },
  ' ': { action: 'playPause', notOnButton: true, preventDefault: true },
  ArrowRight: { action: 'step', notOnTabs: true, preventDefault: true },
  '.': { action: 'stepBar' },
  ',': { action: 'stepBack' },
  // Both characters of the key, shifted or not.
  '+': { action: 'faster' },
  '=': { action: 'faster' },
  '-': { action: 'slower' },
  _: { action: 'slower' },
  '?': { action: 'help' },
};

/** A keydown, as far as the table needs it. */
export interface KeyPress {
  readonly key: string;
  /** Ctrl, Meta or Alt held: a browser or system shortcut, not ours. */
  readonly modified: boolean;
  /** Focus is in an input, select, textarea or editable element: every key is the field's. */
  readonly typing: boolean;
  readonly onButton: boolean;
  /** Focus is on a tab of a tablist. */
  readonly onTabs: boolean;
  /** A dialog is open: it handles its own keys (Esc closes it). */
  readonly dialogOpen: boolean;
}

export function keyBinding(press: KeyPress): KeyBinding | null {
  if (press.modified || press.dialogOpen || press.typing) return null;
  const binding = KEY_BINDINGS[press.key];
  if (!binding) return null;
  if (press.onButton && binding.notOnButton) return null;
  if (press.onTabs && binding.notOnTabs) return null;
  return binding;
}

/** Where focus is, as far as the table needs it: an Element has all of this. */
interface FocusTarget {
  closest(selectors: string): unknown;
  readonly isContentEditable?: boolean;
}

/** The fields whose keys are their own (a range slider's arrows, a select's letters, a time's Esc). */
export const FIELD_SELECTOR = 'input, select, textarea';

/** Reads a DOM keydown into a KeyPress (the one DOM-facing part of the table). */
export function keyPressOf(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target'>, dialogOpen: boolean): KeyPress {
  const candidate = event.target as Partial<FocusTarget> | null;
  // Duck-typed rather than `instanceof Element`, so the reading is tested under Node too.
  const target = typeof candidate?.closest === 'function' ? (candidate as FocusTarget) : null;
  const inside = (selectors: string) => target?.closest(selectors) != null;
  return {
    key: event.key,
    modified: event.ctrlKey || event.metaKey || event.altKey,
    typing: inside(FIELD_SELECTOR) || target?.isContentEditable === true,
    onButton: inside('button'),
    onTabs: inside('[role="tablist"]'),
    dialogOpen,
  };
}
