import { describe, expect, it } from 'vitest';
import { WARM_UPS, warmUp, type WarmUp } from './warm-up';

describe('warmUp', () => {
  it('runs each warm-up in a task of its own, in order', async () => {
    const log: string[] = [];
    const warmUps: WarmUp[] = ['a', 'b', 'c'].map((name) => ({ name, run: () => void log.push(name) }));
    await warmUp({} as Document, async () => void log.push('task'), warmUps);
    expect(log).toEqual(['task', 'a', 'task', 'b', 'task', 'c']);
  });

  it("covers the idle page's costly first uses: the replay panel's date, time and text fields, drop-downs, number and time-zone formats, stored preferences", () => {
    expect(WARM_UPS.map((w) => w.name)).toEqual(['stored preferences', 'number format', 'time-zone format', 'date field', 'time field', 'text field', 'drop-down']);
  });
});
