// Each indicator against values computed here, independently, from the bars up to t only: the
// series is fed one bar at a time while the arrays already hold the later bars, so a value that
// used bar t+1 differs from the expected one and fails.

import { describe, expect, it } from 'vitest';
import { exchangeWallToUtc } from './exchange-time';
import { IndicatorSeries, type BarSource } from './indicator-series';
import { parseIndicator } from './indicator-spec';
import type { Market } from './market';
import { CRYPTO_24_7, FX_24_5, TSE, US_EQUITIES } from './markets';

interface Bar { start: number; high: number; low: number; close: number; volume: number }

/** Two New York sessions of one-minute bars from a seeded walk, with a bar of no volume. */
function makeBars(): Bar[] {
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const bars: Bar[] = [];
  let close = 100;
  for (const day of ['2013-10-07', '2013-10-08']) {
    for (let m = 0; m < 60; m++) {
      close = Math.round((close + (random() - 0.5) * 0.6) * 100) / 100;
      const high = close + random() * 0.2;
      const low = close - random() * 0.2;
      bars.push({ start: exchangeWallToUtc(day, 9 * 60 + 30 + m), high, low, close, volume: m === 10 ? 0 : Math.round(1000 + random() * 5000) });
    }
  }
  return bars;
}

/** The whole day's columns, with `count` saying how many bars SessionData holds. */
function source(bars: Bar[]): BarSource & { count: number } {
  const col = (f: (b: Bar) => number) => ({ data: Float64Array.from(bars, f) });
  return { count: 0, tsStart: col((b) => b.start), fields: [col((b) => b.close), col((b) => b.high), col((b) => b.low), col((b) => b.close), col((b) => b.volume)] };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Independent formulas: each takes the bars up to t (the prefix) and gives the values at t. */
const EXPECTED: Record<string, (prefix: Bar[]) => number[]> = {
  sma20: (p) => (p.length < 20 ? [NaN] : [mean(p.slice(-20).map((b) => b.close))]),
  ema50: (p) => {
    const alpha = 2 / 51;
    let ema = p[0].close;
    for (const b of p.slice(1)) ema = alpha * b.close + (1 - alpha) * ema;
    return [p.length < 50 ? NaN : ema];
  },
  bb20: (p) => {
    if (p.length < 20) return [NaN, NaN, NaN];
    const xs = p.slice(-20).map((b) => b.close);
    const m = mean(xs);
    const sd = Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
    return [m + 2 * sd, m, m - 2 * sd];
  },
  rsi14: (p) => {
    const n = 14;
    if (p.length < n + 1) return [NaN];
    const moves = p.slice(1).map((b, k) => b.close - p[k].close);
    let gain = mean(moves.slice(0, n).map((d) => Math.max(d, 0)));
    let loss = mean(moves.slice(0, n).map((d) => Math.max(-d, 0)));
    for (const d of moves.slice(n)) {
      gain = (gain * (n - 1) + Math.max(d, 0)) / n;
      loss = (loss * (n - 1) + Math.max(-d, 0)) / n;
    }
    return [loss === 0 ? 100 : 100 - 100 / (1 + gain / loss)];
  },
  vwap: (p) => {
    const day = new Date(p[p.length - 1].start).toISOString().slice(0, 10);
    const today = p.filter((b) => new Date(b.start).toISOString().slice(0, 10) === day && b.volume > 0);
    if (today.length === 0) return [NaN];
    const pv = today.reduce((s, b) => s + ((b.high + b.low + b.close) / 3) * b.volume, 0);
    return [pv / today.reduce((s, b) => s + b.volume, 0)];
  },
};

describe('IndicatorSeries', () => {
  const bars = makeBars();
  for (const name of Object.keys(EXPECTED)) {
    it(`${name} at each bar equals the value from the bars up to that bar only`, () => {
      const series = new IndicatorSeries(parseIndicator(name));
      const src = source(bars);
      let defined = 0;
      for (let t = 0; t < bars.length; t++) {
        src.count = t + 1;
        series.sync(src);
        const expected = EXPECTED[name](bars.slice(0, t + 1));
        expected.forEach((value, k) => {
          const got = series.value(k, t);
          if (Number.isNaN(value)) expect(got, `${name} line ${k} at bar ${t}`).toBeNaN();
          else {
            expect(got, `${name} line ${k} at bar ${t}`).toBeCloseTo(value, 9);
            defined++;
          }
        });
      }
      expect(defined).toBeGreaterThan(40);
    });
  }

  it('a value does not change once later bars arrive, and a step back recomputes the same values', () => {
    const series = new IndicatorSeries(parseIndicator('rsi14'));
    const src = source(bars);
    src.count = 80;
    series.sync(src);
    const at79 = series.value(0, 79);
    src.count = bars.length;
    expect(series.sync(src)).toBe(80);
    expect(series.value(0, 79)).toBe(at79);
    src.count = 79; // rewound: bar 79 is gone again
    expect(series.sync(src)).toBe(0);
    expect(series.value(0, 79)).toBeNaN();
    src.count = 80;
    series.sync(src);
    expect(series.value(0, 79)).toBe(at79);
  });

  it('session VWAP starts afresh on the second day', () => {
    const series = new IndicatorSeries(parseIndicator('vwap'));
    const src = source(bars);
    src.count = 61;
    series.sync(src);
    const first = bars[60];
    expect(series.value(0, 60)).toBeCloseTo((first.high + first.low + first.close) / 3, 9);
  });
});

describe("session VWAP starts afresh at each trading day of the stream's own market", () => {
  /** Bars at each `step` minutes from `from` (UTC ms) for `hours` hours, from a seeded walk. */
  function barsFrom(from: number, hours: number, step: number): Bar[] {
    let seed = 11;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const bars: Bar[] = [];
    let close = 50;
    for (let m = 0; m < hours * 60; m += step) {
      close = Math.round((close + (random() - 0.5) * 0.4) * 100) / 100;
      bars.push({ start: from + m * 60_000, high: close + random() * 0.1, low: close - random() * 0.1, close, volume: Math.round(100 + random() * 900) });
    }
    return bars;
  }

  /** The VWAP at each bar from the bars of its own day (`dayOf`) up to it, computed here. */
  function expectVwap(market: Market, bars: Bar[], dayOf: (ms: number) => string): number {
    const series = new IndicatorSeries(parseIndicator('vwap'), market);
    const src = source(bars);
    let resets = 0;
    for (let t = 0; t < bars.length; t++) {
      src.count = t + 1;
      series.sync(src);
      const day = dayOf(bars[t].start);
      if (t > 0 && dayOf(bars[t - 1].start) !== day) resets++;
      const today = bars.slice(0, t + 1).filter((b) => dayOf(b.start) === day);
      const pv = today.reduce((s, b) => s + ((b.high + b.low + b.close) / 3) * b.volume, 0);
      expect(series.value(0, t), `${market.id} bar ${t}`).toBeCloseTo(pv / today.reduce((s, b) => s + b.volume, 0), 9);
    }
    return resets;
  }

  const dateAt = (offsetHours: number) => (ms: number) => new Date(ms + offsetHours * 3_600_000).toISOString().slice(0, 10);

  it('24/7: at UTC midnight, not New York midnight', () => {
    // Saturday 2024-03-09 00:00 UTC for 48 hours, a bar every 30 minutes.
    expect(expectVwap(CRYPTO_24_7, barsFrom(Date.UTC(2024, 2, 9), 48, 30), dateAt(0))).toBe(1);
  });

  it('FX: at the 17:00 New York roll (winter: 22:00 UTC)', () => {
    // Sunday 2024-01-14 17:00 New York (22:00 UTC) to Tuesday evening, hourly: Monday's and Tuesday's days.
    expect(expectVwap(FX_24_5, barsFrom(Date.UTC(2024, 0, 14, 22), 44, 60), dateAt(-5 + 7))).toBe(1);
  });

  it("Tokyo: at Tokyo's date, not in the afternoon session where New York's date changes", () => {
    // 2024-01-15 and -16, 09:00–11:30 and 12:30–15:00 Tokyo (UTC+9) in 10-minute bars.
    const bars = [Date.UTC(2024, 0, 15), Date.UTC(2024, 0, 16)].flatMap((midnightUtc) =>
      barsFrom(midnightUtc, 6, 10).filter((b) => {
        const minute = (b.start - midnightUtc) / 60_000; // minutes after 09:00 Tokyo (00:00 UTC)
        return minute < 150 || (minute >= 210 && minute < 360);
      }),
    );
    expect(expectVwap(TSE, bars, dateAt(9))).toBe(1);
  });

  it('US equities: at the New York date, as before (the default market)', () => {
    const bars = makeBars();
    const series = new IndicatorSeries(parseIndicator('vwap'));
    const withMarket = new IndicatorSeries(parseIndicator('vwap'), US_EQUITIES);
    const src = source(bars);
    src.count = bars.length;
    series.sync(src);
    withMarket.sync(src);
    expect(Array.from(withMarket.lines[0].subarray(0, bars.length))).toEqual(Array.from(series.lines[0].subarray(0, bars.length)));
  });
});
