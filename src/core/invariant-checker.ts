// The invariant checker: watches every item that reaches SessionData, in every run, and reports
// what a correct replay never does. Pure TypeScript; the SystemManager feeds it on the main
// thread. Invariants (issue: teaching experiments):
//  - backtest time never goes backwards;
//  - each stream's items arrive in order, none twice;
//  - no stream is overtaken while unfinished (an item older than one already emitted);
//  - no bar is visible in SessionData before its end time (no look-ahead);
//  - no bar is emitted after its session closed (it is cut at the close, or at a break);
//  - nothing is dropped: at completion every stream emitted all it was fed;
//  - a pause acts at once.
// Bar ends and session closes are the stream's own market's (emit-time.ts's BarEnds, from
// market.ts): Tokyo's lunch break, a 24/7 day, FX's Friday close, each side's own DST dates.

import { EXCHANGE_TIME_ZONE } from './exchange-time';
import { zoneClockText, zoneNote } from './zone-clock';

export type ViolationKind = 'time-backwards' | 'overtaken' | 'stream-order' | 'duplicate' | 'look-ahead' | 'past-close' | 'dropped' | 'late-pause';

export const VIOLATION_TITLES: Record<ViolationKind, string> = {
  'time-backwards': 'backtest time went backwards',
  overtaken: 'a stream was overtaken while unfinished',
  'stream-order': "a stream's items came out of order",
  duplicate: 'an item arrived twice',
  'look-ahead': 'a bar was visible before its end time',
  'past-close': 'a bar was emitted after its session closed',
  dropped: 'items were dropped',
  'late-pause': 'a pause did not act at once',
};

export interface Violation {
  readonly kind: ViolationKind;
  readonly message: string;
  /** The offending item's stream and times, when there is one. */
  readonly stream?: string;
  readonly tsStart?: number;
  readonly tsEmit?: number;
}

/** How late a pause may be acknowledged before it counts as "not at once". */
export const PAUSE_LIMIT_MS = 250;
/** Only the first violations are kept with their details; all are counted. */
const KEEP = 100;

/** When a stream's bar truly ends, and when its session closes, in its market (emit-time.ts's BarEnds). */
export interface BarEndClock {
  end(tsStart: number): number;
  /** The close (or break) of the session the bar starts in; −Infinity outside every session. */
  sessionClose(tsStart: number): number;
  /** The market's IANA zone: messages give this stream's times in it. */
  readonly zone: string;
}

interface StreamState {
  readonly name: string;
  /** When a bar of this stream truly ends (emit-time rule), to catch bars emitted before it. */
  readonly trueEnd: BarEndClock | null;
  /** Writes a time of this stream as its market's wall clock reads it, for messages… */
  readonly stamp: (ms: number) => string;
  /** …and says which clock that is, unless New York's (" (Tokyo time)"). */
  readonly clockNote: string;
  /** Ticks may share a timestamp (their order within the stream keeps the source's). */
  readonly ticks: boolean;
  lastStart: number;
  emitted: number;
  /** Items made visible ahead of time (the look-ahead flaw), to recognise their second arrival. */
  readonly preloaded: Set<number>;
}

export class InvariantChecker {
  private streams: StreamState[] = [];
  private maxEmit = -Infinity;
  private maxEmitStream = '';
  checked = 0;
  readonly counts: Record<ViolationKind, number> = emptyCounts();
  readonly violations: Violation[] = [];

  reset(): void {
    this.streams = [];
    this.maxEmit = -Infinity;
    this.maxEmitStream = '';
    this.checked = 0;
    this.violations.length = 0;
    for (const kind of Object.keys(this.counts) as ViolationKind[]) this.counts[kind] = 0;
  }

  addStream(name: string, trueEnd: BarEndClock | null = null, ticks = false): number {
    this.streams.push({ name, trueEnd, stamp: stamper(trueEnd?.zone), clockNote: zoneNote(trueEnd?.zone ?? EXCHANGE_TIME_ZONE, (place) => ` (${place} time)`), ticks, lastStart: -Infinity, emitted: 0, preloaded: new Set() });
    return this.streams.length - 1;
  }

  get total(): number {
    return Object.values(this.counts).reduce((a, b) => a + b, 0);
  }

