// What one candlestick chart shows, without drawing it: which bars the chart library holds (the
// window, smaller in a burst), the session markers (its own market's, core/session-marks.ts), and
// the forming bar of a coarser stream. Plain TypeScript, main thread; CandleChart.svelte owns one
// per chart and draws what it says. Times here are epoch ms; the component turns them into the
// chart's time (chart-time.ts).

import { groupDigits } from '../core/group-digits';
import { aggregateBars } from '../core/aggregate-bars';
import { firstAfter, firstAtOrAfter } from '../core/bisect';
import { isFilled } from '../core/fill-forward';
import { BAR_FIELDS } from '../core/item-columns';
import { EXCHANGE_TIME_ZONE } from '../core/exchange-time';
import type { Market } from '../core/market';
import { US_EQUITIES } from '../core/markets';
import { sessionMarks, type SessionMarks } from '../core/session-marks';
import { zoneClockText } from '../core/zone-clock';
import { intervalMs, isBarInterval } from '../core/stream-key';
import { sessionAt, type TradingSession } from '../core/trading-hours';
import type { StreamItems } from '../system/session-data';
import type { BurstTurns } from './burst-turns';
import { logicalToTime, timeToLogical } from './chart-axis-link';

/** Above this many new bars in one draw, one setData is cheaper than many updates: a burst. */
export const BULK = 64;
/**
 * In a burst (a fast replay of a long range) the chart is handed only the latest bars it has room
 * to show, so a frame's work stays small however much was emitted: on a slow machine the chart's
 * own drawing costs about a millisecond per 30 bars. Once the burst is over the chart settles on
 * the latest WINDOW bars; scrolling back to the oldest loads older ones.
 */
export const WINDOW = 300;
/** A burst is over when no bars came for this long. */
export const SETTLE_MS = 300;
/** One chart redraws a burst at most this often. */
export const BURST_EVERY_MS = 200;
/** Scrolled to within this many bars of the oldest loaded one, older bars load. */
const NEAR_OLDEST = 10;

/**
 * Few bars (a daily replay's 6–9 candles, a run's first minutes) are spread across the width
 * instead of sitting at the right edge at the library's 6 px spacing; the chart keeps room for at
 * least this many, so that one bar is not a blob the width of the chart.
 */
export const MIN_SLOTS = 5;

/**
 * The visible range (logical: 0 is the first bar the chart holds) that spreads `count` bars
 * across a chart `width` px wide, or null when they fill it at `barSpacing` (with `rightOffset`
 * empty bars on the right) already: the chart then follows its right edge as usual.
 */
export function fewBarsRange(count: number, width: number, barSpacing: number, rightOffset: number): { from: number; to: number } | null {
  if (count === 0 || width <= 0 || (count + rightOffset) * barSpacing >= width) return null;
  return { from: -0.6, to: Math.max(count, MIN_SLOTS) - 0.4 };
}

/** A volume as a whole number with separators, without ICU (core/group-digits.ts). */
const volumeText = (volume: number) => groupDigits(Math.round(volume));

/** A price as the legend writes it: cents, or four places below a dollar. */
const priceText = (price: number) => price.toFixed(Math.abs(price) < 1 ? 4 : 2);

/** The OHLC legend of one bar: its start in its market's time (the day alone for daily bars), prices and volume. */
export function legendText(bar: ChartBar, interval: string, zone = EXCHANGE_TIME_ZONE): string {
  const time = zoneClockText(zone, bar.start);
  const when = interval === '1d' ? time.slice(0, 10) : time.slice(0, 16);
  const change = bar.open === 0 ? '' : ` (${bar.close >= bar.open ? '+' : ''}${(((bar.close - bar.open) / bar.open) * 100).toFixed(2)}%)`;
  return `${when}  O ${priceText(bar.open)}  H ${priceText(bar.high)}  L ${priceText(bar.low)}  C ${priceText(bar.close)}${change}  V ${volumeText(bar.volume)}`;
}

/** Where each value sits among a bar stream's columns (BAR_FIELDS' order). */
export const BAR_COLUMN = Object.fromEntries(BAR_FIELDS.map((name, i) => [name, i])) as Record<(typeof BAR_FIELDS)[number], number>;

/** The streams a chart reads; read at each call (the component's props). */
export interface ChartSource {
  readonly stream: StreamItems;
  /** A finer bar stream of the same symbol: the forming bar of this (coarser) one is drawn from it. */
  readonly finer: StreamItems | null;
  /** The trading sessions of this stream's own market (sorted by open). */
  readonly sessions: readonly TradingSession[];
  /** This stream's market (absent: US equities): its zone and calendar label the markers. */
  readonly market?: Market;
}

