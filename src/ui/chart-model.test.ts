import { describe, expect, it } from 'vitest';
import { aggregateBars } from '../core/aggregate-bars';
import { ensureDefined } from '../core/assert';
import type { ItemColumns } from '../core/item-columns';
import { StreamType, type BarInterval } from '../core/stream-key';
import { tradingSession, type TradingSession } from '../core/trading-hours';
import { sessionsOfDays, type Market } from '../core/market';
import { TSE, US_EQUITIES, XETRA } from '../core/markets';
import { StreamItems } from '../system/session-data';
import { BurstTurns, TURN_GAP_MS } from './burst-turns';
import { BULK, BURST_EVERY_MS, ChartModel, drawKind, fewBarsRange, legendText, MIN_SLOTS, WINDOW, type ChartSource } from './chart-model';

const MINUTE = 60_000;
const at = (day: string, hm: string) => Date.parse(`${day}T${hm}:00-04:00`);
const session = (day: string, hours: 'regular' | 'extended' = 'regular') => ensureDefined(tradingSession(day, hours), `session ${day}`);

/** A bar stream with nothing emitted yet. */
const barStream = (interval: BarInterval) => new StreamItems({ type: StreamType.BAR, symbol: 'SPY', interval }, 0);

/** Appends items as SessionData does when the coordinator emits them. */
function emit(stream: StreamItems, columns: ItemColumns, from = 0, to = columns.tsStart.length): void {
  const size = stream.count + (to - from);
  for (const column of [stream.tsStart, stream.tsEmit, ...stream.fields]) column.reserve(size);
  for (let i = from; i < to; i++) {
    stream.tsStart.data[stream.count] = columns.tsStart[i];
    stream.tsEmit.data[stream.count] = columns.tsEmit[i];
    stream.fields.forEach((f, k) => (f.data[stream.count] = columns.fields[k][i]));
    stream.count++;
  }
}

/** `n` one-minute bars from `start` (consecutive minutes), with made-up prices. */
function minutes(start: number, n: number): ItemColumns {
  const tsStart = Float64Array.from({ length: n }, (_, i) => start + i * MINUTE);
  const price = (i: number, k: number) => 100 + ((i * 7 + k * 3) % 11) - 5;
  const open = Float64Array.from(tsStart, (_, i) => price(i, 0));
  const close = Float64Array.from(tsStart, (_, i) => price(i, 1));
  return {
    tsStart,
    tsEmit: tsStart.map((t) => t + MINUTE),
    fields: [open, open.map((o, i) => Math.max(o, close[i]) + 1), open.map((o, i) => Math.min(o, close[i]) - 1), close, tsStart.map((_, i) => 100 + i)],
  };
}

function chart(stream: StreamItems, { finer = null, sessions = [], turns = new BurstTurns(), market }: { finer?: StreamItems | null; sessions?: TradingSession[]; turns?: BurstTurns; market?: Market } = {}) {
  const source: ChartSource = { stream, finer, sessions, market };
  return new ChartModel(source, turns);
}

const ROOM = () => 100;

describe('drawKind: how a draw hands bars to the chart', () => {
  const rows: [drawn: number, count: number, all: boolean, kind: string][] = [
    [10, 10, false, 'none'],
    [10, 11, false, 'append'],
    [10, 10 + BULK, false, 'append'],
    [10, 11 + BULK, false, 'burst'],
    [10, 11 + BULK, true, 'burst'],
    [10, 12, true, 'reload'],
    [10, 10, true, 'reload'],
    [10, 5, false, 'restart'],
    [10, 5, true, 'restart'],
  ];
  it.each(rows)('%i drawn, %i emitted, all %s → %s', (drawn, count, all, kind) => {
    expect(drawKind(drawn, count, all)).toBe(kind);
  });

  // A chart that can pop bars (it says which is the oldest it holds): a step back.
  const popping: [drawn: number, count: number, all: boolean, loadedFrom: number, kind: string][] = [
    [10, 9, false, 0, 'pop'],
    [10, 5, false, 0, 'pop'],
    [10 + BULK, 10, false, 0, 'pop'],
    [11 + BULK, 10, false, 0, 'restart'], // more than a few: the latest window instead
    [10, 5, false, 5, 'restart'], // every bar the chart holds would go
    [10, 5, true, 0, 'restart'],
    [10, 10, false, 0, 'none'],
  ];
  it.each(popping)('%i drawn, %i emitted, all %s, holding from %i → %s', (drawn, count, all, loadedFrom, kind) => {
    expect(drawKind(drawn, count, all, loadedFrom)).toBe(kind);
  });
});

