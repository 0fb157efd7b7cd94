// The stable URL parameters (design.md, "Stable hooks"): a shared link reproduces a replay.
// Pure TypeScript. Unknown parameters are ignored; an invalid one is a ConfigError naming it.

import {
  ConfigError,
  parseDay,
  parseHours,
  parseIntervals,
  parseMode,
  parseSpeed,
  parseAdjust,
  parseGaps,
  parseSymbols,
  type ReplayConfigInput,
} from './replay-config';

export interface ReplayRequest {
  /** A bundled config name: `public/data/configs/NAME.json`. */
  readonly configName?: string;
  /** Fields given inline; they override the named config's. */
  readonly overrides: ReplayConfigInput;
  /** A SQLite file in the interchange schema, as an absolute same-origin URL. */
  readonly dbUrl?: string;
  readonly autostart: boolean;
}

const CONFIG_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,80}$/i;

export function parseConfigName(value: string): string {
  if (!CONFIG_NAME_PATTERN.test(value) || value.includes('..')) {
    throw new ConfigError('config', `config "${value}" is not a config name (letters, digits, "-", "_" or ".")`);
  }
  return value;
}

/** `db=` must stay on the page's own origin: a relative or absolute path, or a same-origin URL. */
export function resolveDbUrl(value: string, baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(value, baseUrl);
  } catch {
    throw new ConfigError('db', `db "${value}" is not a path or URL`);
  }
  if (url.origin !== new URL(baseUrl).origin) {
    throw new ConfigError('db', `db must be a file on this site (${new URL(baseUrl).origin}); "${value}" is on ${url.origin}`);
  }
  return url.href;
}

/** Parses `location.search` (with or without "?") against the page's base URL. */
export function parseReplayUrl(search: string, baseUrl: string): ReplayRequest {
  const params = new URLSearchParams(search);
  const overrides: ReplayConfigInput = {};
  const text = (name: string) => params.get(name) ?? undefined;
  const config = text('config');
  const symbols = text('symbols');
  const from = text('from');
  const to = text('to');
  const interval = text('interval');
  const hours = text('hours');
  const speed = text('speed');
  const mode = text('mode');
  const db = text('db');
  const autostart = text('autostart');
  const adjust = text('adjust');
  if (adjust !== undefined) overrides.adjust = parseAdjust(adjust);
  const gaps = text('gaps');
  if (gaps !== undefined) overrides.gaps = parseGaps(gaps);
  for (const field of ['quotes', 'quote_ticks', 'trades'] as const) {
    const value = text(field);
    if (value !== undefined) overrides[field] = parseSymbols(value, field, false);
  }
  // Each value is validated now so that the error names the parameter, not a config field.
  if (symbols !== undefined) overrides.symbols = parseSymbols(symbols);
  if (from !== undefined) overrides.from = parseDay(from, 'from');
  if (to !== undefined) overrides.to = parseDay(to, 'to');
  if (interval !== undefined) overrides.interval = parseIntervals(interval);
  if (hours !== undefined) overrides.hours = parseHours(hours);
  if (speed !== undefined) overrides.speed = parseSpeed(speed);
  if (mode !== undefined) overrides.mode = parseMode(mode);
  if (autostart !== undefined && autostart !== '0' && autostart !== '1') {
    throw new ConfigError('autostart', `autostart must be 1 or 0; got "${autostart}"`);
  }
  return {
    configName: config === undefined ? undefined : parseConfigName(config),
    overrides,
    dbUrl: db === undefined ? undefined : resolveDbUrl(db, baseUrl),
    autostart: autostart === '1',
  };
}

/** The URL query that reproduces a request (what a "share link" uses). */
export function formatReplayQuery(request: ReplayRequest): string {
  const params = new URLSearchParams();
  if (request.configName) params.set('config', request.configName);
  const o = request.overrides;
  if (o.symbols !== undefined) params.set('symbols', ([] as unknown[]).concat(o.symbols).join(','));
  if (o.from !== undefined) params.set('from', String(o.from));
  if (o.to !== undefined) params.set('to', String(o.to));
  if (o.interval !== undefined) params.set('interval', ([] as unknown[]).concat(o.interval).join(','));
  if (o.hours !== undefined) params.set('hours', String(o.hours));
  if (o.adjust !== undefined && o.adjust !== 'raw') params.set('adjust', String(o.adjust));
  if (o.gaps !== undefined && o.gaps !== 'gap') params.set('gaps', String(o.gaps));
  if (o.mode !== undefined && o.mode !== 'backtest') params.set('mode', String(o.mode));
  for (const field of ['quotes', 'quote_ticks', 'trades'] as const) {
    const list = ([] as unknown[]).concat(typeof o[field] === 'string' ? (o[field] as string).split(',').filter(Boolean) : (o[field] ?? []));
    if (list.length > 0) params.set(field, list.join(','));
  }
  if (o.speed !== undefined) params.set('speed', String(o.speed));
  if (request.dbUrl !== undefined) params.set('db', request.dbUrl);
  if (request.autostart) params.set('autostart', '1');
  return params.toString();
}
