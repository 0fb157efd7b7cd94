// How a chart draws its session markers (ChartModel.markers()): the marker's shape by kind, and
// the text tests and tools read from the figure's data-markers. Main thread, plain logic;
// CandleChart.svelte hands the result to lightweight-charts.

import type { SeriesMarker, Time } from 'lightweight-charts';
import type { Interval } from '../core/stream-key';
import { zoneClockText } from '../core/zone-clock';
import { chartTime } from './chart-time';
import type { SessionMarker } from './chart-model';

type Kind = NonNullable<SessionMarker['kind']> | 'day';

/** A new day: an arrow; after a break (Tokyo's lunch): a circle; an early close: a square at its last bar. */
export const MARKER_SHAPE: Record<Kind, SeriesMarker<Time>['shape']> = { day: 'arrowDown', break: 'circle', 'early-close': 'square' };

/** The chart's markers, above the bars in `color`; none on daily bars (each is a session of its own: the axis names the days). */
export function seriesMarkers(markers: readonly SessionMarker[], interval: Interval, zone: string, color: string): SeriesMarker<Time>[] {
  if (interval === '1d') return [];
  return markers.map((m) => ({ time: chartTime(m.start, zone), position: 'aboveBar', shape: MARKER_SHAPE[m.kind ?? 'day'], color, text: m.label }));
}

/** "10-07@09:30 12:30@12:30": each marker's label at its local time (empty when none is drawn). */
export function markerText(markers: readonly SessionMarker[], zone: string): string {
  return markers.map((m) => `${m.label}@${zoneClockText(zone, m.start).slice(11, 16)}`).join(' ');
}
