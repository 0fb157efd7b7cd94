import { describe, expect, it } from 'vitest';
import { keyBinding, type KeyPress, type PageAction } from './key-bindings';

const plain: KeyPress = { key: '', modified: false, typing: false, onButton: false, dialogOpen: false };
const press = (key: string, where: Partial<KeyPress> = {}) => keyBinding({ ...plain, key, ...where })?.action ?? null;

describe('key bindings', () => {
  const rows: [string, PageAction][] = [
    ['Escape', 'stop'],
    [' ', 'playPause'],
    ['ArrowRight', 'step'],
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

  it('only Esc works while typing in a field', () => {
    expect(press('Escape', { typing: true })).toBe('stop');
    for (const [key] of rows.filter(([k]) => k !== 'Escape')) expect(press(key, { typing: true }), key).toBeNull();
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
