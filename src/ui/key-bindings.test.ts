import { describe, expect, it } from 'vitest';
import { FIELD_SELECTOR, keyBinding, keyPressOf, type KeyPress, type PageAction } from './key-bindings';

const plain: KeyPress = { key: '', modified: false, typing: false, onButton: false, onTabs: false, dialogOpen: false };
const press = (key: string, where: Partial<KeyPress> = {}) => keyBinding({ ...plain, key, ...where })?.action ?? null;

describe('key bindings', () => {
  const rows: [string, PageAction][] = [
    ['Escape', 'stop'],
    [' ', 'playPause'],
    ['ArrowRight', 'step'],
    ['.', 'stepBar'],
    [',', 'stepBack'],
    ['+', 'faster'],
    ['=', 'faster'],
    ['-', 'slower'],
    ['_', 'slower'],
    ['?', 'help'],
  ];
  for (const [key, action] of rows) {
    it(`${JSON.stringify(key)} → ${action}`, () => expect(press(key)).toBe(action));
    it(`${JSON.stringify(key)} does nothing with Ctrl, Meta or Alt, or under a dialog`, () => {
      expect(press(key, { modified: true })).toBeNull();
      expect(press(key, { dialogOpen: true })).toBeNull();
    });
  }

  it('no key drives the replay while typing in a field, Esc included (it is the field\'s)', () => {
    for (const [key] of rows) expect(press(key, { typing: true }), key).toBeNull();
  });

  it('on the view tabs → moves between tabs, not the replay; the rest still work', () => {
    expect(press('ArrowRight', { onTabs: true })).toBeNull();
    expect(press('Escape', { onTabs: true })).toBe('stop');
    expect(press('+', { onTabs: true })).toBe('faster');
  });

  it('space on a focused button presses the button, not play', () => {
    expect(press(' ', { onButton: true })).toBeNull();
    expect(press('ArrowRight', { onButton: true })).toBe('step');
  });

  it('space and → keep the page from scrolling; the others leave the key alone', () => {
    expect(keyBinding({ ...plain, key: ' ' })?.preventDefault).toBe(true);
    expect(keyBinding({ ...plain, key: 'ArrowRight' })?.preventDefault).toBe(true);
    expect(keyBinding({ ...plain, key: '+' })?.preventDefault).toBeUndefined();
  });

  it('other keys do nothing', () => {
    expect(press('a')).toBeNull();
    expect(press('ArrowLeft')).toBeNull();
  });
});

describe('reading a keydown', () => {
  /** A stand-in element: `closest` matches when one of the selectors names one of its ancestors' tags or roles. */
  const element = (ancestors: string[], isContentEditable = false) => ({
    closest: (selectors: string) => (selectors.split(',').some((s) => ancestors.includes(s.trim())) ? {} : null),
    isContentEditable,
  });
  const read = (target: unknown, key = 'Escape') =>
    keyPressOf({ key, ctrlKey: false, metaKey: false, altKey: false, target: target as EventTarget | null }, false);

  const fields: [string, unknown][] = [
    ['input (the Go-to time, the symbols, the speed slider)', element(['input'])],
    ['select', element(['select'])],
    ['textarea', element(['textarea'])],
    ['contenteditable', element(['div'], true)],
  ];
  for (const [name, target] of fields) {
    it(`keys typed into a ${name} are the field's: no action`, () => {
      for (const key of ['Escape', ' ', 'ArrowRight', '+', '-', '?']) {
        const pressed = read(target, key);
        expect(pressed.typing, key).toBe(true);
        expect(keyBinding(pressed), key).toBeNull();
      }
    });
  }

  it('the fields are input, select and textarea', () => expect(FIELD_SELECTOR.split(', ')).toEqual(['input', 'select', 'textarea']));

  it('a button, a tab and the page itself', () => {
    expect(read(element(['button']))).toMatchObject({ typing: false, onButton: true, onTabs: false });
    expect(read(element(['button', '[role="tablist"]']))).toMatchObject({ onButton: true, onTabs: true });
    expect(read(null)).toMatchObject({ typing: false, onButton: false, onTabs: false });
    expect(keyBinding(read(null, 'Escape'))?.action).toBe('stop');
  });

  it('Ctrl, Meta or Alt mark the press modified', () => {
    expect(keyPressOf({ key: '+', ctrlKey: true, metaKey: false, altKey: false, target: null }, false).modified).toBe(true);
    expect(keyPressOf({ key: '+', ctrlKey: false, metaKey: false, altKey: true, target: null }, false).modified).toBe(true);
  });
});