export interface ChartBar {
  readonly start: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/**
 * A marked bar: a trading session's first bar (after the first session), or the last bar before
 * an early close. Its label is in the market's local time.
 */
export interface SessionMarker {
  readonly start: number;
  /** A new day's first session: the day as MM-DD; after a break: the local time ("12:30"); an early close: "early close 13:00". */
  readonly label: string;
  /** Absent: a new trading day; `break`: a session after a break the same day (Tokyo's lunch); `early-close`: the day's last bar. */
  readonly kind?: 'break' | 'early-close';
}

/**
 * How a draw hands bars to the chart:
 * none — nothing new (only the forming bar may change); append — one update per new bar;
 * reload — every loaded bar again (a theme change recolours them); burst — only the latest
 * window, at once, and settle later; pop — a step back took the last few bars away: the chart
 * pops them (lightweight-charts 5's series.pop), bars from … to − 1; restart — the stream shrank
 * below what the chart holds, or by more than a few bars: the latest window.
 */
export type DrawKind = 'none' | 'append' | 'reload' | 'burst' | 'pop' | 'restart';

/**
 * The draw's kind, from the bars on the chart, the bars emitted and whether all must be redrawn.
 * `loadedFrom`, the oldest bar the chart holds, is given by a chart that can pop bars.
 */
export function drawKind(drawn: number, count: number, all: boolean, loadedFrom: number | null = null): DrawKind {
  if (count < drawn) return !all && loadedFrom !== null && count > loadedFrom && drawn - count <= BULK ? 'pop' : 'restart';
  if (count - drawn > BULK) return 'burst';
  if (all) return 'reload';
  return count === drawn ? 'none' : 'append';
}

/** What the component does: hand bars from … to − 1 as `kind` says; `wait`: try again next frame. */
export interface DrawPlan {
  readonly kind: DrawKind | 'wait';
  readonly from: number;
  readonly to: number;
  /** The session markers changed: hand the chart markers(). */
  readonly markersChanged: boolean;
}

/** Bars from … to − 1 to hand the chart with setData, `more` of them older than before. */
export interface OlderBars {
  readonly from: number;
  readonly to: number;
  readonly more: number;
}

export class ChartModel {
  /** Bars handed to the chart so far: it holds bars loadedFrom … drawn − 1. */
  private drawnCount = 0;
  private loadedFrom = 0;
  /** When this chart last redrew a burst: its own, never another chart's. */
  private lastBurst = -Infinity;
  private starts: SessionMarker[] = [];
  /** The session of the last bar markSessions looked at (−1: none yet). */
  private sessionIndex = -1;
  private opens = new Float64Array(0);
  private opensOf: readonly TradingSession[] | null = null;
  private marks: SessionMarks = { starts: [], earlyCloses: [] };
  /** The last bars before early closes, marked; and how many early closes were looked at. */
  private closes: SessionMarker[] = [];
  private closeIndex = 0;

  constructor(
    private readonly source: ChartSource,
    /** Shared by the charts of a page (burst-turns.ts). */
    private readonly turns: BurstTurns,
  ) {}

  /** Bars handed to the chart. */
  get drawn(): number {
    return this.drawnCount;
  }

  /** Bars the chart holds (the latest ones; older ones load when scrolled back to). */
  get loaded(): number {
    return this.drawnCount - this.loadedFrom;
  }

  /** How many trading sessions the drawn bars span. */
  get sessionCount(): number {
    return this.drawnCount === 0 ? 0 : this.starts.length + 1;
  }

  /**
   * Plans the next draw at `now` and takes it as done. `room` is how many bars fill the chart's
   * width; it is asked only in a burst (reading the chart's time scale is not free).
   */
  next(now: number, room: () => number, all = false): DrawPlan {
    const count = this.source.stream.count;
    const kind = drawKind(this.drawnCount, count, all, this.loadedFrom);
    if (kind === 'burst' && !this.takeBurstTurn(now)) return { kind: 'wait', from: this.drawnCount, to: this.drawnCount, markersChanged: false };
    if (kind === 'none') return { kind, from: count, to: count, markersChanged: false };
    if (kind === 'pop') return { kind, from: count, to: this.popTo(count), markersChanged: this.unmarkAfter(count) };
    const FROM: Record<Exclude<DrawKind, 'none' | 'pop'>, () => number> = {
      append: () => this.drawnCount,
      reload: () => this.loadedFrom,
      burst: () => Math.max(0, count - Math.min(WINDOW, room())),
      restart: () => Math.max(0, count - Math.min(WINDOW, room())),
    };
    const from = FROM[kind]();
    if (kind !== 'append') this.loadedFrom = from;
    const marked = all || kind === 'restart' ? 0 : this.drawnCount;
    this.drawnCount = count;
    return { kind, from, to: count, markersChanged: this.markSessions(marked, count) };
  }

