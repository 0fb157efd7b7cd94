// BarSeries against a fake series that behaves as lightweight-charts 5 does where it matters: an
// update at the last point's time replaces it, an older one throws, setData refuses a repeated or
// descending time, pop(n) takes the last n points. Node.
import { describe, expect, it } from 'vitest';
import { BarSeries, type DrawnBar } from './bar-series';
import { chartTime } from './chart-time';

class FakeSeries<P extends { time: number }> {
  points: P[] = [];
  setData(points: P[]): void {
    points.forEach((p, i) => {
      if (i > 0 && p.time <= (points[i - 1] as P).time) throw new Error('data must be asc ordered by time');
    });
    this.points = [...points];
  }
  update(point: P): void {
    const last = this.points[this.points.length - 1];
    if (last && point.time < last.time) throw new Error('Cannot update oldest data');
    if (last && point.time === last.time) this.points[this.points.length - 1] = point;
    else this.points.push(point);
  }
  pop(count: number): void {
    this.points.splice(this.points.length - count, count);
  }
  data(): readonly P[] {
    return this.points;
  }
}

const MIN = 60_000;
const T0 = Date.UTC(2013, 9, 7, 13, 30);
/** The chart's time of an instant (the axis reads New York wall time). */
const t = (ms: number) => Number(chartTime(ms));
const bar = (start: number, close: number, filled = false): DrawnBar => ({ start, open: 10, high: 12, low: 9, close, volume: 100, filled });

function series() {
  const candles = new FakeSeries<{ time: number; close: number }>();
  const volume = new FakeSeries<{ time: number; value: number }>();
  const drawn = new BarSeries(candles as never, volume as never, () => ({ text: '#888', up: '#0f0', down: '#f00' }));
  const closes = () => candles.points.map((p) => [p.time, p.close]);
  return { candles, volume, drawn, closes };
}

describe('BarSeries', () => {
  it('draws bars that tie within one second as one point, the later over the earlier, on load and append', () => {
    const { drawn, closes, volume } = series();
    drawn.load([bar(T0, 1), bar(T0 + 200, 2), bar(T0 + MIN, 3)]);
    expect(closes()).toEqual([[t(T0), 2], [t(T0 + MIN), 3]]);
    drawn.append(bar(T0 + MIN + 500, 4));
    drawn.append(bar(T0 + 2 * MIN, 5));
    expect(closes()).toEqual([[t(T0), 2], [t(T0 + MIN), 4], [t(T0 + 2 * MIN), 5]]);
    expect(volume.points).toHaveLength(3);
  });

  it('a step back pops by time: the points after the bar kept go, and the bar kept is drawn again', () => {
    const { drawn, closes, volume } = series();
    drawn.load([bar(T0, 1), bar(T0 + MIN, 2)]);
    // Two bars in the same second after the kept one: one point; popping two would take the kept bar too.
    drawn.append(bar(T0 + 2 * MIN, 3));
    drawn.append(bar(T0 + 2 * MIN + 1, 4));
    drawn.popAfter(bar(T0 + MIN, 2));
    expect(closes()).toEqual([[t(T0), 1], [t(T0 + MIN), 2]]);
    expect(volume.points).toHaveLength(2);
    // A tie across the cut: the kept bar shares its second with a popped one, which showed; the kept one shows again.
    drawn.append(bar(T0 + MIN + 300, 9));
    drawn.popAfter(bar(T0 + MIN, 2));
    expect(closes()).toEqual([[t(T0), 1], [t(T0 + MIN), 2]]);
    drawn.append(bar(T0 + 2 * MIN, 5));
    expect(closes()).toEqual([[t(T0), 1], [t(T0 + MIN), 2], [t(T0 + 2 * MIN), 5]]);
  });

  it('the forming bar is drawn after the complete ones, replaced by the complete bar at its time, and taken away when it goes', () => {
    const { drawn, closes } = series();
    drawn.load([bar(T0, 1)]);
    drawn.forming(bar(T0 + 5 * MIN, 7));
    expect(closes()).toEqual([[t(T0), 1], [t(T0 + 5 * MIN), 7]]);
    drawn.forming(null);
    expect(closes()).toEqual([[t(T0), 1]]);
    // Nothing forming on the chart: taking it away again pops nothing.
    drawn.forming(null);
    expect(closes()).toEqual([[t(T0), 1]]);
    drawn.forming(bar(T0 + 5 * MIN, 7));
    drawn.append(bar(T0 + 5 * MIN, 8));
    drawn.forming(null);
    expect(closes()).toEqual([[t(T0), 1], [t(T0 + 5 * MIN), 8]]);
    // A step back removes a forming bar with the bars after the one kept.
    drawn.forming(bar(T0 + 10 * MIN, 6));
    drawn.popAfter(bar(T0, 1));
    expect(closes()).toEqual([[t(T0), 1]]);
  });

  it('a bar filled forward (no trades) is drawn grey', () => {
    const { drawn, candles } = series();
    drawn.load([bar(T0, 1, true)]);
    expect(candles.points[0]).toMatchObject({ color: '#888', wickColor: '#888' });
  });
});
