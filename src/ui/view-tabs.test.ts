import { describe, expect, it } from 'vitest';
import type { View } from './page-controller';
import { tabAfterKey, VIEW_TABS } from './view-tabs';

describe('view tabs', () => {
  it('are Replay, Teaching lab, Your data, Verify, in that order, with their stable test ids', () =>
    expect(VIEW_TABS.map((t) => [t.view, t.testid])).toEqual([['replay', 'view-replay'], ['lab', 'view-lab'], ['data', 'view-data'], ['verify', 'view-verify']]));

  const rows: [string, View, View][] = [
    ['ArrowRight', 'replay', 'lab'],
    ['ArrowRight', 'lab', 'data'],
    ['ArrowRight', 'data', 'verify'],
    ['ArrowRight', 'verify', 'replay'],
    ['ArrowDown', 'replay', 'lab'],
    ['ArrowLeft', 'replay', 'verify'],
    ['ArrowLeft', 'data', 'lab'],
    ['ArrowUp', 'lab', 'replay'],
    ['Home', 'data', 'replay'],
    ['End', 'replay', 'verify'],
  ];
  for (const [key, from, to] of rows) it(`${key} on ${from} → ${to}`, () => expect(tabAfterKey(key, from)).toBe(to));

  it('other keys are not the tablist\'s', () => {
    for (const key of [' ', 'Enter', 'Escape', 'Tab', 'a']) expect(tabAfterKey(key, 'lab'), key).toBeNull();
  });
});
