// Blind practice (`blind=SEED`) on the page: the replay a seed picks, what the address bar shows
// while it is hidden, and when it is revealed. Plain TypeScript, main thread; the page controller
// calls it, App.svelte hides the symbol, the date and absolute prices while `hidden(state)`.

import type { CatalogEntry } from '../core/catalog-entry';
import { pickBlindDay, type BlindDay } from '../core/blind-pick';
import type { ReplayConfigInput } from '../core/replay-config';
import type { SystemSnapshot } from '../system/system-snapshot';
import { formFromFields, type ReplayForm } from './replay-form';

export interface BlindState {
  readonly seed: number;
  /** The picked day (null until the catalog has arrived). */
  day: BlindDay | null;
  /** Reveal was pressed, or the run ended. */
  revealed: boolean;
}

/** The hidden replay: the picked symbol's one-minute bars of the picked day, regular hours; the link's speed and start kept. */
export function blindForm(entries: readonly CatalogEntry[], blind: BlindState, overrides: ReplayConfigInput): ReplayForm {
  const day = pickBlindDay(entries, blind.seed);
  blind.day = day;
  return formFromFields('', { symbols: day.symbol, from: day.day, interval: '1m', hours: 'regular', speed: overrides.speed, start: overrides.start });
}

/** While hidden the address bar names the seed, not the day: a shared link stays blind. */
export function blindQuery(blind: BlindState, form: ReplayForm, autostart: boolean): string {
  const params = new URLSearchParams({ blind: String(blind.seed), speed: form.speed });
  if (form.start) params.set('start', form.start);
  if (autostart) params.set('autostart', '1');
  return params.toString();
}

/** The run of the hidden day ended (completed or stopped): the day is revealed. */
export function endsBlind(snapshot: SystemSnapshot): boolean {
  return snapshot.endedAt !== null && snapshot.wallStartedAt !== null;
}

/** The symbol, date and absolute prices are hidden. */
export function hidden(blind: BlindState | null): boolean {
  return blind !== null && !blind.revealed;
}
