import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WARM_UPS, warmUp, type WarmUp } from './warm-up';

describe('warmUp', () => {
  it('runs each warm-up in a task of its own, in order', async () => {
    const log: string[] = [];
    const warmUps: WarmUp[] = ['a', 'b', 'c'].map((name) => ({ name, run: () => void log.push(name) }));
    await warmUp({} as Document, async () => void log.push('task'), warmUps);
    expect(log).toEqual(['task', 'a', 'task', 'b', 'task', 'c']);
  });

  it("covers the idle page's first uses a script must make: stored preferences", () => {
    expect(WARM_UPS.map((w) => w.name)).toEqual(['stored preferences']);
  });

  it("has index.html's frame lay out the replay panel's kinds of field before the first paint, unseen", () => {
    const html = readFileSync(new URL('../../index.html', import.meta.url), 'utf8');
    const frame = /<div class="first-uses" aria-hidden="true" inert>([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
    expect(frame).toMatch(/<input type="date"/);
    expect(frame).toMatch(/<input type="time"/);
    expect(frame).toMatch(/<input type="text"/);
    expect(frame).toMatch(/<select/);
    const css = readFileSync(new URL('./app.css', import.meta.url), 'utf8');
    expect(css).toMatch(/\.first-uses \{[^}]*visibility: hidden/);
  });
});