describe('ChartModel windowing', () => {
  const day = '2013-10-07';
  const bars = minutes(at(day, '09:30'), 390);

  it('appends a few new bars one by one and holds them all', () => {
    const stream = barStream('1m');
    const model = chart(stream);
    emit(stream, bars, 0, 10);
    expect(model.next(0, ROOM)).toEqual({ kind: 'append', from: 0, to: 10, markersChanged: true });
    emit(stream, bars, 10, 12);
    expect(model.next(1, ROOM)).toMatchObject({ kind: 'append', from: 10, to: 12 });
    expect(model.next(2, ROOM)).toMatchObject({ kind: 'none' });
    expect([model.drawn, model.loaded]).toEqual([12, 12]);
    expect(model.bar(11)).toEqual({ start: bars.tsStart[11], open: bars.fields[0][11], high: bars.fields[1][11], low: bars.fields[2][11], close: bars.fields[3][11], volume: bars.fields[4][11], filled: false });
  });

  it('in a burst holds only the bars it has room for, asks the room only then, and settles on WINDOW', () => {
    const stream = barStream('1m');
    const model = chart(stream);
    let asked = 0;
    const room = () => (asked++, 100);
    emit(stream, bars, 0, 5);
    model.next(0, room);
    expect(asked).toBe(0);
    emit(stream, bars, 5, 390);
    expect(model.next(1000, room)).toMatchObject({ kind: 'burst', from: 290, to: 390 });
    expect(asked).toBe(1);
    expect([model.drawn, model.loaded]).toEqual([390, 100]);
    // Never more than WINDOW, however wide the chart.
    const wide = chart(stream);
    expect(wide.next(0, () => 10_000)).toMatchObject({ kind: 'burst', from: 390 - WINDOW, to: 390 });
    // The burst is over: the latest WINDOW bars, `more` of them new to the chart.
    expect(model.settle()).toEqual({ from: 390 - WINDOW, to: 390, more: WINDOW - 100 });
    expect(model.loaded).toBe(WINDOW);
    expect(model.settle()).toBeNull();
  });

  it('loads older bars when scrolled near the oldest loaded one, and a redraw keeps them', () => {
    const stream = barStream('1m');
    const model = chart(stream);
    emit(stream, bars);
    model.next(0, ROOM);
    model.settle();
    expect(model.scrolled(50)).toBeNull();
    expect(model.scrolled(10)).toEqual({ from: 0, to: 390, more: 390 - WINDOW });
    expect(model.loaded).toBe(390);
    expect(model.scrolled(0)).toBeNull(); // nothing older
    expect(model.next(500, ROOM, true)).toMatchObject({ kind: 'reload', from: 0, to: 390 });
  });

  it('starts over on the latest window when the stream shrank, without waiting for a turn', () => {
    const turns = new BurstTurns();
    const stream = barStream('1m');
    const model = chart(stream, { turns });
    emit(stream, bars);
    model.next(0, ROOM);
    stream.count = 200;
    turns.take(1); // another chart's turn just now
    expect(model.next(1, ROOM)).toMatchObject({ kind: 'restart', from: 100, to: 200 });
  });
});

