// The stable URL parameters (design.md, "Stable hooks"): a shared link reproduces a replay.
// Pure TypeScript. Unknown parameters are ignored; an invalid one is a ConfigError naming it, and
// readReplayUrl names every invalid one while keeping the good ones (a link is never lost whole).

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
  parseStartTime,
  type ReplayConfigInput,
} from './replay-config';
import { parseBlindSeed } from './blind-pick';
import { parseIndicators, type IndicatorSpec } from './indicator-spec';

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

/** The page's views a link can open (`view=`). */
export const PAGE_VIEWS = ['replay', 'lab', 'data', 'verify'] as const;
export type PageView = (typeof PAGE_VIEWS)[number];

/** A link read whole: every good parameter kept, every bad one named (not only the first). */
export interface LinkReading {
  /** The replay the good parameters describe (a bad parameter is left out, as if not given). */
  readonly request: ReplayRequest;
  readonly view?: PageView;
  /** A teaching experiment's id, in the lab's kebab-case (`noGate` and `no_gate` read as `no-gate`). */
  readonly experiment?: string;
  /** Blind practice's seed (`blind=`): the page picks a hidden symbol-day with it (blind-pick.ts). */
  readonly blind?: number;
  /** The charts' indicators (`indicators=sma20,ema50,vwap,bb20,rsi14`): each chart starts with them. */
  readonly indicators?: readonly IndicatorSpec[];
  /** One error a bad parameter, in the order the link gives them. */
  readonly errors: readonly ConfigError[];
  /** The text of each bad parameter as the link gave it, by name: the address bar keeps it. */
  readonly bad: Readonly<Record<string, string>>;
}

type Overrides = { -readonly [K in keyof ReplayConfigInput]: ReplayConfigInput[K] };

/** Each replay parameter and what it sets: validated now, so that an error names the parameter, not a config field. */
const OVERRIDE_PARAMETERS: readonly (readonly [string, (value: string, o: Overrides) => void])[] = [
  ['symbols', (v, o) => (o.symbols = parseSymbols(v))],
  ['from', (v, o) => (o.from = parseDay(v, 'from'))],
  ['to', (v, o) => (o.to = parseDay(v, 'to'))],
  ['interval', (v, o) => (o.interval = parseIntervals(v))],
  ['hours', (v, o) => (o.hours = parseHours(v))],
  ['speed', (v, o) => (o.speed = parseSpeed(v))],
  ['mode', (v, o) => (o.mode = parseMode(v))],
  ['adjust', (v, o) => (o.adjust = parseAdjust(v))],
  ['gaps', (v, o) => (o.gaps = parseGaps(v))],
  ['quotes', (v, o) => (o.quotes = parseSymbols(v, 'quotes', false))],
  ['quote_ticks', (v, o) => (o.quote_ticks = parseSymbols(v, 'quote_ticks', false))],
  ['trades', (v, o) => (o.trades = parseSymbols(v, 'trades', false))],
  ['start', (v, o) => (o.start = parseStartTime(v))],
];

const EXPERIMENT_PATTERN = /^[a-z0-9][a-z0-9-]{0,60}$/;

/** `noGate`, `no_gate`, `No-Gate` → `no-gate`: the flaw's name in flaws.ts reads as the lab's id. */
export function experimentId(value: string): string {
  const id = value.trim().replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/_/g, '-').toLowerCase();
  if (!EXPERIMENT_PATTERN.test(id)) throw new ConfigError('experiment', `experiment "${value}" is not an experiment id such as no-gate`);
  return id;
}

function parseView(value: string): PageView {
  if ((PAGE_VIEWS as readonly string[]).includes(value)) return value as PageView;
  throw new ConfigError('view', `view must be ${PAGE_VIEWS.join(', ')}; got ${JSON.stringify(value)}`);
}

/** Reads `location.search` (with or without "?") against the page's base URL; never throws. */
export function readReplayUrl(search: string, baseUrl: string): LinkReading {
  const params = new URLSearchParams(search);
  const errors: ConfigError[] = [];
  const bad: Record<string, string> = {};
  /** The parameter's value read by `parse`, or undefined when absent or bad (then it is named). */
  const read = <T>(name: string, parse: (value: string) => T): T | undefined => {
    const value = params.get(name);
    if (value === null) return undefined;
    try {
      return parse(value);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      errors.push(e.field === name ? e : new ConfigError(name, e.message));
      bad[name] = value;
      return undefined;
    }
  };
  const overrides: Overrides = {};
  for (const [name, apply] of OVERRIDE_PARAMETERS) read(name, (value) => apply(value, overrides));
  const configName = read('config', parseConfigName);
  // A start is only parsed here (HH:MM): its session is its first market's, which only the data
  // names — the page checks it against the catalog (run-start.ts `checkLinkStart`), the run when it starts.
  const dbUrl = read('db', (value) => resolveDbUrl(value, baseUrl));
  const autostart = read('autostart', (value) => {
    if (value !== '0' && value !== '1') throw new ConfigError('autostart', `autostart must be 1 or 0; got "${value}"`);
    return value === '1';
  });
  const view = read('view', parseView);
  const experiment = read('experiment', experimentId);
  const blind = read('blind', parseBlindSeed);
  const indicators = read('indicators', parseIndicators);
  // The link's own order, so the message reads like the address bar.
  const order = [...params.keys()];
  errors.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
  return { request: { configName, overrides, dbUrl, autostart: autostart ?? false }, view, experiment, blind, indicators, errors, bad };
}

/** The link's parameters of the page rather than of the replay: a bad one never stops a replay. */
const PAGE_FIELDS: ReadonlySet<string> = new Set(['view', 'experiment', 'blind', 'indicators']);

/** Parses the replay parameters of a query; the first bad one throws a ConfigError naming it. */
export function parseReplayUrl(search: string, baseUrl: string): ReplayRequest {
  const reading = readReplayUrl(search, baseUrl);
  const first = reading.errors.find((e) => !PAGE_FIELDS.has(e.field));
  if (first) throw first;
  return reading.request;
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
  if (o.start !== undefined && o.start !== '') params.set('start', String(o.start));
  if (o.speed !== undefined) params.set('speed', String(o.speed));
  if (request.dbUrl !== undefined) params.set('db', request.dbUrl);
  if (request.autostart) params.set('autostart', '1');
  return params.toString();
}