  /** The chart pops bars `count` … drawn − 1 (returns drawn); it now holds bars up to `count`. */
  private popTo(count: number): number {
    const drawn = this.drawnCount;
    this.drawnCount = count;
    return drawn;
  }

  /** Session markers of popped bars go; the session index is that of the last bar kept. True when markers changed. */
  private unmarkAfter(count: number): boolean {
    const last = this.source.stream.tsStart.data[count - 1];
    const before = this.starts.length + this.closes.length;
    this.starts = this.starts.filter((m) => m.start <= last);
    this.closes = this.closes.filter((m) => m.start <= last);
    this.sessionIndex = firstAfter(this.sessionOpens(), last) - 1;
    // An early close is looked at again once a bar reaches it (the kept bars end before it).
    const lastEmit = this.source.stream.tsEmit.data[count - 1];
    this.closeIndex = this.marks.earlyCloses.findIndex((c) => c.close > lastEmit);
    if (this.closeIndex < 0) this.closeIndex = this.marks.earlyCloses.length;
    return this.starts.length + this.closes.length !== before;
  }

  /** A burst redraw: this chart's own limit first, then the page's turn (burst-turns.ts). */
  private takeBurstTurn(now: number): boolean {
    if (now - this.lastBurst < BURST_EVERY_MS || !this.turns.take(now)) return false;
    this.lastBurst = now;
    return true;
  }

  /** The burst is over: the chart settles on the latest WINDOW bars (more than a burst shows). */
  settle(): OlderBars | null {
    return this.drawnCount > 0 ? this.loadOlder(this.loadedFrom - Math.max(0, this.drawnCount - WINDOW)) : null;
  }

  /** The person scrolled; `firstVisible` is the chart's logical index of the leftmost bar shown. */
  scrolled(firstVisible: number): OlderBars | null {
    return firstVisible <= NEAR_OLDEST ? this.loadOlder(Math.min(this.loadedFrom, WINDOW * 5)) : null;
  }

  private loadOlder(more: number): OlderBars | null {
    if (more <= 0) return null;
    this.loadedFrom -= more;
    return { from: this.loadedFrom, to: this.drawnCount, more };
  }

  /** Every bar emitted so far onto the chart (the "fit" control shows the whole run). */
  loadAll(): OlderBars | null {
    return this.loadOlder(this.loadedFrom);
  }

  /** The bar at the chart's logical index (the forming bar just after the last), or null. */
  barAt(logical: number): ChartBar | null {
    const i = this.loadedFrom + Math.round(logical);
    if (i >= this.loadedFrom && i < this.drawnCount) return this.bar(i);
    return i === this.drawnCount ? this.forming() : null;
  }

  /** The instant at a logical position of this chart (past either end, one interval a bar). */
  timeAt(logical: number): number {
    return logicalToTime(this.source.stream.tsStart.data, this.loadedFrom, this.drawnCount, logical, this.step());
  }

  /** The logical position of an instant on this chart: what a chart sharing the time axis scrolls to. */
  logicalAt(time: number): number {
    return timeToLogical(this.source.stream.tsStart.data, this.loadedFrom, this.drawnCount, time, this.step());
  }

  private step(): number {
    const interval = this.source.stream.key.interval;
    return isBarInterval(interval) ? intervalMs(interval) : 60_000;
  }

  /** Bar `i` of the stream. */
  bar(i: number): ChartBar & { readonly filled: boolean } {
    const { stream } = this.source;
    const value = (name: (typeof BAR_FIELDS)[number]) => stream.fields[BAR_COLUMN[name]].data[i];
    const volume = value('volume');
    // A bar filled forward (no trades that minute) is drawn as a grey dash.
    return { start: stream.tsStart.data[i], open: value('open'), high: value('high'), low: value('low'), close: value('close'), volume, filled: isFilled(volume) };
  }