describe('ChartModel step back', () => {
  const day1 = minutes(at('2013-10-04', '15:50'), 10);
  const day2 = minutes(at('2013-10-07', '09:30'), 5);
  const sessions = [session('2013-10-04'), session('2013-10-07')];

  it('pops the bars a step back took, and the session marker of a day no longer shown', () => {
    const stream = barStream('1m');
    const model = chart(stream, { sessions });
    emit(stream, day1);
    emit(stream, day2, 0, 2);
    model.next(0, ROOM);
    expect(model.markers().map((m) => m.label)).toEqual(['10-07']);
    stream.count = 11; // back one minute: 09:31 on the 7th is gone, 09:30 stays
    expect(model.next(1, ROOM)).toEqual({ kind: 'pop', from: 11, to: 12, markersChanged: false });
    expect(model.drawn).toBe(11);
    stream.count = 10; // back over the session boundary
    expect(model.next(2, ROOM)).toEqual({ kind: 'pop', from: 10, to: 11, markersChanged: true });
    expect(model.markers()).toEqual([]);
    // Forward again: the marker comes back with the first bar of the 7th.
    emit(stream, day2, 0, 1);
    expect(model.next(3, ROOM)).toMatchObject({ kind: 'append', from: 10, to: 11, markersChanged: true });
    expect(model.markers().map((m) => m.label)).toEqual(['10-07']);
  });
});

describe('ChartModel burst turns', () => {
  const bars = minutes(at('2013-10-07', '09:30'), 390);
  /** A chart that has drawn one bar, with the rest emitted: its next draw is a burst. */
  function bursting(turns: BurstTurns, stream = barStream('1m')) {
    const model = chart(stream, { turns });
    emit(stream, bars, 0, 1);
    model.next(-1e6, ROOM);
    emit(stream, bars, 1, 390);
    return model;
  }

  it('each chart redraws a burst at most every BURST_EVERY_MS, on its own clock', () => {
    const turns = new BurstTurns();
    const aStream = barStream('1m');
    const a = bursting(turns, aStream);
    const b = bursting(turns);
    expect(a.next(0, ROOM).kind).toBe('burst');
    // b's state is its own: a's burst does not hold b back beyond the page's turn gap.
    expect(b.next(TURN_GAP_MS, ROOM).kind).toBe('burst');
    emit(aStream, minutes(at('2013-10-07', '16:00'), 100));
    expect(a.next(BURST_EVERY_MS - 1, ROOM).kind).toBe('wait');
    expect(a.next(BURST_EVERY_MS, ROOM).kind).toBe('burst');
  });

  it('charts sharing one BurstTurns never redraw bursts in the same frame; separate ones would', () => {
    const shared = new BurstTurns();
    const [a, b, c, d] = [bursting(shared), bursting(shared), bursting(shared), bursting(shared)];
    expect([a, b, c, d].map((m) => m.next(0, ROOM).kind)).toEqual(['burst', 'wait', 'wait', 'wait']);
    expect([b, c, d].map((m) => m.next(TURN_GAP_MS - 1, ROOM).kind)).toEqual(['wait', 'wait', 'wait']);
    expect([b, c, d].map((m) => m.next(TURN_GAP_MS, ROOM).kind)).toEqual(['burst', 'wait', 'wait']);
    expect([c, d].map((m) => m.next(2 * TURN_GAP_MS, ROOM).kind)).toEqual(['burst', 'wait']);
    const apart = [bursting(new BurstTurns()), bursting(new BurstTurns())];
    expect(apart.map((m) => m.next(0, ROOM).kind)).toEqual(['burst', 'burst']);
  });
});

