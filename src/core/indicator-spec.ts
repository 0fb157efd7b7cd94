// The indicators a chart can draw, as the URL names them (`indicators=sma20,ema50,vwap,bb20,rsi14`):
// a kind and, except for VWAP, a period. Pure TypeScript; url-params.ts reads the link with it,
// the chart's indicator picker and indicator-series.ts use its specs.

import { ConfigError } from './replay-config';

export type IndicatorKind = 'sma' | 'ema' | 'bb' | 'rsi' | 'vwap';

export interface IndicatorSpec {
  readonly kind: IndicatorKind;
  /** Bars in the window (SMA, EMA, Bollinger, RSI); 0 for session VWAP, which has none. */
  readonly period: number;
}

/** Each kind: whether it takes a period, where it is drawn, what it is called on screen and the decimals of its legend. */
export const INDICATOR_KINDS: Record<IndicatorKind, { readonly period: boolean; readonly pane: 'price' | 'oscillator'; readonly title: string; readonly decimals: number }> = {
  sma: { period: true, pane: 'price', title: 'simple moving average', decimals: 2 },
  ema: { period: true, pane: 'price', title: 'exponential moving average', decimals: 2 },
  bb: { period: true, pane: 'price', title: 'Bollinger bands (2 standard deviations)', decimals: 2 },
  rsi: { period: true, pane: 'oscillator', title: 'relative strength index (Wilder)', decimals: 1 },
  vwap: { period: false, pane: 'price', title: 'session VWAP', decimals: 2 },
};

/** What the picker offers each chart (any period 2–500 works in a link). */
export const OFFERED_INDICATORS: readonly IndicatorSpec[] = [
  { kind: 'sma', period: 20 },
  { kind: 'ema', period: 50 },
  { kind: 'bb', period: 20 },
  { kind: 'vwap', period: 0 },
  { kind: 'rsi', period: 14 },
];

export const MAX_PERIOD = 500;

export function indicatorName(spec: IndicatorSpec): string {
  return spec.kind === 'vwap' ? 'vwap' : `${spec.kind}${spec.period}`;
}

/** One name (`sma20`, `vwap`) as a spec; a ConfigError naming the parameter otherwise. */
export function parseIndicator(text: string): IndicatorSpec {
  const name = text.trim().toLowerCase();
  const match = /^([a-z]+)(\d*)$/.exec(name);
  const kind = match?.[1] as IndicatorKind | undefined;
  const known = Object.keys(INDICATOR_KINDS).join(', ');
  if (!match || kind === undefined || !(kind in INDICATOR_KINDS)) {
    throw new ConfigError('indicators', `unknown indicator "${text.slice(0, 40)}"; known: ${known} (e.g. sma20,ema50,vwap,bb20,rsi14)`);
  }
  if (!INDICATOR_KINDS[kind].period) {
    if (match[2] !== '') throw new ConfigError('indicators', `"${text.slice(0, 40)}": ${kind} takes no period`);
    return { kind, period: 0 };
  }
  const period = Number(match[2]);
  if (match[2] === '' || !Number.isInteger(period) || period < 2 || period > MAX_PERIOD) {
    throw new ConfigError('indicators', `"${text.slice(0, 40)}": ${kind} needs a period from 2 to ${MAX_PERIOD} bars, e.g. ${kind}20`);
  }
  return { kind, period };
}

/** A comma-separated list, duplicates dropped, in the link's order. Empty text: no indicators. */
export function parseIndicators(value: string): IndicatorSpec[] {
  const specs: IndicatorSpec[] = [];
  for (const part of value.split(',')) {
    if (part.trim() === '') continue;
    const spec = parseIndicator(part);
    if (!specs.some((s) => indicatorName(s) === indicatorName(spec))) specs.push(spec);
  }
  return specs;
}

export function formatIndicators(specs: readonly IndicatorSpec[]): string {
  return specs.map(indicatorName).join(',');
}
