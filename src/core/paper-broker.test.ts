// Each fill rule of fill-model.ts, row by row, on hand-made bars: gaps through limits and stops,
// a stop and a target in one bar, orders placed mid-bar, in a missing minute and after a day's
// last bar (a half day); the accounts; the rewind; the trades export.

import { describe, expect, it } from 'vitest';
import { exchangeWallToUtc } from './exchange-time';
import { FILL_RULES } from './fill-model';
import type { BarSource } from './indicator-series';
import { orderProblem, PaperBroker, type OrderRequest } from './paper-broker';
import { PaperAccount } from './paper-account';
import { formatTradesExport, TRADES_EXPORT_HEADER } from './trades-export';

type Row = [minute: string, open: number, high: number, low: number, close: number];
const DAY = '2013-10-07';
const at = (hhmm: string, day = DAY) => {
  const [h, m] = hhmm.split(':').map(Number);
  return exchangeWallToUtc(day, h * 60 + m);
};

/** Bars of one symbol; `count` is how many SessionData holds (all, unless a test says). */
function bars(rows: Row[], day = DAY): BarSource & { count: number } {
  const col = (f: (r: Row) => number) => ({ data: Float64Array.from(rows, f) });
  return { count: rows.length, tsStart: col((r) => at(r[0], day)), fields: [col((r) => r[1]), col((r) => r[2]), col((r) => r[3]), col((r) => r[4]), col(() => 1000)] };
}

const BARS: Row[] = [
  ['09:30', 100, 101, 99.5, 100.5],
  ['09:31', 100.5, 100.8, 100.2, 100.6],
  ['09:32', 98, 98.5, 97.5, 98.2], // gapped down from 100.6
  ['09:33', 98.2, 99.0, 98.0, 98.9],
  ['09:35', 103, 104, 102.5, 103.5], // no 09:34 bar; gapped up
];

function run(request: Partial<OrderRequest>, placedAt: string, slippage = 0, source = bars(BARS)) {
  const broker = new PaperBroker();
  broker.place({ symbol: 'SPY', side: 'buy', qty: 100, type: 'market', ...request }, at(placedAt), 0, slippage);
  broker.advance('SPY', source);
  return broker;
}

