// The lesson's two runs on hand-made bars: the same rule, the same broker; seeing a bar from its
// start wins on every bar it trades, seeing it at its end does not.

import { describe, expect, it } from 'vitest';
import { runLesson } from './look-ahead-lesson';

const MINUTE = 60_000;
// Up, down, up, down …: each bar opens at the last close and moves a dollar.
const MOVES = [1, -1, 1, -1, 1, -1, 1, -1];
function bars() {
  const opens = MOVES.map((_, i) => 100 + MOVES.slice(0, i).reduce((a, b) => a + b, 0));
  const col = (f: (i: number) => number) => ({ data: Float64Array.from(MOVES, (_, i) => f(i)) });
  const close = (i: number) => opens[i] + MOVES[i];
  return { count: MOVES.length, tsStart: col((i) => i * MINUTE), fields: [col((i) => opens[i]), col((i) => Math.max(opens[i], close(i))), col((i) => Math.min(opens[i], close(i))), col(close), col(() => 1000)] };
}
const end = (i: number) => (i + 1) * MINUTE;

describe('the look-ahead lesson', () => {
  it('seeing a bar from its start, the rule buys each up bar at its open and never loses', () => {
    const flawed = runLesson(bars(), end, 'from-start', 0);
    // Long through bars 0, 2, 4, 6 (a dollar each on 100 shares), flat through the down bars.
    expect(flawed.equity.map(([, v]) => v)).toEqual([100, 100, 200, 200, 300, 300, 400, 400]);
    expect(flawed.pnl).toBe(400);
    expect(flawed.trades).toBe(8);
  });

  it('seeing a bar only at its end, the same rule buys after each up bar, into a down bar', () => {
    const fixed = runLesson(bars(), end, 'at-end', 0);
    expect(fixed.equity.map(([, v]) => v)).toEqual([0, -100, -100, -200, -200, -300, -300, -400]);
    expect(fixed.pnl).toBe(-400);
  });

  it('commission is paid on every fill', () => {
    expect(runLesson(bars(), end, 'from-start', 0.01).pnl).toBeCloseTo(400 - 8 * 100 * 0.01, 9);
  });
});
