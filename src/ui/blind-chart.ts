// A chart in blind practice: what it says instead of the symbol, the date and absolute prices.
// Plain TypeScript, main thread; CandleChart.svelte uses it while the day is hidden. Prices read
// as the change since the first bar's open (the price axis, the legend), times as the time of day.

import { TickMarkType, type Time } from 'lightweight-charts';
import { formatExchangeTime } from '../core/exchange-time';
import type { ChartBar } from './chart-model';
import { tickMarkLabel } from './chart-time';

export const HIDDEN_SYMBOL = 'Hidden symbol';

/** A price as the change from `reference` (the first open), e.g. "+0.42%"; '' before there is one. */
export function relativePrice(price: number, reference: number | null): string {
  if (reference === null || reference === 0 || !Number.isFinite(price)) return '';
  const change = (price / reference - 1) * 100;
  return `${change >= 0 ? '+' : ''}${change.toFixed(2)}%`;
}

/** The legend of a hidden day: the time of day, the prices as changes, the volume. */
export function blindLegendText(bar: ChartBar, reference: number | null): string {
  const rel = (p: number) => relativePrice(p, reference);
  return `${formatExchangeTime(bar.start).slice(11, 16)}  O ${rel(bar.open)}  H ${rel(bar.high)}  L ${rel(bar.low)}  C ${rel(bar.close)}  V ${bar.volume.toLocaleString('en-US')}`;
}

/** The text alternative of a hidden chart: no symbol, no date, no price. */
export function describeBlindChart(interval: string, bars: number): string {
  return `The hidden symbol's ${interval} candlestick chart, ${bars.toLocaleString('en-US')} ${bars === 1 ? 'bar' : 'bars'}. Prices read as the change since the first open.`;
}

/** Time-axis labels without the date: times as usual, day, month and year marks left blank. */
export function blindTickMarkLabel(time: Time, type: TickMarkType): string {
  return type === TickMarkType.Time || type === TickMarkType.TimeWithSeconds ? tickMarkLabel(time, type) : '';
}

/** The crosshair's time label: the time of day only (the chart's times are New York wall time read as UTC). */
export function blindTimeLabel(time: Time): string {
  return new Date((time as number) * 1000).toISOString().slice(11, 16);
}