describe('fill rules', () => {
  it('a market order fills at the open of the first bar starting at or after the clock', () => {
    expect(run({}, '09:31').trades().map((f) => [f.tsFill, f.price])).toEqual([[at('09:31'), 100.5]]);
    // Placed mid-bar (a tick moved the clock to 09:31:30): the 09:31 bar started before it.
    const mid = new PaperBroker();
    mid.place({ symbol: 'SPY', side: 'sell', qty: 10, type: 'market' }, at('09:31') + 30_000, 0, 0);
    mid.advance('SPY', bars(BARS));
    expect(mid.trades()[0]).toMatchObject({ tsFill: at('09:32'), price: 98 });
  });

  it('a market order placed in a missing minute fills at the next bar there is', () => {
    expect(run({}, '09:34').trades()[0]).toMatchObject({ tsFill: at('09:35'), price: 103 });
  });

  it('market and stop fills pay the slippage against the trader; limits do not', () => {
    expect(run({}, '09:31', 0.02).trades()[0].price).toBe(100.52);
    expect(run({ side: 'sell' }, '09:31', 0.02).trades()[0].price).toBe(100.48);
    expect(run({ type: 'limit', price: 100.3 }, '09:31', 0.02).trades()[0].price).toBe(100.3);
    expect(run({ side: 'sell', type: 'stop', price: 100.3 }, '09:31', 0.02).trades()[0].price).toBe(100.28);
  });

  it.each([
    ['limit buy reached within a bar fills at the limit', { type: 'limit', price: 100.3 }, '09:31', '09:31', 100.3],
    ['limit buy gapped through fills at the open (better)', { type: 'limit', price: 99 }, '09:31', '09:32', 98],
    ['limit sell gapped through fills at the open', { side: 'sell', type: 'limit', price: 102 }, '09:32', '09:35', 103],
    ['limit sell reached fills at the limit', { side: 'sell', type: 'limit', price: 100.7 }, '09:31', '09:31', 100.7],
    ['buy stop reached fills at the stop', { type: 'stop', price: 98.8 }, '09:32', '09:33', 98.8],
    ['buy stop gapped through fills at the open (worse)', { type: 'stop', price: 101 }, '09:31', '09:35', 103],
    ['sell stop gapped through fills at the open (worse)', { side: 'sell', type: 'stop', price: 100 }, '09:31', '09:32', 98],
    ['sell stop reached fills at the stop', { side: 'sell', type: 'stop', price: 99.8 }, '09:30', '09:30', 99.8],
  ] as const)('%s', (_, request, placed, filledAt, price) => {
    const trades = run(request, placed).trades();
    expect(trades.map((f) => [f.tsFill, f.price])).toEqual([[at(filledAt), price]]);
  });

  it('a limit or stop the bars never reach stays pending', () => {
    const broker = run({ type: 'limit', price: 90 }, '09:30');
    expect(broker.trades()).toEqual([]);
    expect(broker.status(broker.allOrders()[0])).toBe('pending');
  });

  it('a bar that reaches the stop and the target both: the stop first, and it cancels its OCO target', () => {
    const broker = new PaperBroker();
    broker.place({ symbol: 'SPY', side: 'buy', qty: 100, type: 'market' }, at('09:30'), 0, 0); // long at 100
    // Target 100.7 and stop 100.3: the 09:31 bar (100.2–100.8) reaches both.
    const target = broker.place({ symbol: 'SPY', side: 'sell', qty: 100, type: 'limit', price: 100.7, oco: 1 }, at('09:31'), 0, 0);
    const stop = broker.place({ symbol: 'SPY', side: 'sell', qty: 100, type: 'stop', price: 100.3, oco: 1 }, at('09:31'), 0, 0);
    broker.advance('SPY', bars(BARS));
    expect(broker.trades().map((f) => [f.orderId, f.price])).toEqual([[1, 100], [stop.id, 100.3]]);
    expect(broker.status(target)).toBe('cancelled');
    expect(broker.account('SPY').position).toBe(0);
    expect(broker.account('SPY').realized).toBeCloseTo(30, 9);
  });

  it('without a group both fill, the stop listed first', () => {
    const broker = new PaperBroker();
    broker.place({ symbol: 'SPY', side: 'sell', qty: 100, type: 'limit', price: 100.7 }, at('09:31'), 0, 0);
    broker.place({ symbol: 'SPY', side: 'sell', qty: 100, type: 'stop', price: 100.3 }, at('09:31'), 0, 0);
    broker.advance('SPY', bars(BARS));
    expect(broker.trades().map((f) => f.type)).toEqual(['stop', 'limit']);
  });

  it('partial days: an order after a half day\'s last bar waits for the next session; after the data ends it stays pending', () => {
    // 2013-11-29 closed at 13:00; its last one-minute bar starts at 12:59.
    const friday: Row[] = [['12:58', 10, 10.1, 9.9, 10], ['12:59', 10, 10.2, 9.8, 10.1]];
    const monday: Row[] = [['09:30', 11, 11.2, 10.9, 11.1]];
    const broker = new PaperBroker();
    broker.place({ symbol: 'IBM', side: 'buy', qty: 5, type: 'market' }, at('13:00', '2013-11-29'), 0, 0);
    const src = bars([...friday], '2013-11-29');
    broker.advance('IBM', src);
    expect(broker.trades()).toEqual([]);
    const both = bars([...friday, ...monday], '2013-11-29');
    both.tsStart.data[2] = at('09:30', '2013-12-02');
    broker.advance('IBM', both);
    expect(broker.trades()[0]).toMatchObject({ tsFill: at('09:30', '2013-12-02'), price: 11 });
    broker.place({ symbol: 'IBM', side: 'sell', qty: 5, type: 'market' }, at('09:31', '2013-12-02'), 0, 0);
    broker.advance('IBM', both);
    expect(broker.trades()).toHaveLength(1);
    expect(broker.account('IBM').position).toBe(5);
  });

  it('every row of the rule table has a buy and a sell', () => {
    for (const sides of Object.values(FILL_RULES)) expect(Object.keys(sides).sort()).toEqual(['buy', 'sell']);
  });
});

