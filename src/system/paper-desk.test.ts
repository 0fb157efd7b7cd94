// The desk against a stand-in manager: orders refused while stopped (nothing changes), a buy then
// a sell of 100 leaves the position flat, and a step back (clock and SessionData rewound) gives
// back the desk as it stood — found by sync() alone, and by the explicit rewoundTo(t).

import { describe, expect, it } from 'vitest';
import { exchangeWallToUtc } from '../core/exchange-time';
import { StreamType } from '../core/stream-key';
import { SystemState } from '../core/system-state';
import { PaperDesk, type DeskManager } from './paper-desk';

const at = (minute: number) => exchangeWallToUtc('2013-10-07', 9 * 60 + 30 + minute);
const OPENS = [100, 101, 102, 103, 104, 105];

function fakeManager() {
  const col = (f: (i: number) => number) => ({ data: Float64Array.from(OPENS, (_, i) => f(i)) });
  const stream = { key: { type: StreamType.BAR, symbol: 'SPY', interval: '1m' }, count: 0, tsStart: col(at), tsEmit: col((i) => at(i + 1)), fields: [col((i) => OPENS[i]), col((i) => OPENS[i] + 1), col((i) => OPENS[i] - 1), col((i) => OPENS[i] + 0.5), col(() => 1000)] };
  const state = { runId: 1, state: SystemState.STOPPED, starting: false, backtestTime: null as number | null };
  const manager = { snapshot: () => ({ ...state }), runClock: () => ({ ...state }), sessionData: { streams: [stream] } } as unknown as DeskManager;
  /** The clock reads 09:30 + m and SessionData holds the bars that ended by then. */
  const clock = (m: number) => {
    state.state = SystemState.PAUSED;
    state.backtestTime = at(m);
    stream.count = m;
  };
  return { manager, state, clock };
}

describe('PaperDesk', () => {
  it('refuses orders while stopped, and with a quantity that is not positive: nothing changes', () => {
    const { manager, clock } = fakeManager();
    const desk = new PaperDesk(manager);
    expect(desk.place({ symbol: 'SPY', side: 'buy', qty: 100, type: 'market' })).toMatch(/running or paused/);
    clock(1);
    expect(desk.place({ symbol: 'SPY', side: 'buy', qty: 0, type: 'market' })).toMatch(/above 0/);
    expect(desk.place({ symbol: 'SPY', side: 'buy', qty: -5, type: 'market' })).toMatch(/above 0/);
    expect(desk.place({ symbol: 'XYZ', side: 'buy', qty: 5, type: 'market' })).toMatch(/not a bar stream/);
    expect(desk.view().orders).toEqual([]);
  });

  it('a market buy then a market sell of 100 fill at the next opens and leave the position flat', () => {
    const { manager, clock } = fakeManager();
    const desk = new PaperDesk(manager);
    clock(1);
    expect(desk.place({ symbol: 'SPY', side: 'buy', qty: 100, type: 'market' })).toBeNull();
    clock(2);
    expect(desk.view().accounts[0].position).toBe(100);
    expect(desk.place({ symbol: 'SPY', side: 'sell', qty: 100, type: 'market' })).toBeNull();
    clock(3);
    const view = desk.view();
    expect(view.trades.map((t) => t.price)).toEqual([101, 102]);
    expect(view.accounts[0].position).toBe(0);
    expect(view.realized).toBe(100);
  });

  it('a step back restores the open position, found by sync() and by rewoundTo()', () => {
    const { manager, clock } = fakeManager();
    const desk = new PaperDesk(manager);
    clock(1);
    desk.place({ symbol: 'SPY', side: 'buy', qty: 100, type: 'market' });
    clock(2);
    desk.place({ symbol: 'SPY', side: 'sell', qty: 40, type: 'market' });
    clock(3);
    const straight = desk.exportCsv();
    expect(desk.view().accounts[0].position).toBe(60);
    clock(2); // step back: the sell is placed, not filled
    expect(desk.view().accounts[0].position).toBe(100);
    clock(1); // and again: the sell is gone, the buy not filled
    expect(desk.view().orders.map((o) => o.id)).toEqual([1]);
    expect(desk.view().accounts[0].position).toBe(0);
    clock(2);
    desk.place({ symbol: 'SPY', side: 'sell', qty: 40, type: 'market' });
    clock(3);
    expect(desk.exportCsv()).toBe(straight);
    desk.rewoundTo(at(2));
    clock(2);
    expect(desk.view().accounts[0].position).toBe(100);
  });
});
