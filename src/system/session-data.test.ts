// SessionData under Node: streams registered at the coordinator's slots, output batches written in
// emission order, nothing visible before its batch, the run export and the invariant checker it
// feeds. The batches are built by hand, as the coordinator worker would post them.

import { describe, expect, it } from 'vitest';
import { AssertionError } from '../core/assert';
import { exchangeCode } from '../core/best-quote';
import { BarEnds } from '../core/emit-time';
import { BAR_FIELDS, MAX_FIELDS, QUOTE_TICK_FIELDS, TRADE_TICK_FIELDS, type ItemColumns } from '../core/item-columns';
import { RUN_EXPORT_HEADER } from '../core/run-export';
import { StreamType, type StreamKey } from '../core/stream-key';
import { tradingSession, type TradingSession } from '../core/trading-hours';
import type { BatchEvent } from '../worker/coordinator-api';
import { SessionData } from './session-data';

const MIN = 60_000;
const OPEN = Date.parse('2013-10-07T09:30:00-04:00');
const SESSIONS: TradingSession[] = [tradingSession('2013-10-07', 'regular') as TradingSession];

const SPY: StreamKey = { type: StreamType.BAR, symbol: 'SPY', interval: '1m' };
const AIG: StreamKey = { type: StreamType.BAR, symbol: 'AIG', interval: '1m' };
const SPY_5M: StreamKey = { type: StreamType.BAR, symbol: 'SPY', interval: '5m' };
const SPY_TRADES: StreamKey = { type: StreamType.TICK, symbol: 'SPY', interval: 'tick' };
const SPY_QUOTES: StreamKey = { type: StreamType.QUOTE, symbol: 'SPY', interval: 'tick' };

interface Item {
  readonly slot: number;
  readonly tsStart: number;
  readonly tsEmit: number;
  /** In fieldsOf(key) order. */
  readonly values: readonly number[];
}

/**
 * An output batch as the worker posts it: `spare` unused rows past `count` hold garbage, as a full
 * batch's whole buffers do, so a reader that looks past `count` is caught.
 */
function batch(items: readonly Item[], backtestTime: number, stride: number = MAX_FIELDS, spare = 2): BatchEvent {
  const rows = items.length + spare;
  const slot = new Int32Array(rows).fill(99);
  const tsStart = new Float64Array(rows).fill(-1);
  const tsEmit = new Float64Array(rows).fill(-1);
  const values = new Float64Array(rows * stride).fill(-1);
  items.forEach((item, i) => {
    slot[i] = item.slot;
    tsStart[i] = item.tsStart;
    tsEmit[i] = item.tsEmit;
    values.set(item.values, i * stride);
  });
  return { kind: 'batch', runId: 1, count: items.length, slot, tsStart, tsEmit, stride, values, backtestTime };
}

/** A 1-minute bar of stream `slot` starting `minute` minutes after the open, emitted at its end. */
function bar(slot: number, minute: number, close = 100 + minute): Item {
  return { slot, tsStart: OPEN + minute * MIN, tsEmit: OPEN + (minute + 1) * MIN, values: [close - 1, close + 1, close - 2, close, 1000 + minute] };
}

/** Every item stream `slot` holds, as plain rows. */
function itemsOf(data: SessionData, slot: number): Item[] {
  const s = data.streams[slot];
  return Array.from({ length: s.count }, (_, i) => ({ slot, tsStart: s.tsStart.data[i], tsEmit: s.tsEmit.data[i], values: s.values(i) }));
}

