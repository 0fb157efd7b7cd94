import { describe, expect, it } from 'vitest';
import { fillForward, isFilled } from './fill-forward';
import { tradingSession } from './trading-hours';

const at = (day: string, hm: string) => Date.parse(`${day}T${hm}:00-04:00`);
const sessions = [tradingSession('2013-10-04', 'regular')!, tradingSession('2013-10-07', 'regular')!];

function bars(times: number[], closes: number[]) {
  return {
    tsStart: Float64Array.from(times),
    tsEmit: Float64Array.from(times, (t) => t + 60_000),
    fields: [closes, closes, closes, closes, closes.map(() => 100)].map((f) => Float64Array.from(f)),
  };
}

describe('fillForward', () => {
  it('fills a missing minute with a flat zero-volume bar at the last close', () => {
    const out = fillForward(bars([at('2013-10-07', '13:46'), at('2013-10-07', '13:48')], [48.5, 48.6]), '1m', sessions);
    expect(Array.from(out.tsStart)).toEqual([at('2013-10-07', '13:46'), at('2013-10-07', '13:47'), at('2013-10-07', '13:48')]);
    expect(out.tsEmit[1]).toBe(at('2013-10-07', '13:48'));
    expect(out.fields.map((f) => f[1])).toEqual([48.5, 48.5, 48.5, 48.5, 0]);
    expect(isFilled(out.fields[4][1])).toBe(true);
    expect(isFilled(out.fields[4][0])).toBe(false);
  });
  it('does not fill the night between two sessions', () => {
    const out = fillForward(bars([at('2013-10-04', '15:59'), at('2013-10-07', '09:30')], [1, 2]), '1m', sessions);
    expect(out.tsStart.length).toBe(2);
  });
  it('fills coarser gaps on their own interval', () => {
    const out = fillForward(bars([at('2013-10-07', '09:30'), at('2013-10-07', '09:45')], [1, 2]), '5m', sessions);
    expect(Array.from(out.tsStart)).toEqual([at('2013-10-07', '09:30'), at('2013-10-07', '09:35'), at('2013-10-07', '09:40'), at('2013-10-07', '09:45')]);
  });
});