describe('ChartModel session markers', () => {
  const days = ['2013-10-07', '2013-10-08', '2013-10-09'];
  const sessions = days.map((d) => session(d));
  const week = (which: string[]) => {
    const parts = which.map((d) => minutes(at(d, '09:30'), 390));
    const cat = (pick: (c: ItemColumns) => Float64Array) => Float64Array.from(parts.flatMap((p) => Array.from(pick(p))));
    return { tsStart: cat((c) => c.tsStart), tsEmit: cat((c) => c.tsEmit), fields: [0, 1, 2, 3, 4].map((k) => cat((c) => c.fields[k])) };
  };

  it('marks the first bar of each session after the first, however the bars arrive', () => {
    const bars = week(days);
    const cuts = [[0, 1170], [0, 3, 389, 390, 391, 700, 780, 1000, 1170], [0, 60, 120, 780, 781, 1170]];
    for (const points of cuts) {
      const stream = barStream('1m');
      const model = chart(stream, { sessions });
      for (let k = 1; k < points.length; k++) {
        emit(stream, bars, points[k - 1], points[k]);
        model.next(k * 1000, () => 2000);
      }
      model.scrolled(0); // every bar loaded: every marker can be on the chart
      expect(model.markers()).toEqual([
        { start: at('2013-10-08', '09:30'), label: '10-08' },
        { start: at('2013-10-09', '09:30'), label: '10-09' },
      ]);
      expect(model.sessionCount).toBe(3);
    }
  });

  it('skips a session without bars, and has none without sessions (live)', () => {
    const stream = barStream('1m');
    const model = chart(stream, { sessions });
    emit(stream, week([days[0], days[2]]));
    expect(model.next(0, () => 1000).markersChanged).toBe(true);
    model.scrolled(0);
    expect(model.markers()).toEqual([{ start: at('2013-10-09', '09:30'), label: '10-09' }]);
    expect(model.sessionCount).toBe(2);
    const live = barStream('1m');
    const unmarked = chart(live);
    emit(live, week(days));
    unmarked.next(0, () => 1000);
    expect([unmarked.markers(), unmarked.sessionCount]).toEqual([[], 1]);
  });

  it('hands the chart only the markers of loaded bars', () => {
    const stream = barStream('1m');
    const model = chart(stream, { sessions });
    emit(stream, week(days));
    model.next(0, () => 1000); // bars 870 … 1169: day three from 10:00 on
    expect(model.markers()).toEqual([]);
    expect(model.sessionCount).toBe(3);
    model.scrolled(0);
    expect(model.markers().map((m) => m.label)).toEqual(['10-08', '10-09']);
  });
});

