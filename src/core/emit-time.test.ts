import { describe, expect, it } from 'vitest';
import { BarEnds, barEnd, emitTime } from './emit-time';
import { tradingSession, type TradingSession } from './trading-hours';
import { sessionsOfDays } from './market';
import { TSE } from './markets';

const session = tradingSession('2013-10-07', 'regular')!;
const at = (h: number, m: number) => Date.UTC(2013, 9, 7, h + 4, m); // EDT = UTC−4

describe('emit time', () => {
  it('emits a bar at its end: the 09:30 bar exists only at 09:31', () => {
    expect(emitTime(at(9, 30), '1m', session.close)).toBe(at(9, 31));
  });
  it('the last regular bar ends at the close', () => {
    expect(emitTime(at(15, 59), '1m', session.close)).toBe(at(16, 0));
  });
  it('cuts a bar at the session close', () => {
    expect(emitTime(at(15, 30), '1h', session.close)).toBe(at(16, 0));
    expect(emitTime(at(9, 30), '1d', session.close)).toBe(at(16, 0));
  });
  it('emits a 5-minute bar five minutes after its start', () => {
    expect(emitTime(at(9, 30), '5m', session.close)).toBe(at(9, 35));
  });
  it('emits a tick at its own time', () => {
    expect(emitTime(at(10, 0) + 72, 'tick', session.close)).toBe(at(10, 0) + 72);
  });
});

describe('barEnd', () => {
  it('ends a bar at the end of its 09:30-aligned bucket, cut at the close', () => {
    expect(barEnd(at(9, 35), '5m', session)).toBe(at(9, 40));
    expect(barEnd(at(15, 30), '1h', session)).toBe(at(16, 0));
    expect(barEnd(at(9, 30), '1d', session)).toBe(at(16, 0));
    const extended = tradingSession('2013-10-07', 'extended')!;
    expect(barEnd(at(4, 0), '1h', extended)).toBe(at(4, 30)); // the 03:30 hour, started at the 04:00 open
  });
});

describe('BarEnds', () => {
  const days = ['2013-10-07', '2013-10-08', '2013-11-29']; // a Monday, a Tuesday, the day after Thanksgiving (closes 13:00)
  const sessions = days.map((d) => tradingSession(d, 'extended')!) as TradingSession[];
  it('gives barEnd for every bar of a stream, across sessions, and −Infinity outside them', () => {
    for (const interval of ['1m', '5m', '15m', '1h', '1d', 'tick'] as const) {
      const ends = new BarEnds(sessions, interval);
      for (const s of sessions) {
        // Bar by bar (each starts the bucket after the last one's) and with uneven steps.
        for (const step of [60_000, 5 * 60_000, 7 * 60_000 + 13_000]) {
          for (let t = s.open; t <= s.close; t += step) expect(ends.end(t)).toBe(barEnd(t, interval, s));
        }
      }
      expect(ends.end(sessions[0].close + 60_000)).toBe(-Infinity);
      expect(ends.end(sessions[1].open)).toBe(barEnd(sessions[1].open, interval, sessions[1])); // and back in again
    }
  });
});

describe('BarEnds.sessionClose', () => {
  it("is the close of the bar's own session: Tokyo's morning closes at the 11:30 break; a daily bar's day at 15:00", () => {
    const sessions = sessionsOfDays(TSE, ['2024-03-11'], 'regular'); // 00:00–02:30 and 03:30–06:00 UTC
    const hour = new BarEnds(sessions, '1h', TSE.zone);
    expect(hour.sessionClose(Date.parse('2024-03-11T02:00:00Z'))).toBe(Date.parse('2024-03-11T02:30:00Z'));
    expect(hour.sessionClose(Date.parse('2024-03-11T03:30:00Z'))).toBe(Date.parse('2024-03-11T06:00:00Z'));
    expect(hour.sessionClose(Date.parse('2024-03-11T02:45:00Z'))).toBe(-Infinity); // lunch: no session
    expect(new BarEnds(sessions, '1d', TSE.zone).sessionClose(Date.parse('2024-03-11T00:00:00Z'))).toBe(Date.parse('2024-03-11T06:00:00Z'));
  });
});
