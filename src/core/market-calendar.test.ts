import { describe, expect, it } from 'vitest';
import { marketDay } from './market-calendar';
import { tradingSession } from './trading-hours';

describe('market calendar', () => {
  it('closes on weekends and holidays', () => {
    expect(marketDay('2013-10-05').kind).toBe('weekend');
    expect(marketDay('2013-10-06').kind).toBe('weekend');
    expect(marketDay('2014-04-18')).toEqual({ kind: 'holiday', reason: 'Good Friday', known: true });
    expect(tradingSession('2013-12-25', 'regular')).toBeNull();
    expect(tradingSession('2013-10-05', 'extended')).toBeNull();
  });
  it('ends early closes at 13:00 (17:00 extended)', () => {
    expect(marketDay('2013-11-29').kind).toBe('early-close');
    const regular = tradingSession('2013-11-29', 'regular')!;
    expect(regular.close - regular.open).toBe(210 * 60_000); // 09:30–13:00
    const extended = tradingSession('2013-11-29', 'extended')!;
    expect(extended.close).toBe(Date.parse('2013-11-29T17:00:00-05:00'));
  });
  it('takes a weekday as a full day', () => {
    expect(marketDay('2013-10-07')).toEqual({ kind: 'open', known: true });
    const s = tradingSession('2013-10-07', 'regular')!;
    expect(s.close - s.open).toBe(390 * 60_000);
    // The calendar now runs 1990–2035 (us-equity-calendar.ts): 2019 is known, 2040 is not.
    expect(marketDay('2019-07-01')).toEqual({ kind: 'open', known: true });
    expect(marketDay('2040-07-02')).toEqual({ kind: 'open', known: false });
  });
});
