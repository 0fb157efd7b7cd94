// The markets of a run, each with its symbols and its own sessions. Node (Vitest).
import { describe, expect, it } from 'vitest';
import { marketsOfRun, runMarketOf } from './run-markets';
import { sessionsBySymbol } from './replay-setup';

describe('marketsOfRun', () => {
  const days = new Map([
    ['SAP', ['2024-10-25', '2024-10-28']],
    ['LABU', ['2024-10-25', '2024-10-28']],
    ['BMW', ['2024-10-28']],
  ]);
  const specs = new Map([
    ['SAP', 'xetra'],
    ['BMW', 'xetra'],
  ]);
  const sessions = sessionsBySymbol(days, specs, 'regular');

  it('lists each market once, in the order of its first symbol, with its own sessions', () => {
    const markets = marketsOfRun(['LABU', 'SAP', 'BMW', 'LABU'], specs, sessions);
    expect(markets.map((m) => [m.id, m.market.zone, m.symbols])).toEqual([
      ['us-equities', 'America/New_York', ['LABU']],
      ['xetra', 'Europe/Berlin', ['SAP', 'BMW']],
    ]);
    expect(markets[1].sessions.map((s) => new Date(s.open).toISOString())).toEqual(['2024-10-25T07:00:00.000Z', '2024-10-28T08:00:00.000Z']);
    expect(markets[0].sessions.map((s) => new Date(s.open).toISOString())).toEqual(['2024-10-25T13:30:00.000Z', '2024-10-28T13:30:00.000Z']);
    expect(runMarketOf(markets, 'BMW')?.id).toBe('xetra');
    expect(runMarketOf(markets, 'IBM')).toBeUndefined();
  });

  it('leaves out a symbol without data, and a US-only run has one market', () => {
    expect(marketsOfRun(['SPY', 'IBM'], new Map(), sessionsBySymbol(new Map([['SPY', ['2013-10-07']]]), new Map(), 'regular')).map((m) => [m.id, m.symbols])).toEqual([['us-equities', ['SPY']]]);
  });
});
