import { describe, expect, it } from 'vitest';
import { InvariantChecker } from './invariant-checker';
import { BarEnds } from './emit-time';
import { sessionsOfDays, type Market } from './market';
import { CRYPTO_24_7, FX_24_5, TSE, US_EQUITIES, XETRA } from './markets';
import type { Interval } from './stream-key';

const MIN = 60_000;
const T = Date.parse('2013-10-07T09:30:00-04:00');

function checker() {
  const c = new InvariantChecker();
  c.addStream('AIG 1m');
  c.addStream('SPY 1m');
  return c;
}

describe('InvariantChecker', () => {
  it('finds nothing wrong in an ordered, complete run', () => {
    const c = checker();
    for (let m = 0; m < 3; m++) {
      c.emitted(0, T + m * MIN, T + (m + 1) * MIN, T + (m + 1) * MIN);
      c.emitted(1, T + m * MIN, T + (m + 1) * MIN, T + (m + 1) * MIN);
    }
    c.completed([3, 3]);
    expect(c.total).toBe(0);
    expect(c.checked).toBe(6);
  });

  it('reports time going backwards and the stream that was overtaken', () => {
    const c = checker();
    c.emitted(0, T + 30 * MIN, T + 31 * MIN, T + 31 * MIN);
    c.emitted(1, T, T + MIN, T + 31 * MIN);
    expect(c.counts['time-backwards']).toBe(1);
    expect(c.counts.overtaken).toBe(1);
    expect(c.violations[1].message).toBe('SPY 1m was overtaken: AIG 1m had already reached 10-07 10:01 while SPY 1m still had 10-07 09:31');
  });

  it('reports duplicates, out-of-order items and look-ahead', () => {
    const c = checker();
    c.emitted(0, T + MIN, T + 2 * MIN, T + 2 * MIN);
    c.emitted(0, T + MIN, T + 2 * MIN, T + 2 * MIN);
    c.emitted(0, T, T + MIN, T + 2 * MIN);
    expect(c.counts.duplicate).toBe(1);
    expect(c.counts['stream-order']).toBe(1);
    c.visibleAhead(1, T + 5 * MIN, T + 6 * MIN, T + 2 * MIN);
    expect(c.counts['look-ahead']).toBe(1);
    c.emitted(1, T + 5 * MIN, T + 6 * MIN, T + 6 * MIN);
    expect(c.counts.duplicate).toBe(2);
  });

  it('lets ticks share a timestamp', () => {
    const c = new InvariantChecker();
    c.addStream('IBM tick', null, true);
    c.emitted(0, T, T, T);
    c.emitted(0, T, T, T);
    expect(c.total).toBe(0);
  });

  it('reports dropped items at completion and a late pause', () => {
    const c = checker();
    c.emitted(0, T, T + MIN, T + MIN);
    c.completed([1, 2]);
    expect(c.violations.at(-1)!.message).toBe('SPY 1m: 2 of 2 items fed were never emitted');
    c.pauseAcknowledged(5);
    expect(c.counts['late-pause']).toBe(0);
    c.pauseAcknowledged(2500);
    expect(c.counts['late-pause']).toBe(1);
  });
});

