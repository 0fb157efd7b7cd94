// The replay panel's fields and how they map to a ReplayRequest and to the stable URL
// parameters, so that a link reproduces the replay. Plain TypeScript, main thread.

import type { ReplayConfigInput } from '../core/replay-config';
import { formatReplayQuery, type ReplayRequest } from '../core/url-params';

export interface ReplayForm {
  /** Bundled config name, or '' for none. */
  config: string;
  symbols: string;
  from: string;
  to: string;
  interval: string;
  hours: string;
  speed: string;
  /** 'raw' or 'split' (split-adjusted prices). */
  adjust: string;
  /** 'gap' or 'fill' (fill minutes without trades forward). */
  gaps: string;
  /** 'backtest' or 'live'. */
  mode: string;
  /** Quote and tick streams, comma-separated symbols (kept from a config or link). */
  quotes: string;
  quoteTicks: string;
  trades: string;
  /** `HH:MM` New York: pacing begins there on the first day, the items before it are history ('' from the open). */
  start: string;
}

const list = (value: unknown) => ([] as unknown[]).concat(value ?? []).join(',');

/** A config's fields (with any overrides applied) as form text. */
export function formFromFields(config: string, fields: ReplayConfigInput): ReplayForm {
  return {
    config,
    symbols: list(fields.symbols),
    from: String(fields.from ?? ''),
    to: String(fields.to ?? fields.from ?? ''),
    interval: list(fields.interval ?? '1m'),
    hours: String(fields.hours ?? 'regular'),
    speed: String(fields.speed ?? '60'),
    adjust: String(fields.adjust ?? 'raw'),
    gaps: String(fields.gaps ?? 'gap'),
    mode: String(fields.mode ?? 'backtest'),
    quotes: list(fields.quotes),
    quoteTicks: list(fields.quote_ticks),
    trades: list(fields.trades),
    start: fields.start === undefined ? '' : String(fields.start),
  };
}

/** Every field is sent as an override: what the panel shows is exactly what replays. */
export function requestFromForm(form: ReplayForm, dbUrl?: string): ReplayRequest {
  if (form.mode === 'live') return { overrides: { symbols: form.symbols, mode: 'live' }, dbUrl, autostart: false };
  return {
    configName: form.config || undefined,
    overrides: {
      symbols: form.symbols,
      from: form.from,
      to: form.to || form.from,
      interval: form.interval,
      hours: form.hours,
      speed: form.speed === 'max' ? 'max' : form.speed,
      adjust: form.adjust,
      gaps: form.gaps,
      quotes: form.quotes,
      quote_ticks: form.quoteTicks,
      trades: form.trades,
      ...(form.start ? { start: form.start } : {}),
    },
    dbUrl,
    autostart: false,
  };
}

/** `autostart` stays in the link when the page was opened with it: a shared link keeps starting. */
export function queryFromForm(form: ReplayForm, dbUrl?: string, autostart = false): string {
  const request = requestFromForm(form, dbUrl);
  // Keep a same-origin db= as the path it was given, so the link stays short and portable.
  const query = formatReplayQuery({ ...request, dbUrl: undefined, autostart });
  return dbUrl ? `${query}&db=${encodeURIComponent(new URL(dbUrl).pathname)}` : query;
}
