// Indicator values of one bar stream, computed only from the bars already in SessionData, bar by
// bar, with trading-signals (typed, incremental). Pure TypeScript on the main thread: the chart's
// ChartIndicators (ui/chart-indicators.ts) syncs one IndicatorSeries a drawn indicator, with its
// stream's market (the session VWAP starts afresh at that market's trading day).
// The values are a function of the bars so far: when the stream has fewer bars than were computed
// (a step back rewound SessionData), sync() starts over from bar 0, so it always equals a fresh
// computation over what is visible now — the seam a "rewound to t" event composes with.

import { BollingerBands, EMA, RSI, SMA, VWAP } from 'trading-signals';
import type { Market } from './market';
import { tradingDayOf } from './market-spec';
import { US_EQUITIES } from './markets';
import { BAR_FIELDS } from './item-columns';
import { indicatorName, type IndicatorSpec } from './indicator-spec';

/** A bar stream's columns as SessionData holds them (StreamItems fits). */
export interface BarSource {
  readonly count: number;
  readonly tsStart: { readonly data: Float64Array };
  readonly fields: readonly { readonly data: Float64Array }[];
}

const HIGH = BAR_FIELDS.indexOf('high');
const LOW = BAR_FIELDS.indexOf('low');
const CLOSE = BAR_FIELDS.indexOf('close');
const VOLUME = BAR_FIELDS.indexOf('volume');

/** One step of an indicator: bar `i` in, its line values out (NaN while the window fills). */
type Stepper = (source: BarSource, i: number) => number[];

/** What a stepper is made from: the indicator and its stream's market. */
type StepperOf = (spec: IndicatorSpec, market: Market) => Stepper;

/** Each kind as a table row: its lines and a fresh stepper (library object inside). */
const KINDS: Record<IndicatorSpec['kind'], { lines: (spec: IndicatorSpec) => string[]; stepper: StepperOf }> = {
  sma: {
    lines: (s) => [indicatorName(s)],
    stepper: (s) => {
      const sma = new SMA(s.period);
      return (src, i) => [sma.add(src.fields[CLOSE].data[i]) ?? NaN];
    },
  },
  ema: {
    lines: (s) => [indicatorName(s)],
    // trading-signals seeds the EMA with the first close; it is shown once `period` bars are in (isStable).
    stepper: (s) => {
      const ema = new EMA(s.period);
      return (src, i) => {
        const value = ema.add(src.fields[CLOSE].data[i]);
        return [ema.isStable && value !== null ? value : NaN];
      };
    },
  },
  bb: {
    lines: (s) => [`${indicatorName(s)} upper`, `${indicatorName(s)} middle`, `${indicatorName(s)} lower`],
    stepper: (s) => {
      const bands = new BollingerBands(s.period, 2);
      return (src, i) => {
        const b = bands.add(src.fields[CLOSE].data[i]);
        return b ? [b.upper, b.middle, b.lower] : [NaN, NaN, NaN];
      };
    },
  },
  rsi: {
    lines: (s) => [indicatorName(s)],
    stepper: (s) => {
      const rsi = new RSI(s.period);
      return (src, i) => [rsi.add(src.fields[CLOSE].data[i]) ?? NaN];
    },
  },
  vwap: {
    lines: () => ['vwap'],
    // Session VWAP: a fresh one at the first bar of each trading day of the stream's market (US
    // equities, Tokyo, Berlin, London: the local date; 24/7: the UTC date; FX: the day that opens
    // at 17:00 New York). A bar without volume (filled forward) leaves it where it was.
    stepper: (_, market) => {
      let vwap = new VWAP();
      let day = '';
      return (src, i) => {
        const today = tradingDayOf(market, src.tsStart.data[i]);
        if (today !== day) {
          vwap = new VWAP();
          day = today;
        }
        const f = src.fields;
        const value = vwap.add({ high: f[HIGH].data[i], low: f[LOW].data[i], close: f[CLOSE].data[i], volume: f[VOLUME].data[i] });
        return [value ?? vwap.getResult() ?? NaN];
      };
    },
  },
};

export class IndicatorSeries {
  /** The line names: one, or upper/middle/lower for Bollinger bands. */
  readonly names: readonly string[];
  /** One array a line, value at bar i (NaN before the window is full); valid up to `computed`. */
  lines: Float64Array[];
  private step: Stepper;
  private done = 0;

  constructor(
    readonly spec: IndicatorSpec,
    /** The stream's market: where a trading day starts (the session VWAP's reset). */
    private readonly market: Market = US_EQUITIES,
  ) {
    this.names = KINDS[spec.kind].lines(spec);
    this.lines = this.names.map(() => new Float64Array(256));
    this.step = KINDS[spec.kind].stepper(spec, market);
  }

  /** Bars computed so far. */
  get computed(): number {
    return this.done;
  }

  /**
   * Brings the values up to the source's bars; returns the first bar whose values changed (the
   * caller redraws from there). Fewer bars than computed — a step back — recomputes from bar 0.
   */
  sync(source: BarSource): number {
    let changedFrom = this.done;
    if (source.count < this.done) {
      this.step = KINDS[this.spec.kind].stepper(this.spec, this.market);
      this.done = 0;
      changedFrom = 0;
    }
    if (source.count > this.lines[0].length) {
      let length = this.lines[0].length * 2;
      while (length < source.count) length *= 2;
      this.lines = this.lines.map((old) => {
        const grown = new Float64Array(length);
        grown.set(old);
        return grown;
      });
    }
    for (let i = this.done; i < source.count; i++) {
      const values = this.step(source, i);
      for (let k = 0; k < values.length; k++) this.lines[k][i] = values[k];
    }
    this.done = source.count;
    return changedFrom;
  }

  /** Line `k`'s value at bar `i` (NaN while its window fills). */
  value(k: number, i: number): number {
    return i < this.done ? this.lines[k][i] : NaN;
  }
}
