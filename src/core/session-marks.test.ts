// Session marks per market: day opens, Tokyo's lunch break, early closes, 24/7 midnights. Node (Vitest).
import { describe, expect, it } from 'vitest';
import { marketSessions, sessionsOfDays } from './market';
import { CRYPTO_24_7, TSE, US_EQUITIES, XETRA } from './markets';
import { sessionMarks } from './session-marks';

describe('sessionMarks', () => {
  it('labels each US trading day by its date, and an early close by its local time', () => {
    // 2013-11-29 (the day after Thanksgiving) closed at 13:00 New York.
    const sessions = sessionsOfDays(US_EQUITIES, ['2013-11-27', '2013-11-28', '2013-11-29'], 'regular');
    expect(sessionMarks(US_EQUITIES, sessions)).toEqual({
      starts: [{ kind: 'day', label: '11-27' }, { kind: 'day', label: '11-29' }],
      earlyCloses: [{ close: Date.parse('2013-11-29T18:00:00Z'), label: 'early close 13:00' }],
    });
  });

  it('marks Tokyo’s afternoon session after the lunch break at its Tokyo time', () => {
    const marks = sessionMarks(TSE, sessionsOfDays(TSE, ['2024-03-11', '2024-03-12'], 'regular'));
    expect(marks.starts).toEqual([
      { kind: 'day', label: '03-11' },
      { kind: 'break', label: '12:30' },
      { kind: 'day', label: '03-12' },
      { kind: 'break', label: '12:30' },
    ]);
    expect(marks.earlyCloses).toEqual([]);
  });

  it('reads XETRA’s sessions in Berlin time on both sides of Europe’s DST change', () => {
    const sessions = sessionsOfDays(XETRA, ['2024-10-25', '2024-10-28'], 'regular');
    expect(sessions.map((s) => new Date(s.open).toISOString())).toEqual(['2024-10-25T07:00:00.000Z', '2024-10-28T08:00:00.000Z']);
    expect(sessionMarks(XETRA, sessions).starts.map((s) => s.label)).toEqual(['10-25', '10-28']);
  });

  it('marks a 24/7 market at each UTC midnight, by its UTC day', () => {
    const sessions = sessionsOfDays(CRYPTO_24_7, ['2024-03-09', '2024-03-10'], 'regular');
    expect(sessions.map((s) => new Date(s.open).toISOString())).toEqual(['2024-03-09T00:00:00.000Z', '2024-03-10T00:00:00.000Z']);
    expect(sessionMarks(CRYPTO_24_7, sessions).starts).toEqual([{ kind: 'day', label: '03-09' }, { kind: 'day', label: '03-10' }]);
    expect(marketSessions(CRYPTO_24_7, '2024-03-09', 'regular')).toHaveLength(1);
  });
});