  /** Session markers of the loaded bars only (a marker needs its bar on the chart). */
  markers(): SessionMarker[] {
    const first = this.drawnCount > this.loadedFrom ? this.source.stream.tsStart.data[this.loadedFrom] : Infinity;
    const shown = this.starts.filter((m) => m.start >= first);
    if (this.closes.length === 0) return shown;
    // The chart wants its markers in time order; early closes are few.
    return [...shown, ...this.closes.filter((m) => m.start >= first)].sort((a, b) => a.start - b.start);
  }

  /**
   * Marks the first bar of each trading session after the first, among bars from … to − 1. The
   * sessions are known, so a burst of thousands of new bars costs a bisection per session
   * boundary, not a look at every bar (nor a time-zone conversion per day). A replay without
   * sessions (live) has no boundaries. True when the markers changed.
   */
  private markSessions(from: number, to: number): boolean {
    if (from === 0) {
      this.starts = [];
      this.sessionIndex = -1;
      this.closes = [];
      this.closeIndex = 0;
    }
    const before = this.starts.length + this.closes.length;
    const opens = this.sessionOpens();
    const { starts } = this.marks;
    const ts = this.source.stream.tsStart.data;
    for (let i = from; i < to; ) {
      // The next session boundary after the current session; the bars before it are the same day.
      const boundary = this.sessionIndex + 1 < opens.length ? opens[this.sessionIndex + 1] : Infinity;
      const next = firstAtOrAfter(ts, boundary, i, to);
      if (next === to) break;
      // The last session opening at or before the bar (a day without bars is skipped).
      const index = firstAfter(opens, ts[next]) - 1;
      if (this.sessionIndex >= 0) this.starts.push(starts[index].kind === 'day' ? { start: ts[next], label: starts[index].label } : { start: ts[next], label: starts[index].label, kind: 'break' });
      this.sessionIndex = index;
      i = next + 1;
    }
    this.markEarlyCloses(to);
    return this.starts.length + this.closes.length !== before || from === 0;
  }

  /**
   * Marks the last bar before each early close the bars up to `to` have reached: the bar whose
   * end is the close (bars end at their session's close). A gap in the data at the close leaves
   * it unmarked.
   */
  private markEarlyCloses(to: number): void {
    const { earlyCloses } = this.marks;
    if (to === 0) return;
    const { tsStart, tsEmit } = this.source.stream;
    const lastEmit = tsEmit.data[to - 1];
    for (; this.closeIndex < earlyCloses.length && earlyCloses[this.closeIndex].close <= lastEmit; this.closeIndex++) {
      const { close, label } = earlyCloses[this.closeIndex];
      const k = firstAtOrAfter(tsEmit.data, close, 0, to);
      if (k < to && tsStart.data[k] < close) this.closes.push({ start: tsStart.data[k], label, kind: 'early-close' });
    }
  }

  /** The sessions' opens as a column, for bisection, and their marks; rebuilt only when the sessions change. */
  private sessionOpens(): Float64Array {
    const { sessions } = this.source;
    if (this.opensOf !== sessions) {
      this.opens = Float64Array.from(sessions, (s) => s.open);
      this.marks = sessionMarks(this.source.market ?? US_EQUITIES, sessions);
      this.opensOf = sessions;
    }
    return this.opens;
  }

  /**
   * The forming bar: the finer bars already emitted since this stream's last complete bar, as
   * aggregate-bars.ts builds a bar from them; the component draws it pale as a partial bar. It
   * never enters SessionData; the complete bar replaces it at its end. Null when there is none.
   */
  forming(): ChartBar | null {
    const { stream, finer, sessions } = this.source;
    const interval = stream.key.interval;
    if (!finer || !isBarInterval(interval)) return null;
    const lastEnd = this.drawnCount > 0 ? stream.tsEmit.data[this.drawnCount - 1] : -Infinity;
    const first = firstAtOrAfter(finer.tsStart.data, lastEnd, 0, finer.count);
    if (first === finer.count) return null;
    const session = sessionAt(sessions, finer.tsStart.data[first]);
    if (!session) return null;
    const since = (column: Float64Array) => column.subarray(first, finer.count);
    const bars = aggregateBars({ ts: since(finer.tsStart.data), values: finer.fields.map((f) => since(f.data)) }, interval, session);
    // One bucket, as the coarser bar of the finer ones since its last bar; the latest if ever more.
    const k = bars.tsStart.length - 1;
    const value = (name: (typeof BAR_FIELDS)[number]) => bars.fields[BAR_COLUMN[name]][k];
    return { start: bars.tsStart[k], open: value('open'), high: value('high'), low: value('low'), close: value('close'), volume: value('volume') };
  }
}