describe('ChartModel session markers of the stream’s own market', () => {
  /** `n` 1m bars from each UTC instant (bars end at their start + 1 minute). */
  const runs = (...parts: [number, number][]) => {
    const cols = parts.map(([start, n]) => minutes(start, n));
    const cat = (pick: (c: ItemColumns) => Float64Array) => Float64Array.from(cols.flatMap((c) => Array.from(pick(c))));
    return { tsStart: cat((c) => c.tsStart), tsEmit: cat((c) => c.tsEmit), fields: [0, 1, 2, 3, 4].map((k) => cat((c) => c.fields[k])) };
  };

  it('marks Tokyo’s afternoon after the lunch break at its Tokyo time, and the next day by its date', () => {
    const sessions = sessionsOfDays(TSE, ['2024-03-11', '2024-03-12'], 'regular');
    // 09:00–11:30 and 12:30–15:00 Tokyo = 00:00–02:30 and 03:30–06:00 UTC.
    const day = (d: string) => [[Date.parse(`${d}T00:00:00Z`), 150], [Date.parse(`${d}T03:30:00Z`), 150]] as [number, number][];
    const stream = barStream('1m');
    const model = chart(stream, { sessions, market: TSE });
    emit(stream, runs(...day('2024-03-11'), ...day('2024-03-12')));
    model.next(0, () => 1000);
    model.scrolled(0);
    expect(model.markers()).toEqual([
      { start: Date.parse('2024-03-11T03:30:00Z'), label: '12:30', kind: 'break' },
      { start: Date.parse('2024-03-12T00:00:00Z'), label: '03-12' },
      { start: Date.parse('2024-03-12T03:30:00Z'), label: '12:30', kind: 'break' },
    ]);
    expect(model.sessionCount).toBe(4);
  });

  it('marks the last bar before an early close, and takes the mark back on a step back', () => {
    const sessions = sessionsOfDays(US_EQUITIES, ['2013-11-27', '2013-11-29'], 'regular');
    const stream = barStream('1m');
    const model = chart(stream, { sessions, market: US_EQUITIES });
    const bars = runs([at('2013-11-27', '09:30'), 390], [Date.parse('2013-11-29T14:30:00Z'), 210]);
    emit(stream, bars, 0, 599);
    model.next(0, () => 1000);
    model.scrolled(0);
    expect(model.markers()).toEqual([{ start: Date.parse('2013-11-29T14:30:00Z'), label: '11-29' }]);
    emit(stream, bars, 599, 600);
    expect(model.next(1, () => 1000).markersChanged).toBe(true);
    expect(model.markers()).toEqual([
      { start: Date.parse('2013-11-29T14:30:00Z'), label: '11-29' },
      { start: Date.parse('2013-11-29T17:59:00Z'), label: 'early close 13:00', kind: 'early-close' },
    ]);
    stream.count = 599;
    expect(model.next(2, () => 1000)).toMatchObject({ kind: 'pop', markersChanged: true });
    expect(model.markers().map((m) => m.label)).toEqual(['11-29']);
    stream.count = 600;
    model.next(3, () => 1000);
    expect(model.markers().map((m) => m.label)).toEqual(['11-29', 'early close 13:00']);
  });

  it('places a Berlin stream’s markers by XETRA’s sessions, not New York’s', () => {
    const sessions = sessionsOfDays(XETRA, ['2024-10-25', '2024-10-28'], 'regular');
    const stream = barStream('1m');
    const model = chart(stream, { sessions, market: XETRA });
    // 15:00–16:00 Berlin both days: 13:00 UTC before Europe's change, 14:00 UTC after.
    emit(stream, runs([Date.parse('2024-10-25T13:00:00Z'), 60], [Date.parse('2024-10-28T14:00:00Z'), 60]));
    model.next(0, () => 1000);
    model.scrolled(0);
    expect(model.markers()).toEqual([{ start: Date.parse('2024-10-28T14:00:00Z'), label: '10-28' }]);
  });

  it('writes the legend in the stream’s market time', () => {
    const bar = { start: Date.parse('2024-10-28T14:00:00Z'), open: 180, high: 181, low: 179, close: 180.5, volume: 100 };
    expect(legendText(bar, '1m', 'Europe/Berlin').slice(0, 16)).toBe('2024-10-28 15:00');
    expect(legendText(bar, '1m').slice(0, 16)).toBe('2024-10-28 10:00');
  });
});

