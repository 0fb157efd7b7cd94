// The page's keys as a table: space play/pause, → step, +/− speed, Esc stop, ? help. Main
// thread; App.svelte hands each keydown to keyAction and the page controller performs the
// action. Plain TypeScript, so the table is tested under Node.

export type PageAction = 'stop' | 'playPause' | 'step' | 'faster' | 'slower' | 'help';

export interface KeyBinding {
  readonly action: PageAction;
  /** Also while typing in a field (Esc stops the replay from anywhere). */
  readonly whileTyping?: true;
  /** Not on a focused button: there space presses the button. */
  readonly notOnButton?: true;
  /** The browser's own use of the key (scrolling) is cancelled. */
  readonly preventDefault?: true;
}

export const KEY_BINDINGS: Readonly<Record<string, KeyBinding>> = {
  Escape: { action: 'stop', whileTyping: true },
  ' ': { action: 'playPause', notOnButton: true, preventDefault: true },
  ArrowRight: { action: 'step', preventDefault: true },
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
  /** Focus is in an input, select, textarea or editable element. */
  readonly typing: boolean;
  readonly onButton: boolean;
  /** A dialog is open: it handles its own keys (Esc closes it). */
  readonly dialogOpen: boolean;
}

export function keyBinding(press: KeyPress): KeyBinding | null {
  if (press.modified || press.dialogOpen) return null;
  const binding = KEY_BINDINGS[press.key];
  if (!binding) return null;
  if (press.typing && !binding.whileTyping) return null;
  if (press.onButton && binding.notOnButton) return null;
  return binding;
}

/** Reads a DOM keydown into a KeyPress (the one DOM-facing line of the table). */
export function keyPressOf(event: KeyboardEvent, dialogOpen: boolean): KeyPress {
  const target = event.target instanceof Element ? event.target : null;
  return {
    key: event.key,
    modified: event.ctrlKey || event.metaKey || event.altKey,
    typing: target?.closest('input, select, textarea, [contenteditable]') != null,
    onButton: target?.closest('button') != null,
    dialogOpen,
  };
}
