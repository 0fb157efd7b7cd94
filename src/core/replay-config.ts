// The replay config (the design note's "session config"): what to replay, validated with
// messages a person can act on. Pure TypeScript; the SystemManager calls it on the main thread.
// Two checks: the shape (this file's parse…), then against the data that exists (checkAgainstCatalog).

import type { PriceAdjustment } from './corporate-actions';
import { ConfigError } from './config-error';
import { isCalendarDay } from './exchange-time';
import { formatMinute } from './market';
import type { GapPolicy } from './fill-forward';
import { BAR_INTERVALS, isBarInterval, type BarInterval } from './stream-key';
import { HOURS, type Hours } from './trading-hours';
import { ensureDefined } from './assert';
import { SYMBOL_PATTERN, SYMBOL_RULE } from './row-rules';

export type Speed = number | 'max';
/** backtest: replay recorded data through the gate; live: a simulated feed on the wall clock, no gate. */
export type Mode = 'backtest' | 'live';

export interface ReplayConfig {
  readonly name: string;
  readonly symbols: readonly string[];
  /** New York dates, inclusive. */
  readonly from: string;
  readonly to: string;
  readonly intervals: readonly BarInterval[];
  readonly hours: Hours;
  readonly speed: Speed;
  readonly mode: Mode;
  /** Symbols replayed as 1-minute quote (bid/ask) bars. */
  readonly quotes: readonly string[];
  /** Symbols replayed as quote updates (per-exchange, one side each; the page derives the best bid/ask). */
  readonly quoteTicks: readonly string[];
  /** Symbols replayed as trade prints. */
  readonly trades: readonly string[];
  /** Prices as recorded ('raw', the default) or adjusted for splits ('split'). */
  readonly adjust: PriceAdjustment;
  /** A minute without trades: shown as a gap (default) or filled forward with a flat bar. */
  readonly gaps: GapPolicy;
  /** `HH:MM` New York on the first day: items before it are emitted at once, as history; pacing begins there. */
  readonly start?: string;
}

/** The same fields as they may appear in a JSON file or a URL, before validation. */
export interface ReplayConfigInput {
  name?: unknown;
  description?: unknown;
  symbols?: unknown;
  from?: unknown;
  to?: unknown;
  interval?: unknown;
  hours?: unknown;
  speed?: unknown;
  mode?: unknown;
  quotes?: unknown;
  quote_ticks?: unknown;
  trades?: unknown;
  adjust?: unknown;
  gaps?: unknown;
  start?: unknown;
}

export const MAX_SPEED_VALUE = 100_000;
export const MIN_SPEED_VALUE = 0.0001;
const KNOWN_FIELDS = new Set(['name', 'description', 'symbols', 'from', 'to', 'interval', 'hours', 'speed', 'mode', 'quotes', 'quote_ticks', 'trades', 'adjust', 'gaps', 'start']);

export { ConfigError };

