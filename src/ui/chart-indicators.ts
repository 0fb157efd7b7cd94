// The indicators drawn on one candlestick chart: a line series a line (Bollinger bands: three),
// on the price pane, RSI in a pane of its own below. Main thread; CandleChart.svelte creates one
// and calls load()/append() whenever it hands bars to the chart, so the lines cover exactly the
// bars the chart holds. The values are core/indicator-series.ts's, from SessionData's bars only.

import { LineSeries, type IChartApi, type ISeriesApi, type UTCTimestamp } from 'lightweight-charts';
import { IndicatorSeries, type BarSource } from '../core/indicator-series';
import { INDICATOR_KINDS, indicatorName, type IndicatorKind, type IndicatorSpec } from '../core/indicator-spec';
import type { Market } from '../core/market';
import { US_EQUITIES } from '../core/markets';
import { ascendingTimes, chartTime } from './chart-time';

/** One colour a kind, readable on the light and the dark panel. */
const COLORS: Record<IndicatorKind, string> = { sma: '#d48806', ema: '#9b59b6', bb: '#2a8fc7', vwap: '#d6336c', rsi: '#7d4bd6' };

interface Drawn {
  readonly name: string;
  readonly values: IndicatorSeries;
  readonly lines: ISeriesApi<'Line'>[];
}

export class ChartIndicators {
  private drawn: Drawn[] = [];
  /** The bars the lines hold: `from` … `to` − 1 (as the chart's candles). */
  private from = 0;
  private to = 0;

  /** The stream's market's zone: the lines' times match the candles'. */
  private readonly zone: string;

  constructor(
    private readonly chart: IChartApi,
    private readonly source: () => BarSource,
    /** The stream's market: its zone for the lines' times, its trading day for the session VWAP. */
    private readonly market: Market = US_EQUITIES,
  ) {
    this.zone = market.zone;
  }

  /** Draws these indicators (and no others); returns true when the set changed (then load() the bars again). */
  choose(specs: readonly IndicatorSpec[]): boolean {
    const names = specs.map(indicatorName);
    const before = this.drawn.map((d) => d.name).join(',');
    for (const d of this.drawn.filter((d) => !names.includes(d.name))) for (const line of d.lines) this.chart.removeSeries(line);
    this.drawn = this.drawn.filter((d) => names.includes(d.name));
    for (const spec of specs) {
      if (this.drawn.some((d) => d.name === indicatorName(spec))) continue;
      const values = new IndicatorSeries(spec, this.market);
      const pane = INDICATOR_KINDS[spec.kind].pane === 'oscillator' ? 1 : 0;
      const lines = values.names.map((_, k) =>
        this.chart.addSeries(
          LineSeries,
          { color: COLORS[spec.kind], lineWidth: spec.kind === 'bb' && k !== 1 ? 1 : 2, title: values.names.length > 1 && k !== 1 ? '' : indicatorName(spec), lastValueVisible: false, priceLineVisible: false, crosshairMarkerVisible: false },
          pane,
        ),
      );
      this.drawn.push({ name: indicatorName(spec), values, lines });
    }
    const oscillator = this.chart.panes()[1];
    oscillator?.setStretchFactor(0.35);
    return this.drawn.map((d) => d.name).join(',') !== before;
  }

  /** The lines over bars `from` … `to` − 1 (what the chart holds), replacing what they showed. */
  load(from: number, to: number): void {
    const source = this.source();
    this.from = from;
    this.to = to;
    for (const d of this.drawn) {
      d.values.sync(source);
      d.lines.forEach((line, k) => {
        const points: { time: UTCTimestamp; value: number }[] = [];
        for (let i = from; i < to; i++) {
          const value = d.values.value(k, i);
          if (Number.isFinite(value)) points.push({ time: chartTime(source.tsStart.data[i], this.zone), value });
        }
        // Bars that tie within a second share one point, as the candles do (setData refuses a repeated time).
        line.setData(ascendingTimes(points));
      });
    }
  }

  /** A step back: the chart now holds bars up to `to` − 1; the lines follow. */
  rewind(to: number): void {
    this.load(this.from, to);
  }

  /** Bar `i`, just handed to the chart after the others. */
  append(i: number): void {
    // Not the next bar (the chart was rewound by a step back): the lines over the bars it holds, afresh.
    if (i < this.to) return this.load(Math.min(this.from, i), i + 1);
    this.to = i + 1;
    const source = this.source();
    for (const d of this.drawn) {
      d.values.sync(source);
      d.lines.forEach((line, k) => {
        const value = d.values.value(k, i);
        if (Number.isFinite(value)) line.update({ time: chartTime(source.tsStart.data[i], this.zone), value });
      });
    }
  }

  /** The values at bar `i` as one legend line (`sma20 168.41 · rsi14 55.2`), or '' with none drawn. */
  legend(i: number): string {
    return this.drawn
      .map((d) => {
        const values = d.lines.map((_, k) => d.values.value(k, i));
        const { decimals } = INDICATOR_KINDS[d.values.spec.kind];
        const text = values.every(Number.isFinite) ? values.map((v) => v.toFixed(decimals)).join(' / ') : '…';
        return `${d.name} ${text}`;
      })
      .join('  ');
  }
}