describe('orders that are refused', () => {
  it.each([
    [{ qty: 0 }, /above 0/],
    [{ qty: -100 }, /above 0/],
    [{ qty: 1.5 }, /whole number/],
    [{ qty: Number.NaN }, /whole number/],
    [{ type: 'limit' as const }, /limit order needs a price above 0/],
    [{ type: 'stop' as const, price: -1 }, /stop order needs a price/],
  ])('%o', (change, message) => {
    expect(orderProblem({ symbol: 'SPY', side: 'buy', qty: 100, type: 'market', ...change })).toMatch(message);
  });
});

describe('accounts', () => {
  it('average price, realized P&L net of commission, a flip through zero, unrealized at the last close', () => {
    const a = new PaperAccount();
    a.apply('buy', 100, 10, 1);
    a.apply('buy', 100, 12, 1);
    expect([a.position, a.averagePrice]).toEqual([200, 11]);
    a.apply('sell', 300, 13, 1.5); // closes 200 at +2, opens 100 short at 13
    expect([a.position, a.averagePrice, a.realizedGross, a.commissions, a.realized]).toEqual([-100, 13, 400, 3.5, 396.5]);
    expect(a.unrealized(12.5)).toBe(50);
    a.apply('buy', 100, 14, 0);
    expect([a.position, a.averagePrice, a.realized]).toEqual([0, 0, 296.5]);
  });
});

describe('rewind', () => {
  // Clock and SessionData as a replay has them: at 09:3x the bars that ended by then.
  it('back to t: later orders are gone and the fills are those of the bars up to t', () => {
    const broker = new PaperBroker();
    const src = bars(BARS);
    const clock = (t: string, count: number) => {
      src.count = count;
      broker.advance('SPY', src);
      return at(t);
    };
    broker.place({ symbol: 'SPY', side: 'buy', qty: 100, type: 'market' }, clock('09:31', 1), 0, 0);
    broker.place({ symbol: 'SPY', side: 'sell', qty: 100, type: 'market' }, clock('09:32', 2), 0, 0);
    clock('09:33', 3);
    const straight = formatTradesExport(broker.trades());
    expect(straight.split('\n')).toHaveLength(4);
    expect(broker.account('SPY').position).toBe(0);
    // Step back to 09:32: the sell is placed but not filled; then to 09:31: the buy not yet filled.
    broker.rewindTo(at('09:32'));
    clock('09:32', 2);
    expect(broker.account('SPY').position).toBe(100);
    broker.rewindTo(at('09:31'));
    clock('09:31', 1);
    expect(broker.allOrders()).toHaveLength(1);
    expect(broker.account('SPY').position).toBe(0);
    expect(broker.trades()).toEqual([]);
    // Forward again, placing the same sell: the same export.
    broker.place({ symbol: 'SPY', side: 'sell', qty: 100, type: 'market' }, clock('09:32', 2), 0, 0);
    expect(broker.allOrders().map((o) => o.id)).toEqual([1, 2]);
    clock('09:33', 3);
    expect(formatTradesExport(broker.trades())).toBe(straight);
  });
});

describe('trades export', () => {
  it('has the documented header and one row a fill, in the run export\'s number format', () => {
    const broker = new PaperBroker();
    const src = bars(BARS);
    src.count = 1;
    broker.advance('SPY', src);
    broker.place({ symbol: 'SPY', side: 'buy', qty: 100, type: 'market' }, at('09:31'), 0, 0.01);
    src.count = 2;
    broker.advance('SPY', src);
    broker.place({ symbol: 'SPY', side: 'sell', qty: 100, type: 'market' }, at('09:32'), 0.005, 0.01);
    src.count = 5;
    broker.advance('SPY', src);
    expect(formatTradesExport(broker.trades())).toBe(
      `${TRADES_EXPORT_HEADER}\n1,1,SPY,buy,100,market,${at('09:31')},${at('09:31')},100.51,0\n2,2,SPY,sell,100,market,${at('09:32')},${at('09:32')},97.99,0.5\n`,
    );
  });
});
