// The candle and volume series of one chart, written as its ChartModel plans: bars loaded, bars
// appended, bars popped by a step back, and the pale forming bar. Main thread; CandleChart.svelte
// owns one a chart. lightweight-charts wants a series' times ascending and throws otherwise, so this
// keeps them so: bars that tie within one second (ticks, duplicate stamps) share one point, the
// later drawn over the earlier, and a step back pops points by time, not by counting bars.
import type { UTCTimestamp } from 'lightweight-charts';
import type { ChartBar } from './chart-model';
import { EXCHANGE_TIME_ZONE } from '../core/exchange-time';
import { ascendingTimes, chartTime } from './chart-time';

export interface SeriesColors {
  readonly text: string;
  readonly up: string;
  readonly down: string;
}

/** A bar as the model hands it: `filled` when no trade made it (drawn as a grey dash). */
export type DrawnBar = ChartBar & { readonly filled: boolean };

interface Point {
  readonly time: UTCTimestamp;
}

/** What this class uses of a lightweight-charts series (a Node test hands it a plain array). */
export interface PointSeries<P extends Point> {
  setData(points: P[]): void;
  update(point: P): void;
  pop(count: number): unknown;
  data(): readonly { readonly time: unknown }[];
}

export interface CandlePoint extends Point {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly color?: string;
  readonly borderColor?: string;
  readonly wickColor?: string;
}

export interface VolumePoint extends Point {
  readonly value: number;
  readonly color: string;
}

export class BarSeries {
  /** The time of the last complete bar drawn: an update must not go before it. */
  private lastTime = 0;
  /** The forming bar's start while it is the last point (a complete bar at its time replaces it). */
  private formingAt: number | null = null;

  constructor(
    private readonly candles: PointSeries<CandlePoint>,
    private readonly volume: PointSeries<VolumePoint>,
    private readonly colors: () => SeriesColors,
    /** The stream's market's zone: the axis reads its wall time. */
    private readonly zone = EXCHANGE_TIME_ZONE,
  ) {}

  /** The series hold exactly these bars (oldest first), replacing what they held. */
  load(bars: readonly DrawnBar[]): void {
    const drawn = ascendingTimes(bars.map((b) => this.candle(b)));
    this.candles.setData(drawn);
    this.volume.setData(ascendingTimes(bars.map((b) => this.volumeBar(b))));
    this.lastTime = drawn[drawn.length - 1]?.time ?? 0;
    this.formingAt = null;
  }

  /** The next bar, after those drawn. */
  append(bar: DrawnBar): void {
    const next = this.candle(bar);
    if (next.time < this.lastTime) return;
    this.lastTime = next.time;
    this.candles.update(next);
    this.volume.update(this.volumeBar(bar));
    if (bar.start === this.formingAt) this.formingAt = null;
  }

  /** A step back: every point after `kept` goes, the forming bar too, and `kept` is drawn again (a tie may have shown a popped bar at its time). */
  popAfter(kept: DrawnBar): void {
    const keptTime = chartTime(kept.start, this.zone);
    const points = this.candles.data();
    let after = 0;
    while (after < points.length && Number(points[points.length - 1 - after]?.time) > keptTime) after++;
    this.candles.pop(after);
    this.volume.pop(after);
    this.formingAt = null;
    this.lastTime = 0;
    this.append(kept);
  }

  /** The forming (partial) bar, drawn pale after the complete ones; null takes a drawn one away (a step back took its finer bars). */
  forming(bar: ChartBar | null): void {
    if (!bar) {
      if (this.formingAt === null) return;
      this.candles.pop(1);
      this.volume.pop(1);
      this.formingAt = null;
      return;
    }
    const time = chartTime(bar.start, this.zone);
    if (time < this.lastTime) return;
    const c = this.colors();
    this.formingAt = bar.start;
    this.candles.update({ time, open: bar.open, high: bar.high, low: bar.low, close: bar.close, color: `${c.text}55`, borderColor: c.text, wickColor: c.text });
    this.volume.update({ time, value: bar.volume, color: `${c.text}33` });
  }

  private candle(b: DrawnBar): CandlePoint {
    const bar = { time: chartTime(b.start, this.zone), open: b.open, high: b.high, low: b.low, close: b.close };
    if (!b.filled) return bar;
    const grey = this.colors().text;
    return { ...bar, color: grey, borderColor: grey, wickColor: grey };
  }

  private volumeBar(b: ChartBar): VolumePoint {
    const c = this.colors();
    return { time: chartTime(b.start, this.zone), value: b.volume, color: `${b.close >= b.open ? c.up : c.down}66` };
  }
}
