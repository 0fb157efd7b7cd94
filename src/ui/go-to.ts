// "Go to": which market's wall clock the typed time is read on, which days it offers, and the
// instant it lands at — a time the clocks skipped (spring forward) is refused with the skipped
// hour named; a time they passed twice (fall back) is the first of the two, and the page says so.
// Plain TypeScript, main thread; Transport.svelte shows the fields and calls SystemManager.seek.

import { EXCHANGE_TIME_ZONE } from '../core/exchange-time';
import type { TradingSession } from '../core/trading-hours';
import { readWallTime, zonePlace } from '../core/zone-clock';

/** What "go to" needs of a market of the run (system/run-markets.ts's RunMarket). */
export interface GoToMarket {
  readonly id: string;
  readonly market: { readonly name: string; readonly zone: string };
  readonly sessions: readonly TradingSession[];
}

export interface GoToChoices {
  /** The markets to pick from: none unless the run has more than one. */
  readonly options: readonly { readonly id: string; readonly label: string }[];
  /** The market the time is read in: the one picked, else the run's first. */
  readonly id: string;
  readonly zone: string;
  /** "New York": said next to the field. */
  readonly place: string;
  /** The trading days offered (a day with a lunch break is listed once). */
  readonly days: readonly string[];
}

/**
 * The choices for `picked` (a market id, or '' for the default). A run with no markets (live
 * mode) or one market of US equities reads New York time over the run's sessions, as always.
 */
export function goToChoices(markets: readonly GoToMarket[], runSessions: readonly TradingSession[], picked: string): GoToChoices {
  const chosen = markets.find((m) => m.id === picked) ?? markets[0];
  const zone = chosen?.market.zone ?? EXCHANGE_TIME_ZONE;
  const sessions = markets.length > 1 && chosen ? chosen.sessions : runSessions;
  const places = markets.map((m) => zonePlace(m.market.zone));
  // Two markets of one zone (US equities and FX keep New York time) are told apart by name.
  const options = markets.length > 1 ? markets.map((m, i) => ({ id: m.id, label: `${places[i]} time${places.indexOf(places[i]) !== places.lastIndexOf(places[i]) ? ` (${m.market.name})` : ''}` })) : [];
  return { options, id: chosen?.id ?? '', zone, place: zonePlace(zone), days: [...new Set(sessions.map((s) => s.day))] };
}

export type GoToResult =
  | { readonly kind: 'seek'; readonly utc: number; readonly note: string | null }
  | { readonly kind: 'refused'; readonly message: string }
  /** Nothing to go to (no days yet, or no time typed): nothing happens, as before. */
  | { readonly kind: 'none' };

/** The instant `time` ("HH:MM") on `day` (else the first day) in `zone` — or why not. */
export function goToInstant(zone: string, days: readonly string[], day: string, time: string): GoToResult {
  const [h, m] = time.split(':').map(Number);
  const at = days.includes(day) ? day : days[0];
  if (at === undefined || !Number.isInteger(h) || !Number.isInteger(m)) return { kind: 'none' };
  const place = zonePlace(zone);
  const reading = readWallTime(zone, at, h * 60 + m);
  if (reading.kind === 'skipped') {
    return { kind: 'refused', message: `${time} did not happen on ${at} in ${place}: the clocks went from ${reading.from} straight to ${reading.to}. Pick a time outside ${reading.from}–${reading.to}.` };
  }
  if (reading.kind === 'repeated') {
    const back = Math.round((reading.later - reading.utc) / 60_000);
    return { kind: 'seek', utc: reading.utc, note: `${time} happened twice on ${at} in ${place} (the clocks went back ${back === 60 ? 'an hour' : `${back} minutes`}): going to the first, before the change.` };
  }
  return { kind: 'seek', utc: reading.utc, note: null };
}