describe('SessionData', () => {
  it('registers each stream at the next slot, once', () => {
    const data = new SessionData();
    expect(data.registerStream(SPY)).toBe(0);
    expect(data.registerStream(AIG)).toBe(1);
    expect(data.registerStream(SPY_TRADES)).toBe(2);
    expect(data.hasStream(AIG)).toBe(true);
    expect(data.hasStream(SPY_5M)).toBe(false);
    expect(() => data.registerStream(AIG)).toThrow(/bar:AIG:1m is registered twice/);
    expect(data.streams.map((s) => s.fields.length)).toEqual([BAR_FIELDS.length, BAR_FIELDS.length, TRADE_TICK_FIELDS.length]);
  });

  it('holds nothing of a stream before its batch, and each item once its batch arrived', () => {
    const data = new SessionData();
    data.registerStream(SPY);
    data.registerStream(AIG);
    data.expect(0, 3);
    data.expect(1, 3);
    expect(data.streams.map((s) => s.count)).toEqual([0, 0]);
    expect(data.emitted).toBe(0);
    expect(data.exportCsv()).toBe(`${RUN_EXPORT_HEADER}\n`);

    data.append(batch([bar(0, 0)], OPEN + MIN));
    expect(itemsOf(data, 0)).toEqual([bar(0, 0)]);
    expect(itemsOf(data, 1)).toEqual([]); // AIG's first bar has not been emitted yet

    data.append(batch([bar(1, 0), bar(0, 1), bar(1, 1)], OPEN + 2 * MIN));
    expect(itemsOf(data, 0)).toEqual([bar(0, 0), bar(0, 1)]);
    expect(itemsOf(data, 1)).toEqual([bar(1, 0), bar(1, 1)]);
    expect(data.emitted).toBe(4);
    expect(data.checker.checked).toBe(4);
    expect(data.checker.total).toBe(0);
  });

  it('reads each item at its stride and nothing past the batch count', () => {
    const data = new SessionData();
    data.registerStream(SPY);
    data.append(batch([bar(0, 0), bar(0, 1)], OPEN + 2 * MIN, BAR_FIELDS.length, 3));
    data.append(batch([bar(0, 2)], OPEN + 3 * MIN, MAX_FIELDS, 5));
    expect(itemsOf(data, 0)).toEqual([bar(0, 0), bar(0, 1), bar(0, 2)]);
  });

  it('refuses a batch that names a stream it does not hold', () => {
    const data = new SessionData();
    data.registerStream(SPY);
    expect(() => data.append(batch([bar(1, 0)], OPEN + MIN))).toThrow(AssertionError);
    expect(data.streams[0].count).toBe(0);
  });

  it('grows past its first room, and a stream announced by expect() is not moved while it fills', () => {
    const data = new SessionData();
    data.registerStream(SPY);
    data.registerStream(AIG);
    data.expect(1, 2_000);
    const aigStarts = data.streams[1].tsStart.data;
    expect(aigStarts.length).toBeGreaterThanOrEqual(2_000);
    for (let from = 0; from < 2_000; from += 500) {
      const items = Array.from({ length: 500 }, (_, i) => [bar(0, from + i), bar(1, from + i)]).flat();
      data.append(batch(items, OPEN + (from + 500) * MIN));
    }
    expect(data.streams.map((s) => s.count)).toEqual([2_000, 2_000]);
    expect(data.streams[1].tsStart.data).toBe(aigStarts);
    expect(itemsOf(data, 0)[1_999]).toEqual(bar(0, 1_999));
    expect(data.exportSource().order.length).toBe(4_000);
    expect(data.checker.total).toBe(0);
  });

  it('hands out the run export in emission order across streams', () => {
    const data = new SessionData();
    data.registerStream(SPY);
    data.registerStream(SPY_TRADES);
    const trade: Item = { slot: 1, tsStart: OPEN + 30_000, tsEmit: OPEN + 30_000, values: [100.5, 300, exchangeCode('P')] };
    data.append(batch([trade, bar(0, 0)], OPEN + MIN));

    const source = data.exportSource();
    expect(Array.from(source.order)).toEqual([1, 0]);
    expect(source.streams.map((s) => s.tsStart.length)).toEqual([1, 1]);
    expect(source.streams[0].key).toBe(SPY);
    expect(data.exportCsv().split('\n')).toEqual([
      RUN_EXPORT_HEADER,
      `1,tick,SPY,tick,${OPEN + 30_000},${OPEN + 30_000},100.5,100.5,100.5,100.5,300`,
      `2,bar,SPY,1m,${OPEN},${OPEN + MIN},99,101,98,100,1000`,
      '',
    ]);
  });

  it('keeps the best bid and offer across exchanges for quote updates', () => {
    const data = new SessionData();
    data.registerStream(SPY_QUOTES);
    expect(QUOTE_TICK_FIELDS).toEqual(['bid_price', 'bid_size', 'ask_price', 'ask_size', 'exchange']);
    const quote = (ms: number, bid: number, bidSize: number, ask: number, askSize: number, exchange: string): Item => ({
      slot: 0,
      tsStart: OPEN + ms,
      tsEmit: OPEN + ms,
      values: [bid, bidSize, ask, askSize, exchangeCode(exchange)],
    });
    data.append(batch([quote(1, 169.9, 5, NaN, NaN, 'P'), quote(2, NaN, NaN, 170.1, 7, 'Q'), quote(3, 169.95, 2, 170.2, 9, 'Z')], OPEN + 3));
    expect(data.streams[0].book?.best()).toEqual({ bid: 169.95, bidSize: 2, bidExchange: 'Z', ask: 170.1, askSize: 7, askExchange: 'Q' });
    expect(data.streams[0].count).toBe(3);
  });

  describe('the invariant checker it feeds', () => {
    it('is told of every item and reports an item the batch shows before the backtest time reached it', () => {
      const data = new SessionData();
      data.registerStream(SPY);
      data.append(batch([bar(0, 0), bar(0, 1)], OPEN + MIN)); // the second bar ends after the clock
      expect(data.checker.checked).toBe(2);
      expect(data.checker.counts['look-ahead']).toBe(1);
      expect(data.checker.violations[0]).toMatchObject({ kind: 'look-ahead', stream: 'SPY 1m', tsStart: OPEN + MIN });
    });

    it("names each stream and holds each bar to the stream's true bar end", () => {
      const data = new SessionData();
      data.registerStream(SPY_5M, new BarEnds(SESSIONS, '5m'));
      data.registerStream(SPY_TRADES);
      // A 5-minute bar stamped as ending after one minute (the one-minute-bar-end flaw).
      data.append(batch([{ slot: 0, tsStart: OPEN, tsEmit: OPEN + MIN, values: [1, 2, 0.5, 1.5, 10] }], OPEN + MIN));
      expect(data.checker.violations).toEqual([expect.objectContaining({ kind: 'look-ahead', stream: 'SPY 5m', tsEmit: OPEN + MIN })]);
      // Two trade prints at one instant are not duplicates: ticks may share a timestamp.
      const print: Item = { slot: 1, tsStart: OPEN + MIN, tsEmit: OPEN + MIN, values: [100, 1, exchangeCode('P')] };
      data.append(batch([print, print], OPEN + MIN));
      expect(data.checker.total).toBe(1);
      // A correctly stamped 5-minute bar, then a print older than its end: time went back, and the
      // trade stream was overtaken by the bars.
      data.append(batch([{ slot: 0, tsStart: OPEN + 5 * MIN, tsEmit: OPEN + 10 * MIN, values: [1, 2, 0.5, 1.5, 10] }], OPEN + 10 * MIN));
      expect(data.checker.total).toBe(1);
      data.append(batch([{ ...print, tsStart: OPEN + 2 * MIN, tsEmit: OPEN + 2 * MIN }], OPEN + 10 * MIN));
      expect(data.checker.counts['time-backwards']).toBe(1);
      expect(data.checker.violations.at(-1)).toMatchObject({ kind: 'overtaken', stream: 'SPY tick tick' });
    });

    it('reports a preloaded fetch as look-ahead, and each preloaded item again when it is emitted', () => {
      const data = new SessionData();
      data.registerStream(SPY);
      const fetched: ItemColumns = {
        tsStart: Float64Array.of(OPEN, OPEN + MIN),
        tsEmit: Float64Array.of(OPEN + MIN, OPEN + 2 * MIN),
        fields: bar(0, 0).values.map((v, f) => Float64Array.of(v, bar(0, 1).values[f])),
      };
      data.preload(0, fetched, OPEN);
      // Visible at once, before anything was emitted: that is the flaw the checker reports.
      expect(itemsOf(data, 0)).toEqual([bar(0, 0), bar(0, 1)]);
      expect(data.checker.counts['look-ahead']).toBe(2);
      data.append(batch([bar(0, 0)], OPEN + MIN));
      expect(data.checker.counts.duplicate).toBe(1);
      expect(data.streams[0].count).toBe(3);
    });

    it('reports items fed but never emitted when the run completes (as the SystemManager calls it)', () => {
      const data = new SessionData();
      data.registerStream(SPY);
      data.expect(0, 3);
      data.append(batch([bar(0, 0)], OPEN + MIN));
      data.checker.completed(data.streams.map((s) => s.expected));
      expect(data.checker.violations).toEqual([expect.objectContaining({ kind: 'dropped', message: 'SPY 1m: 2 of 3 items fed were never emitted' })]);
    });
  });

  it('starts empty again after reset(), ready for the same streams', () => {
    const data = new SessionData();
    data.registerStream(SPY);
    data.append(batch([bar(0, 0), bar(0, 1)], OPEN + MIN));
    data.reset();
    expect(data.streams).toEqual([]);
    expect(data.emitted).toBe(0);
    expect(data.checker.checked).toBe(0);
    expect(data.checker.total).toBe(0);
    expect(data.registerStream(SPY)).toBe(0);
    data.append(batch([bar(0, 5)], OPEN + 6 * MIN));
    expect(data.exportCsv().split('\n').slice(1, -1)).toEqual([`1,bar,SPY,1m,${OPEN + 5 * MIN},${OPEN + 6 * MIN},104,106,103,105,1005`]);
  });
});
