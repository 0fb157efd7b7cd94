// The markets of a run, each with its symbols and its own sessions. Node (Vitest).
import { describe, expect, it } from 'vitest';
import { marketsOfRun, runMarketOf, zoneOfSymbol, zonesBySymbol } from './run-markets';
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

  it("reads each symbol's times in its market's zone, New York for a symbol the run lacks", () => {
    const markets = marketsOfRun(['LABU', 'SAP', 'BMW'], specs, sessions);
    expect(['LABU', 'SAP', 'BMW', 'IBM'].map((s) => zoneOfSymbol(markets, s))).toEqual(['America/New_York', 'Europe/Berlin', 'Europe/Berlin', 'America/New_York']);
    expect(zoneOfSymbol([], 'SPY')).toBe('America/New_York');
    expect(zonesBySymbol(markets)).toEqual(new Map([['LABU', 'America/New_York'], ['SAP', 'Europe/Berlin'], ['BMW', 'Europe/Berlin']]));
  });

  it('leaves out a symbol without data, and a US-only run has one market', () => {
    expect(marketsOfRun(['SPY', 'IBM'], new Map(), sessionsBySymbol(new Map([['SPY', ['2013-10-07']]]), new Map(), 'regular')).map((m) => [m.id, m.symbols])).toEqual([['us-equities', ['SPY']]]);
  });
});
