import { describe, expect, it } from 'vitest';
import { logicalToTime, TimeAxisLink, timeToLogical, type LinkedAxis } from './chart-axis-link';

const MINUTE = 60_000;

describe('the shared time axis: positions travel as instants', () => {
  // Bars at 0, 1, 2, 4 minutes (minute 3 had no trade), the chart holding bars 1 … 3.
  const starts = Float64Array.from([0, 1, 2, 4], (m) => m * MINUTE);

  it.each([
    [0, 1 * MINUTE],
    [0.5, 1.5 * MINUTE],
    [1.5, 3 * MINUTE],
    [2, 4 * MINUTE],
    [-1, 0],
    [4, 6 * MINUTE],
  ])('logical %s is %s ms, and back', (logical, time) => {
    expect(logicalToTime(starts, 1, 4, logical, MINUTE)).toBe(time);
    expect(timeToLogical(starts, 1, 4, time, MINUTE)).toBeCloseTo(logical);
  });

  it('a 5-minute chart finds the instants of a 1-minute one', () => {
    const five = Float64Array.from({ length: 4 }, (_, i) => i * 5 * MINUTE);
    expect(timeToLogical(five, 0, 4, logicalToTime(starts, 0, 4, 3, MINUTE), 5 * MINUTE)).toBeCloseTo(0.8);
  });

  it('no bars: no position', () => {
    expect(logicalToTime(starts, 2, 2, 0, MINUTE)).toBeNaN();
    expect(timeToLogical(starts, 2, 2, 0, MINUTE)).toBeNaN();
  });
});

describe('TimeAxisLink', () => {
  function axis(log: string[], name: string): LinkedAxis {
    return { showTimes: (from, to) => log.push(`${name} ${from}-${to}`), fit: () => log.push(`${name} fit`), showCrosshair: (time) => log.push(`${name} crosshair ${time}`) };
  }

  it("passes on only the moves of the chart under the pointer, to the others", () => {
    const log: string[] = [];
    const link = new TimeAxisLink();
    const [a, b, c] = [axis(log, 'a'), axis(log, 'b'), axis(log, 'c')];
    link.join(a);
    const leaveB = link.join(b);
    link.join(c);
    link.moved(a, 1, 2); // nobody's pointer is on a chart: the chart moved by itself
    link.lead(a, true);
    link.moved(a, 3, 4);
    link.moved(b, 5, 6); // b follows a: not passed back
    leaveB();
    link.moved(a, 7, 8);
    link.lead(a, false);
    link.moved(a, 9, 10);
    expect(log).toEqual(['b 3-4', 'c 3-4', 'c 7-8']);
  });

  it('fits every chart', () => {
    const log: string[] = [];
    const link = new TimeAxisLink();
    link.join(axis(log, 'a'));
    link.join(axis(log, 'b'));
    link.fitAll();
    expect(log).toEqual(['a fit', 'b fit']);
  });

  it('passes the crosshair of the chart under the pointer to the others, and its leaving', () => {
    const log: string[] = [];
    const link = new TimeAxisLink();
    const a = axis(log, 'a');
    const b = axis(log, 'b');
    const c = axis(log, 'c');
    for (const x of [a, b, c]) link.join(x);
    link.crosshair(a, 5); // no pointer on a: a crosshair set from outside does not travel
    link.lead(a, true);
    link.crosshair(a, 60_000);
    link.crosshair(b, 120_000); // b follows; its echo goes nowhere
    link.crosshair(a, null); // the pointer leaves a (CandleChart says so before it stops leading)
    link.lead(a, false);
    link.crosshair(a, 180_000);
    expect(log).toEqual(['b crosshair 60000', 'c crosshair 60000', 'b crosshair null', 'c crosshair null']);
  });
});
