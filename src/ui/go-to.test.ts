// "Go to" in a market of the run, across DST changes. Node (Vitest).
import { describe, expect, it } from 'vitest';
import { sessionsOfDays } from '../core/market';
import { FX_24_5, US_EQUITIES, XETRA } from '../core/markets';
import { exchangeWallToUtc } from '../core/exchange-time';
import { goToChoices, goToInstant } from './go-to';

const us = { id: 'us-equities', market: US_EQUITIES, sessions: sessionsOfDays(US_EQUITIES, ['2024-10-25', '2024-10-28'], 'regular') };
const xetra = { id: 'xetra', market: XETRA, sessions: sessionsOfDays(XETRA, ['2024-10-25', '2024-10-28', '2024-10-29'], 'regular') };

describe('goToChoices', () => {
  it('reads a US-only run in New York time over the run’s days, with no market to pick', () => {
    const runSessions = sessionsOfDays(US_EQUITIES, ['2013-10-07', '2013-10-08'], 'regular');
    const choices = goToChoices([{ id: 'us-equities', market: US_EQUITIES, sessions: runSessions }], runSessions, '');
    expect(choices).toEqual({ options: [], id: 'us-equities', zone: 'America/New_York', place: 'New York', days: ['2013-10-07', '2013-10-08'] });
    // Live mode: no markets at all.
    expect(goToChoices([], [], '')).toMatchObject({ options: [], zone: 'America/New_York', days: [] });
  });

  it('offers each market of a mixed run, the first by default, each with its own days', () => {
    expect(goToChoices([us, xetra], [], '')).toEqual({
      options: [{ id: 'us-equities', label: 'New York time' }, { id: 'xetra', label: 'Berlin time' }],
      id: 'us-equities',
      zone: 'America/New_York',
      place: 'New York',
      days: ['2024-10-25', '2024-10-28'],
    });
    expect(goToChoices([us, xetra], [], 'xetra')).toMatchObject({ id: 'xetra', zone: 'Europe/Berlin', place: 'Berlin', days: ['2024-10-25', '2024-10-28', '2024-10-29'] });
  });

  it('reads a run of one other market in that market’s time, with nothing to pick', () => {
    expect(goToChoices([xetra], xetra.sessions, '')).toEqual({ options: [], id: 'xetra', zone: 'Europe/Berlin', place: 'Berlin', days: ['2024-10-25', '2024-10-28', '2024-10-29'] });
  });

  it('tells apart two markets of one zone by name', () => {
    const fx = { id: 'fx-24-5', market: FX_24_5, sessions: [] };
    expect(goToChoices([us, fx], [], '').options.map((o) => o.label)).toEqual(['New York time (US equities (NYSE, Nasdaq))', 'New York time (FX (24/5, Sunday 17:00 to Friday 17:00 New York))']);
  });
});

describe('goToInstant', () => {
  it('lands a Berlin time at its UTC instant on either side of Europe’s DST change', () => {
    const days = ['2024-10-25', '2024-10-28'];
    expect(goToInstant('Europe/Berlin', days, '2024-10-25', '15:30')).toEqual({ kind: 'seek', utc: Date.parse('2024-10-25T13:30:00Z'), note: null });
    expect(goToInstant('Europe/Berlin', days, '2024-10-28', '15:30')).toEqual({ kind: 'seek', utc: Date.parse('2024-10-28T14:30:00Z'), note: null });
  });

  it('reads New York time exactly as before, and takes the first day when the day is not one of the run’s', () => {
    for (const time of ['09:30', '12:00', '15:59']) {
      const [h, m] = time.split(':').map(Number);
      expect(goToInstant('America/New_York', ['2013-10-07', '2013-10-08'], '', time)).toEqual({ kind: 'seek', utc: exchangeWallToUtc('2013-10-07', h * 60 + m), note: null });
    }
    expect(goToInstant('America/New_York', [], '', '12:00')).toEqual({ kind: 'none' });
    expect(goToInstant('America/New_York', ['2013-10-07'], '', '')).toEqual({ kind: 'none' });
  });

  it('refuses a time the clocks skipped, naming the skipped hour', () => {
    expect(goToInstant('Europe/Berlin', ['2024-03-31'], '2024-03-31', '02:30')).toEqual({
      kind: 'refused',
      message: '02:30 did not happen on 2024-03-31 in Berlin: the clocks went from 02:00 straight to 03:00. Pick a time outside 02:00–03:00.',
    });
  });

  it('goes to the first of a time the clocks passed twice, and says so', () => {
    expect(goToInstant('America/New_York', ['2024-11-03'], '2024-11-03', '01:30')).toEqual({
      kind: 'seek',
      utc: Date.parse('2024-11-03T05:30:00Z'),
      note: '01:30 happened twice on 2024-11-03 in New York (the clocks went back an hour): going to the first, before the change.',
    });
  });
});