  /** An item emitted by the coordinator, in arrival order; `backtestTime` is the clock after its batch. */
  emitted(stream: number, tsStart: number, tsEmit: number, backtestTime: number): void {
    const s = this.streams[stream];
    this.checked++;
    s.emitted++;
    if (s.preloaded.size > 0 && s.preloaded.delete(tsStart)) {
      this.reportOf(s, 'duplicate', `${s.name} ${s.stamp(tsStart)} was already in SessionData (written ahead) and arrived again`, tsStart, tsEmit);
    } else if (tsStart === s.lastStart && !s.ticks) {
      this.reportOf(s, 'duplicate', `${s.name} ${s.stamp(tsStart)} arrived twice`, tsStart, tsEmit);
    } else if (tsStart < s.lastStart) {
      this.reportOf(s, 'stream-order', `${s.name} ${s.stamp(tsStart)} arrived after ${s.stamp(s.lastStart)}`, tsStart, tsEmit);
    }
    if (tsStart > s.lastStart) s.lastStart = tsStart;
    if (tsEmit < this.maxEmit) {
      this.reportOf(s, 'time-backwards', `${s.name} ending ${s.stamp(tsEmit)} arrived after an item ending ${s.stamp(this.maxEmit)}`, tsStart, tsEmit);
      if (s.name !== this.maxEmitStream) {
        this.reportOf(s, 'overtaken', `${s.name} was overtaken: ${this.maxEmitStream} had already reached ${s.stamp(this.maxEmit)} while ${s.name} still had ${s.stamp(tsEmit)}`, tsStart, tsEmit);
      }
    } else {
      this.maxEmit = tsEmit;
      this.maxEmitStream = s.name;
    }
    if (tsEmit > backtestTime) {
      this.reportOf(s, 'look-ahead', `${s.name} ending ${s.stamp(tsEmit)} was in SessionData at ${s.stamp(backtestTime)}`, tsStart, tsEmit);
    }
    if (s.trueEnd === null) return;
    const end = s.trueEnd.end(tsStart);
    if (tsEmit < end) {
      this.reportOf(s, 'look-ahead', `${s.name} from ${s.stamp(tsStart)} ends at ${s.stamp(end)} but was emitted at ${s.stamp(tsEmit)}`, tsStart, tsEmit);
    }
    const close = s.trueEnd.sessionClose(tsStart);
    if (tsEmit > close && close > -Infinity) {
      this.reportOf(s, 'past-close', `${s.name} from ${s.stamp(tsStart)} was emitted at ${s.stamp(tsEmit)}, after its session closed at ${s.stamp(close)}`, tsStart, tsEmit);
    }
  }

  /**
   * A step back took `removed` items of stream `stream` out of SessionData: the checker forgets
   * them, so that their second arrival is checked as the first was (not as a duplicate), and the
   * stream's last start is `lastStart` again (−Infinity: none left).
   */
  streamSteppedBack(stream: number, removed: number, lastStart: number): void {
    const s = this.streams[stream];
    s.emitted -= removed;
    s.lastStart = lastStart;
    this.checked -= removed;
  }

  /** …and the latest emit time in SessionData is `maxEmit` again, of stream `stream` (−1: none). */
  timeSteppedBack(maxEmit: number, stream: number): void {
    this.maxEmit = maxEmit;
    this.maxEmitStream = stream >= 0 ? this.streams[stream].name : '';
  }

  /** An item written into SessionData without being emitted (the look-ahead flaw's preload). */
  visibleAhead(stream: number, tsStart: number, tsEmit: number, backtestTime: number): void {
    const s = this.streams[stream];
    this.checked++;
    s.preloaded.add(tsStart);
    if (tsEmit > backtestTime) {
      this.reportOf(s, 'look-ahead', `${s.name} ending ${s.stamp(tsEmit)} was in SessionData at ${s.stamp(backtestTime)}`, tsStart, tsEmit);
    }
  }

  /** The run completed: every stream must have emitted all it was fed. */
  completed(fedPerStream: readonly number[]): void {
    fedPerStream.forEach((fed, i) => {
      const s = this.streams[i];
      if (s && s.emitted < fed) this.report({ kind: 'dropped', message: `${s.name}: ${fed - s.emitted} of ${fed} items fed were never emitted`, stream: s.name });
    });
  }

  /**
   * The engine's own safety net caught an item older than the backtest time and stopped the run:
   * its stream was overtaken, and emitting it would have turned the clock back.
   */
  engineRefused(message: string): void {
    this.report({ kind: 'overtaken', message: `a stream was overtaken; the coordinator refused its item: ${message}` });
    this.report({ kind: 'time-backwards', message: 'emitting that item would have turned backtest time back' });
  }

  pauseAcknowledged(latencyMs: number): void {
    if (latencyMs > PAUSE_LIMIT_MS) {
      // The message names the limit, not the measured time, so the same run reads the same every time.
      this.report({ kind: 'late-pause', message: `the pause did not act within ${PAUSE_LIMIT_MS} ms: the coordinator slept through the rest of the gap` });
    }
  }

  /** A violation of stream `s`, its times read on its market's clock (named unless New York's). */
  private reportOf(s: StreamState, kind: ViolationKind, text: string, tsStart: number, tsEmit: number): void {
    this.report({ kind, message: text + s.clockNote, stream: s.name, tsStart, tsEmit });
  }

  private report(violation: Violation): void {
    this.counts[violation.kind]++;
    if (this.violations.length < KEEP) this.violations.push(violation);
  }
}

function emptyCounts(): Record<ViolationKind, number> {
  return { 'time-backwards': 0, overtaken: 0, 'stream-order': 0, duplicate: 0, 'look-ahead': 0, 'past-close': 0, dropped: 0, 'late-pause': 0 };
}

/** Month-day and minute on a market's clock ("10-07 09:31"), for messages: New York's unless the stream's market has another zone. */
function stamper(zone: string = EXCHANGE_TIME_ZONE): (ms: number) => string {
  return (ms) => (Number.isFinite(ms) ? zoneClockText(zone, ms).slice(5, 16) : String(ms));
}