export function parseConfigText(text: string, source: string): ReplayConfigInput {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConfigError('config', `${source} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError('config', `${source} must be a JSON object with fields such as "symbols" and "from"`);
  }
  const unknown = Object.keys(value).filter((k) => !KNOWN_FIELDS.has(k));
  if (unknown.length > 0) {
    throw new ConfigError(unknown[0], `${source} has an unknown field "${unknown[0]}" (known: ${[...KNOWN_FIELDS].join(', ')})`);
  }
  return value as ReplayConfigInput;
}

export function parseSymbols(value: unknown, field = 'symbols', required = true): string[] {
  const list = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(list)) throw new ConfigError(field, `${field} must be a list such as ["SPY", "IBM"] or "SPY,IBM"`);
  const symbols: string[] = [];
  for (const item of list) {
    if (typeof item !== 'string') throw new ConfigError(field, `${field} must be text; got ${JSON.stringify(item)}`);
    const symbol = item.trim().toUpperCase();
    if (symbol === '') continue;
    if (!SYMBOL_PATTERN.test(symbol)) {
      throw new ConfigError(field, `"${item}" is not a ticker symbol (${SYMBOL_RULE})`);
    }
    if (!symbols.includes(symbol)) symbols.push(symbol);
  }
  if (symbols.length === 0 && required) throw new ConfigError(field, 'no symbols given: name at least one, such as SPY');
  return symbols.sort();
}

export function parseDay(value: unknown, field: 'from' | 'to'): string {
  if (typeof value !== 'string' || !isCalendarDay(value)) {
    throw new ConfigError(field, `${field} must be a date written YYYY-MM-DD, such as 2013-10-07; got ${JSON.stringify(value)}`);
  }
  return value;
}

export function parseIntervals(value: unknown): BarInterval[] {
  const list = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(list) || list.length === 0) {
    throw new ConfigError('interval', `interval must be one of ${BAR_INTERVALS.join(', ')}; got ${JSON.stringify(value)}`);
  }
  const intervals: BarInterval[] = [];
  for (const item of list) {
    const text = typeof item === 'string' ? item.trim() : '';
    if (!isBarInterval(text)) {
      throw new ConfigError('interval', `"${String(item)}" is not an interval; use ${BAR_INTERVALS.join(', ')}`);
    }
    if (!intervals.includes(text)) intervals.push(text);
  }
  return intervals;
}

/** One of a few allowed words, or a ConfigError: "`field` must be `hint`; got …". */
function oneOf<T extends string>(field: string, value: unknown, choices: readonly T[], hint: string): T {
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
  throw new ConfigError(field, `${field} must be ${hint}; got ${JSON.stringify(value)}`);
}

export function parseHours(value: unknown): Hours {
  return oneOf('hours', value, HOURS, '"regular" (09:30–16:00) or "extended" (04:00–20:00)');
}

export function parseSpeed(value: unknown): Speed {
  if (value === 'max') return 'max';
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(number) || number < MIN_SPEED_VALUE || number > MAX_SPEED_VALUE) {
    throw new ConfigError(
      'speed',
      `speed must be "max" or a number from ${MIN_SPEED_VALUE} to ${MAX_SPEED_VALUE} (times real time); got ${JSON.stringify(value)}`,
    );
  }
  return number;
}

export function parseMode(value: unknown): Mode {
  return oneOf('mode', value, ['backtest', 'live'], '"backtest" (replay recorded data) or "live" (a simulated live feed)');
}

/**
 * Validates every field; defaults: to = from, interval 1m, hours regular, speed 60, backtest. A
 * start is only parsed here: whether it falls in the session depends on the run's first market,
 * which only the data names — the SystemManager checks it there (`openGate`), and the page checks a
 * link's or saved replay's against the catalog (`checkLinkStart`).
 */
export function validateReplayConfig(input: ReplayConfigInput): ReplayConfig {
  const quotes = parseSymbols(input.quotes ?? [], 'quotes', false);
  const quoteTicks = parseSymbols(input.quote_ticks ?? [], 'quote_ticks', false);
  const trades = parseSymbols(input.trades ?? [], 'trades', false);
  const others = quotes.length + quoteTicks.length + trades.length > 0;
  if (input.symbols === undefined && !others) throw new ConfigError('symbols', 'no symbols given: name at least one, such as SPY');
  const mode = parseMode(input.mode ?? 'backtest');
  if (mode === 'live') return validateLiveConfig(input);
  if (input.from === undefined) throw new ConfigError('from', 'no start date given: set "from" to a date such as 2013-10-07');
  const symbols = parseSymbols(input.symbols ?? [], 'symbols', !others);
  const from = parseDay(input.from, 'from');
  const to = input.to === undefined ? from : parseDay(input.to, 'to');
  if (to < from) throw new ConfigError('to', `to (${to}) is before from (${from})`);
  const everything = [...new Set([...symbols, ...quotes, ...quoteTicks, ...trades])];
  const hours = parseHours(input.hours ?? 'regular');
  const start = input.start === undefined || input.start === '' ? undefined : parseStartTime(input.start);
  const name = typeof input.name === 'string' && input.name.trim() !== '' ? input.name.trim() : `${everything.join(', ')} ${from === to ? from : `${from} to ${to}`}`;
  return {
    name,
    symbols,
    from,
    to,
    intervals: parseIntervals(input.interval ?? '1m'),
    hours,
    speed: parseSpeed(input.speed ?? 60),
    mode,
    quotes,
    quoteTicks,
    trades,
    adjust: parseAdjust(input.adjust ?? 'raw'),
    gaps: parseGaps(input.gaps ?? 'gap'),
    start,
  };
}

/** Live mode: symbols (each starts from its last recorded price) and a speed; dates do not apply. */
function validateLiveConfig(input: ReplayConfigInput): ReplayConfig {
  const symbols = parseSymbols(input.symbols ?? [], 'symbols', true);
  return {
    name: typeof input.name === 'string' && input.name.trim() !== '' ? input.name.trim() : `${symbols.join(', ')} live (simulated)`,
    symbols,
    from: '',
    to: '',
    intervals: [],
    hours: 'extended',
    speed: 'max',
    mode: 'live',
    quotes: [],
    quoteTicks: [],
    trades: [],
    adjust: 'raw',
    gaps: 'gap',
  };
}

export function parseGaps(value: unknown): GapPolicy {
  return oneOf('gaps', value, ['gap', 'fill'], '"gap" (show minutes without trades as gaps) or "fill" (fill them forward)');
}

export function parseAdjust(value: unknown): PriceAdjustment {
  return oneOf('adjust', value, ['raw', 'split'], '"raw" (prices as traded) or "split" (split-adjusted)');
}

/** Quote and tick streams the data holds: `${kind}|${symbol}` → days, kinds quote:1m, quote:tick, tick:tick. */
export type ItemCatalog = ReadonlyMap<string, readonly string[]>;

const ITEM_KINDS = [
  { field: 'quotes', kind: 'quote:1m', what: 'quote bars' },
  { field: 'quote_ticks', kind: 'quote:tick', what: 'quote updates' },
  { field: 'trades', kind: 'tick:tick', what: 'trade prints' },
] as const;

/** Checks the quote and tick streams against the data; returns their days with data, by `${kind}|${symbol}`. */
export function checkItemsAgainstCatalog(config: ReplayConfig, items: ItemCatalog): Map<string, string[]> {
  const days = new Map<string, string[]>();
  const lists = { quotes: config.quotes, quote_ticks: config.quoteTicks, trades: config.trades };
  for (const { field, kind, what } of ITEM_KINDS) {
    for (const symbol of lists[field]) {
      const all = items.get(`${kind}|${symbol}`);
      if (!all) {
        const have = [...items.keys()].filter((k) => k.startsWith(`${kind}|`)).map((k) => k.split('|')[1]);
        throw new ConfigError(field, `there are no ${what} for ${symbol}: the data has ${what} for ${have.join(', ') || 'no symbol'}`);
      }
      const inRange = all.filter((d) => d >= config.from && d <= config.to);
      if (inRange.length === 0) throw new ConfigError(field, `no ${what} for ${symbol} in ${config.from} to ${config.to} (it has ${all[0]} to ${all[all.length - 1]})`);
      days.set(`${kind}|${symbol}`, inRange);
    }
  }
  return days;
}

/** Which days hold data, per symbol and interval: what the repository reports. */
export type Catalog = ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;

/** Every symbol must be in the data: the page checks a link's symbols with this as soon as the catalog arrives. */
export function checkSymbolsKnown(symbols: readonly string[], catalog: Catalog): void {
  const unknown = symbols.filter((s) => !catalog.has(s));
  if (unknown.length === 0) return;
  const known = [...catalog.keys()].sort();
  throw new ConfigError('symbols', `unknown symbol${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: the data has ${known.join(', ') || 'no symbols'}`);
}

/**
 * Checks the config against the data: every symbol must exist and have rows in the range.
 * Returns, per symbol and interval, the days to replay (days without data are skipped).
 */
export function checkAgainstCatalog(config: ReplayConfig, catalog: Catalog): Map<string, string[]> {
  if (config.symbols.length === 0) return new Map();
  checkSymbolsKnown(config.symbols, catalog);
  const daysBySymbol = new Map<string, string[]>();
  if (config.mode === 'live') {
    // Live: each symbol starts from its last recorded day.
    for (const symbol of config.symbols) {
      const days = ensureDefined(catalog.get(symbol), `the catalog entry of ${symbol}`).get('1m') ?? [];
      daysBySymbol.set(symbol, days.slice(-1));
    }
    return daysBySymbol;
  }
  const empty: string[] = [];
  for (const symbol of config.symbols) {
    const byInterval = ensureDefined(catalog.get(symbol), `the catalog entry of ${symbol}`);
    for (const interval of config.intervals) {
      const days = byInterval.get(interval);
      if (days === undefined) {
        throw new ConfigError('interval', `${symbol} has no ${interval} data (it has ${[...byInterval.keys()].join(', ')})`);
      }
      const inRange = days.filter((d) => d >= config.from && d <= config.to);
      if (inRange.length === 0) {
        const all = [...days].sort();
        empty.push(`${symbol} (has ${all[0]} to ${all[all.length - 1]})`);
      }
      daysBySymbol.set(symbol, inRange);
    }
  }
  if (empty.length > 0) {
    const range = config.from === config.to ? config.from : `${config.from} to ${config.to}`;
    throw new ConfigError('from', `no data in ${range} for ${empty.join('; ')}`);
  }
  return daysBySymbol;
}

// `start=HH:MM`: where a replay's pacing begins, on the wall clocks of the run's first market on
// its first trading day (start-time.ts reads it and checks it against that market's sessions; the
// SystemManager turns it into the "go to" target that opens the run: items before it are emitted
// at once, as history).

const PATTERN = /^([01]?\d|2[0-3]):([0-5]\d)$/;
/** "9:45" or "09:45" → "09:45"; anything else is a ConfigError naming `start`. */
export function parseStartTime(value: unknown): string {
  const match = typeof value === 'string' ? PATTERN.exec(value.trim()) : null;
  if (!match) throw new ConfigError('start', `start must be a time written HH:MM, on the clock of the replay's first market (New York for US equities), such as 10:30; got ${JSON.stringify(value)}`);
  return formatMinute(Number(match[1]) * 60 + Number(match[2]));
}