describe('ChartModel forming bar', () => {
  const day = '2013-10-07';
  /** The 5m chart of a 1m stream: emits finer bars up to `to`, and the coarser bars ended by then. */
  function replay(interval: BarInterval, finerBars: ItemColumns, s: TradingSession) {
    const fine = barStream('1m');
    const coarse = barStream(interval);
    const complete = aggregateBars({ ts: finerBars.tsStart, values: finerBars.fields }, interval, s);
    const model = chart(coarse, { finer: fine, sessions: [s] });
    return {
      model,
      complete,
      /** Emits finer bars up to index `to` (exclusive), and every coarser bar that ended by then. */
      until(to: number) {
        emit(fine, finerBars, fine.count, to);
        const now = finerBars.tsEmit[to - 1];
        let end = coarse.count;
        while (end < complete.tsEmit.length && complete.tsEmit[end] <= now) end++;
        emit(coarse, complete, coarse.count, end);
        model.next(0, ROOM);
      },
      /** What aggregate-bars makes of the finer bars emitted so far: its latest bar. */
      aggregateSoFar() {
        const so = aggregateBars({ ts: fine.tsStart.data.subarray(0, fine.count), values: fine.fields.map((f) => f.data.subarray(0, fine.count)) }, interval, s);
        const k = so.tsStart.length - 1;
        return { start: so.tsStart[k], open: so.fields[0][k], high: so.fields[1][k], low: so.fields[2][k], close: so.fields[3][k], volume: so.fields[4][k] };
      },
    };
  }

  it('equals what aggregate-bars makes of the finer bars emitted so far, until the complete bar comes', () => {
    const r = replay('5m', minutes(at(day, '09:30'), 390), session(day));
    expect(r.model.forming()).toBeNull(); // nothing emitted
    for (const to of [1, 2, 4, 6, 9, 12, 388]) {
      r.until(to);
      expect(r.model.forming()).toEqual(r.aggregateSoFar());
    }
    r.until(390);
    expect(r.model.forming()).toBeNull(); // the 15:55 bar is complete: nothing is forming
    expect(r.model.drawn).toBe(78);
  });

  it('starts an extended-hours hour bar at the open, and has none without a finer stream', () => {
    const extended = session(day, 'extended');
    const r = replay('1h', minutes(at(day, '04:00'), 45), extended);
    r.until(25); // 04:00 … 04:24: the bucket from 03:30, cut at the 04:00 open
    expect(r.model.forming()).toEqual({ ...r.aggregateSoFar(), start: at(day, '04:00') });
    const alone = barStream('5m');
    emit(alone, minutes(at(day, '09:30'), 3));
    expect(chart(alone, { sessions: [session(day)] }).forming()).toBeNull();
  });
});

describe('charts a trader can read', () => {
  it.each([
    // A daily replay's 7 candles on a 600 px chart: spread over at least MIN_SLOTS bars from the left edge.
    [7, 600, 6, 3, { from: -0.6, to: 6.6 }],
    [2, 600, 6, 3, { from: -0.6, to: MIN_SLOTS - 0.4 }],
    [30, 600, 6, 3, { from: -0.6, to: 29.6 }],
    // Enough bars to fill the width at the normal spacing: the chart follows its right edge.
    [97, 600, 6, 3, null],
    [0, 600, 6, 3, null],
  ])('%s bars on %s px at %s px a bar', (count, width, spacing, offset, range) => {
    expect(fewBarsRange(count, width, spacing, offset)).toEqual(range);
  });

  it('the legend reads one bar in New York time, the day alone for daily bars', () => {
    const bar = { start: at('2013-10-07', '09:30'), open: 168.41, high: 169, low: 168.3, close: 168.9, volume: 1234567 };
    expect(legendText(bar, '1m')).toBe('2013-10-07 09:30  O 168.41  H 169.00  L 168.30  C 168.90 (+0.29%)  V 1,234,567');
    expect(legendText(bar, '1d')).toMatch(/^2013-10-07  O 168\.41 /);
    expect(legendText({ ...bar, open: 0.5, close: 0.45 }, '1m')).toContain('O 0.5000  H 169.00  L 168.30  C 0.4500 (-10.00%)');
  });

  it('the bar under the crosshair and the whole run for "fit"', () => {
    const stream = barStream('1m');
    const model = new ChartModel({ stream, finer: null, sessions: [session('2013-10-07')] }, new BurstTurns());
    emit(stream, minutes(at('2013-10-07', '09:30'), 400));
    model.next(0, () => 100);
    expect(model.loaded).toBe(100);
    expect(model.barAt(0)?.start).toBe(at('2013-10-07', '09:30') + 300 * MINUTE);
    expect(model.barAt(500)).toBeNull();
    expect(model.loadAll()).toEqual({ from: 0, to: 400, more: 300 });
    expect(model.barAt(0)?.start).toBe(at('2013-10-07', '09:30'));
    expect(model.logicalAt(model.timeAt(12.5))).toBeCloseTo(12.5);
  });
});
