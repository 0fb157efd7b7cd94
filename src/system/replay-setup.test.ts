// Replay sessions per market: each symbol's bars end by its own market's sessions. Node (Vitest).

import { describe, expect, it } from 'vitest';
import { sessionsBySymbol } from './replay-setup';

describe('replay sessions per market', () => {
  it('gives each symbol its market sessions', () => {
    const sessions = sessionsBySymbol(
      new Map([
        ['SPY', ['2024-03-11']],
        ['SAP', ['2024-03-11']],
        ['BTCUSD', ['2024-03-09', '2024-03-10']],
      ]),
      new Map([
        ['SAP', 'xetra'],
        ['BTCUSD', 'crypto-24-7'],
      ]),
      'regular',
    );
    expect(sessions.get('SPY')?.map((s) => new Date(s.open).toISOString())).toEqual(['2024-03-11T13:30:00.000Z']);
    expect(sessions.get('SAP')?.map((s) => new Date(s.open).toISOString())).toEqual(['2024-03-11T08:00:00.000Z']);
    expect(sessions.get('BTCUSD')).toHaveLength(2);
  });
});