// The rules that depend on bar ends and sessions, on every built-in market: each stream is held to
// its own market's sessions (emit-time.ts's BarEnds over market.ts). Expected instants are written
// out in UTC here, not computed.
describe('InvariantChecker on every market', () => {
  const H = 60 * MIN;
  const utc = (iso: string) => Date.parse(iso);
  function streamOn(market: Market, days: string[], interval: Interval, name: string) {
    const c = new InvariantChecker();
    c.addStream(name, new BarEnds(sessionsOfDays(market, days, 'regular'), interval, market.zone));
    return c;
  }

  it("Tokyo: the 11:00 bars end at the lunch break, 11:30; one past it is caught, on Tokyo's clock", () => {
    const halfHour = streamOn(TSE, ['2024-03-11'], '30m', 'TOYOTA 30m');
    halfHour.emitted(0, utc('2024-03-11T02:00:00Z'), utc('2024-03-11T02:30:00Z'), utc('2024-03-11T02:30:00Z')); // 11:00–11:30
    halfHour.emitted(0, utc('2024-03-11T03:30:00Z'), utc('2024-03-11T04:00:00Z'), utc('2024-03-11T04:00:00Z')); // 12:30–13:00
    expect(halfHour.total).toBe(0);
    const hour = streamOn(TSE, ['2024-03-11'], '1h', 'TOYOTA 1h');
    hour.emitted(0, utc('2024-03-11T02:00:00Z'), utc('2024-03-11T02:30:00Z'), utc('2024-03-11T02:30:00Z')); // 11:00, cut at 11:30
    hour.emitted(0, utc('2024-03-11T03:30:00Z'), utc('2024-03-11T04:30:00Z'), utc('2024-03-11T04:30:00Z')); // 12:30–13:30: the afternoon's own grid
    expect(hour.total).toBe(0);
    // An engine that cuts only at the day's close emits the 11:00 hour at 12:00, in the lunch break.
    const uncut = streamOn(TSE, ['2024-03-11'], '1h', 'TOYOTA 1h');
    uncut.emitted(0, utc('2024-03-11T02:00:00Z'), utc('2024-03-11T03:00:00Z'), utc('2024-03-11T03:00:00Z'));
    expect(uncut.counts['past-close']).toBe(1);
    expect(uncut.violations[0].message).toBe('TOYOTA 1h from 03-11 11:00 was emitted at 03-11 12:00, after its session closed at 03-11 11:30 (Tokyo time)');
    // A 1h grid anchored at the morning open would end the 12:30 bar at 13:00: early, caught as look-ahead.
    const offGrid = streamOn(TSE, ['2024-03-11'], '1h', 'TOYOTA 1h');
    offGrid.emitted(0, utc('2024-03-11T03:30:00Z'), utc('2024-03-11T04:00:00Z'), utc('2024-03-11T04:00:00Z'));
    expect(offGrid.violations.map((v) => v.message)).toEqual(['TOYOTA 1h from 03-11 12:30 ends at 03-11 13:30 but was emitted at 03-11 13:00 (Tokyo time)']);
  });

  it('a one-minute bar end on a Tokyo 30m stream is look-ahead, named as on US data', () => {
    const c = streamOn(TSE, ['2024-03-11'], '30m', 'TOYOTA 30m');
    c.emitted(0, utc('2024-03-11T02:00:00Z'), utc('2024-03-11T02:01:00Z'), utc('2024-03-11T02:01:00Z'));
    expect(c.counts['look-ahead']).toBe(1);
    expect(c.violations[0].message).toBe('TOYOTA 30m from 03-11 11:00 ends at 03-11 11:30 but was emitted at 03-11 11:01 (Tokyo time)');
  });

  it('24/7: hours run on across UTC midnight; a daily bar ends at 24:00 UTC', () => {
    const hour = streamOn(CRYPTO_24_7, ['2024-03-09', '2024-03-10'], '1h', 'BTCUSD 1h');
    hour.emitted(0, utc('2024-03-09T23:00:00Z'), utc('2024-03-10T00:00:00Z'), utc('2024-03-10T00:00:00Z'));
    hour.emitted(0, utc('2024-03-10T00:00:00Z'), utc('2024-03-10T01:00:00Z'), utc('2024-03-10T01:00:00Z'));
    expect(hour.total).toBe(0);
    const day = streamOn(CRYPTO_24_7, ['2024-03-09', '2024-03-10'], '1d', 'BTCUSD 1d');
    day.emitted(0, utc('2024-03-09T00:00:00Z'), utc('2024-03-09T23:59:00Z'), utc('2024-03-09T23:59:00Z'));
    expect(day.violations.map((v) => v.message)).toEqual(['BTCUSD 1d from 03-09 00:00 ends at 03-10 00:00 but was emitted at 03-09 23:59 (UTC time)']);
  });

  it("FX: Friday's last hour ends at the 17:00 close; the week reopens Sunday 17:00, already on EDT", () => {
    const c = streamOn(FX_24_5, ['2024-03-08', '2024-03-11'], '1h', 'EURUSD 1h');
    c.emitted(0, utc('2024-03-08T21:00:00Z'), utc('2024-03-08T22:00:00Z'), utc('2024-03-08T22:00:00Z')); // 16:00–17:00 EST
    c.emitted(0, utc('2024-03-10T21:00:00Z'), utc('2024-03-10T22:00:00Z'), utc('2024-03-10T22:00:00Z')); // Sunday 17:00–18:00 EDT
    expect(c.total).toBe(0);
    // A day taken as 24 hours from Thursday's open runs past the Friday close.
    const day = streamOn(FX_24_5, ['2024-03-08'], '1d', 'EURUSD 1d');
    day.emitted(0, utc('2024-03-07T22:00:00Z'), utc('2024-03-08T23:00:00Z'), utc('2024-03-08T23:00:00Z'));
    expect(day.violations.map((v) => v.message)).toEqual(['EURUSD 1d from 03-07 17:00 was emitted at 03-08 18:00, after its session closed at 03-08 17:00']);
  });

  it('Berlin beside New York while only New York is on summer time: each ends on its own clock', () => {
    for (const [day, berlinOpen, newYorkOpen] of [
      ['2024-03-11', '2024-03-11T08:00:00Z', '2024-03-11T13:30:00Z'], // New York EDT, Berlin CET
      ['2024-10-28', '2024-10-28T08:00:00Z', '2024-10-28T13:30:00Z'], // Berlin CET again, New York still EDT
    ]) {
      const checker = () => {
        const c = new InvariantChecker();
        c.addStream('SAP 1h', new BarEnds(sessionsOfDays(XETRA, [day], 'regular'), '1h', XETRA.zone));
        c.addStream('SPY 1h', new BarEnds(sessionsOfDays(US_EQUITIES, [day], 'regular'), '1h', US_EQUITIES.zone));
        return c;
      };
      const sap = utc(berlinOpen);
      const spy = utc(newYorkOpen);
      const c = checker();
      c.emitted(1, spy, spy + H, spy + H); // 09:30–10:30 New York
      c.emitted(0, sap + 8 * H, sap + 8 * H + 30 * MIN, sap + 8 * H + 30 * MIN); // 17:00 Berlin, cut at 17:30
      c.emitted(1, spy + 6 * H, spy + 6 * H + 30 * MIN, spy + 6 * H + 30 * MIN); // 15:30, cut at 16:00
      expect(c.total).toBe(0);
      // Berlin's close read an hour late (as if both sides changed on New York's date) is past its close.
      const late = checker();
      late.emitted(0, sap + 8 * H, sap + 9 * H + 30 * MIN, sap + 9 * H + 30 * MIN);
      expect(late.counts['past-close']).toBe(1);
      expect(late.violations.at(-1)?.message).toBe(`SAP 1h from ${day.slice(5)} 17:00 was emitted at ${day.slice(5)} 18:30, after its session closed at ${day.slice(5)} 17:30 (Berlin time)`);
    }
  });
});
