import { describe, expect, it } from 'vitest';
import { MARKER_SHAPE, markerText, seriesMarkers } from './chart-markers';
import type { SessionMarker } from './chart-model';

const NY = 'America/New_York';
const at = (iso: string) => Date.parse(iso);
const markers: SessionMarker[] = [
  { start: at('2013-10-07T13:30:00Z'), label: '10-07' },
  { start: at('2013-10-08T03:30:00Z'), label: '12:30', kind: 'break' },
  { start: at('2013-11-29T17:59:00Z'), label: 'early close 13:00', kind: 'early-close' },
];

describe('a chart\'s session markers', () => {
  it('take their shape from the table by kind, above the bars, in the given colour', () => {
    const shown = seriesMarkers(markers, '1m', NY, '#5a6475');
    expect(shown.map((m) => m.shape)).toEqual([MARKER_SHAPE.day, MARKER_SHAPE.break, MARKER_SHAPE['early-close']]);
    expect(shown.map((m) => m.shape)).toEqual(['arrowDown', 'circle', 'square']);
    expect(shown.every((m) => m.position === 'aboveBar' && m.color === '#5a6475')).toBe(true);
    expect(shown.map((m) => m.text)).toEqual(['10-07', '12:30', 'early close 13:00']);
  });

  it('are none on daily bars (each bar is a session of its own)', () => {
    expect(seriesMarkers(markers, '1d', NY, '#000')).toEqual([]);
  });

  it('read as label@local time for tests and tools', () => {
    expect(markerText(markers, NY)).toBe('10-07@09:30 12:30@23:30 early close 13:00@12:59');
  });
});
