// What a chart marks of its market's trading sessions, in that market's local time: each new
// trading day's open (labelled with the day, MM-DD), a session that resumes after a break the same
// day (Tokyo's lunch: its local time, "12:30"), and the close of an early-close day ("early close
// 13:00"). Pure TypeScript, any thread; ui/chart-model.ts places them on the bars.

import type { Market } from './market';
import type { TradingSession } from './trading-hours';
import { zoneClockText } from './zone-clock';

/**
 * How a session starts on a chart: `day` — the first session of a trading day; `break` — a
 * session after a break on the same day. A 24/7 market's sessions are UTC days, so its charts are
 * marked at each UTC midnight, as its day (the day is what a crypto trader reads a daily bar by).
 */
export type SessionStartKind = 'day' | 'break';

export interface SessionMarks {
  /** Per session (same order as the sessions): how it starts and its label. */
  readonly starts: readonly { readonly kind: SessionStartKind; readonly label: string }[];
  /** The sessions that end at an early close (the calendar's), with the label of their close. */
  readonly earlyCloses: readonly { readonly close: number; readonly label: string }[];
}

const localHHMM = (zone: string, utcMs: number) => zoneClockText(zone, utcMs).slice(11, 16);

/** The marks of `sessions` (sorted by open, as marketSessions gives them) of `market`. */
export function sessionMarks(market: Market, sessions: readonly TradingSession[]): SessionMarks {
  const starts = sessions.map((s, i) =>
    i > 0 && sessions[i - 1].day === s.day ? { kind: 'break' as const, label: localHHMM(market.zone, s.open) } : { kind: 'day' as const, label: s.day.slice(5) },
  );
  const earlyCloses: { close: number; label: string }[] = [];
  sessions.forEach((s, i) => {
    const lastOfDay = sessions[i + 1]?.day !== s.day;
    if (lastOfDay && market.calendar(s.day)?.kind === 'early-close') earlyCloses.push({ close: s.close, label: `early close ${localHHMM(market.zone, s.close)}` });
  });
  return { starts, earlyCloses };
}
