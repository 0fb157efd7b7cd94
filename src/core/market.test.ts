// Sessions, bar ends and grids of each built-in market, across the DST changes (Europe: last
// Sundays of March and October; New York: second Sunday of March, first of November — the weeks
// between are the hard ones), Tokyo's lunch break, and custom markets. Node (Vitest).

import { describe, expect, it } from 'vitest';
import { aggregateBars } from './aggregate-bars';
import { customMarket } from './custom-market';
import { BarEnds } from './emit-time';
import { describeHours, marketDayStatus, marketSessions, sessionHours, sessionsOfDays, spansText } from './market';
import { builtInMarket, CRYPTO_24_7, FX_24_5, LSE, TSE, US_EQUITIES, XETRA } from './markets';
import { openSpans, sessionAt, tradingMsBetween, tradingSession } from './trading-hours';

const utc = (text: string) => Date.parse(`${text}Z`);
const MIN = 60_000;

/** Each session of `day` as "HH:MM–HH:MM" in UTC. */
function utcHours(market: typeof US_EQUITIES, day: string, hours: 'regular' | 'extended' = 'regular'): string[] {
  const t = (ms: number) => new Date(ms).toISOString().slice(11, 16);
  return marketSessions(market, day, hours).map((s) => `${t(s.open)}–${t(s.close)}`);
}

describe('sessions across the DST changes', () => {
  it('spring: New York moves on 2024-03-10, Europe on 2024-03-31', () => {
    // The week before either change: New York UTC−5, Berlin UTC+1, London UTC+0.
    expect(utcHours(US_EQUITIES, '2024-03-08')).toEqual(['14:30–21:00']);
    expect(utcHours(XETRA, '2024-03-08')).toEqual(['08:00–16:30']);
    expect(utcHours(LSE, '2024-03-08')).toEqual(['08:00–16:30']);
    // The weeks between: New York already on summer time, Europe not yet.
    expect(utcHours(US_EQUITIES, '2024-03-11')).toEqual(['13:30–20:00']);
    expect(utcHours(XETRA, '2024-03-11')).toEqual(['08:00–16:30']);
    expect(utcHours(LSE, '2024-03-28')).toEqual(['08:00–16:30']);
    // After both.
    expect(utcHours(XETRA, '2024-04-02')).toEqual(['07:00–15:30']);
    expect(utcHours(LSE, '2024-04-02')).toEqual(['07:00–15:30']);
    expect(utcHours(US_EQUITIES, '2024-04-02')).toEqual(['13:30–20:00']);
  });

  it('autumn: Europe moves on 2024-10-27, New York on 2024-11-03', () => {
    expect(utcHours(XETRA, '2024-10-25')).toEqual(['07:00–15:30']);
    expect(utcHours(XETRA, '2024-10-28')).toEqual(['08:00–16:30']);
    expect(utcHours(US_EQUITIES, '2024-10-28')).toEqual(['13:30–20:00']);
    expect(utcHours(US_EQUITIES, '2024-11-04')).toEqual(['14:30–21:00']);
    expect(utcHours(US_EQUITIES, '2024-10-28', 'extended')).toEqual(['08:00–00:00']);
  });

  it('Tokyo keeps UTC+9 all year and breaks for lunch; from 2024-11-05 it closes at 15:30', () => {
    expect(utcHours(TSE, '2024-03-11')).toEqual(['00:00–02:30', '03:30–06:00']);
    expect(utcHours(TSE, '2024-10-28')).toEqual(['00:00–02:30', '03:30–06:00']);
    expect(utcHours(TSE, '2024-11-05')).toEqual(['00:00–02:30', '03:30–06:30']);
    expect(utcHours(TSE, '2024-11-09')).toEqual([]);
  });

  it('24/7 runs UTC days, every day; FX runs Sunday 17:00 to Friday 17:00 New York', () => {
    expect(utcHours(CRYPTO_24_7, '2024-03-09')).toEqual(['00:00–00:00']);
    expect(marketSessions(CRYPTO_24_7, '2024-03-10', 'extended')[0]).toEqual({ day: '2024-03-10', open: utc('2024-03-10T00:00'), close: utc('2024-03-11T00:00'), anchor: utc('2024-03-10T00:00') });
    // Monday 2024-03-11's FX day opens Sunday 17:00 New York — already summer time (21:00 UTC).
    expect(marketSessions(FX_24_5, '2024-03-11', 'regular')[0]).toMatchObject({ open: utc('2024-03-10T21:00'), close: utc('2024-03-11T21:00') });
    // The week before: winter time, 22:00 UTC.
    expect(marketSessions(FX_24_5, '2024-03-04', 'regular')[0]).toMatchObject({ open: utc('2024-03-03T22:00') });
    expect(marketSessions(FX_24_5, '2024-03-09', 'regular')).toEqual([]);
    expect(marketSessions(FX_24_5, '2024-03-10', 'regular')).toEqual([]);
    expect(marketDayStatus(FX_24_5, '2024-03-10').kind).toBe('weekend');
  });

  it('a bar at midnight belongs to the day it starts, where one session closes as the next opens', () => {
    const sessions = sessionsOfDays(CRYPTO_24_7, ['2024-03-09', '2024-03-10'], 'regular');
    expect(sessionAt(sessions, utc('2024-03-10T00:00'))?.day).toBe('2024-03-10');
    expect(sessionAt(sessions, utc('2024-03-11T00:00'))?.day).toBe('2024-03-10');
    expect(sessionAt(sessions, utc('2024-03-09T23:59'))?.day).toBe('2024-03-09');
  });

  it('US equities: the same sessions as before, early closes and the new years', () => {
    const [s] = marketSessions(US_EQUITIES, '2013-11-29', 'extended');
    expect({ day: s.day, open: s.open, close: s.close }).toEqual(tradingSession('2013-11-29', 'extended'));
    expect(s.anchor).toBe(Date.parse('2013-11-29T09:30:00-05:00'));
    expect(marketSessions(US_EQUITIES, '2006-01-16', 'regular')).toEqual([]); // MLK Day 2006
    expect(describeHours(US_EQUITIES, '2006-01-16', 'regular')).toBe('closed (Martin Luther King, Jr. Day)');
    expect(describeHours(US_EQUITIES, '2006-11-24', 'extended')).toBe('04:00–17:00 America/New_York (early close: Day after Thanksgiving)');
    expect(describeHours(TSE, '2024-03-11', 'regular')).toBe('09:00–11:30, 12:30–15:00 Asia/Tokyo');
    expect(describeHours(FX_24_5, '2024-03-11', 'regular')).toBe('17:00 (−1d)–17:00 America/New_York');
  });
});

describe('bar ends per market', () => {
  it('cuts a Tokyo bar at the lunch break and at the close', () => {
    const sessions = sessionsOfDays(TSE, ['2024-03-11'], 'regular');
    const ends = new BarEnds(sessions, '1h');
    const jst = (hm: string) => Date.parse(`2024-03-11T${hm}:00+09:00`);
    expect(ends.end(jst('09:00'))).toBe(jst('10:00'));
    expect(ends.end(jst('11:00'))).toBe(jst('11:30'));
    // The afternoon grid starts at its own open, 12:30.
    expect(ends.end(jst('12:30'))).toBe(jst('13:30'));
    expect(ends.end(jst('14:30'))).toBe(jst('15:00'));
    const daily = new BarEnds(sessions, '1d');
    expect(daily.end(jst('09:00'))).toBe(jst('15:00'));
  });

  it('24/7 bars run through midnight; FX days end at 17:00 New York', () => {
    const crypto = new BarEnds(sessionsOfDays(CRYPTO_24_7, ['2024-03-09', '2024-03-10'], 'regular'), '1h');
    expect(crypto.end(utc('2024-03-09T23:00'))).toBe(utc('2024-03-10T00:00'));
    expect(crypto.end(utc('2024-03-10T00:00'))).toBe(utc('2024-03-10T01:00'));
    const fx = new BarEnds(sessionsOfDays(FX_24_5, ['2024-03-11', '2024-03-12'], 'regular'), '1d');
    expect(fx.end(utc('2024-03-10T21:00'))).toBe(utc('2024-03-11T21:00'));
  });

  it('XETRA 1h bars stay on the 09:00 Berlin grid on both sides of the change', () => {
    const days = ['2024-03-28', '2024-04-02'];
    const ends = new BarEnds(sessionsOfDays(XETRA, days, 'regular'), '1h');
    expect(ends.end(utc('2024-03-28T15:00'))).toBe(utc('2024-03-28T16:00')); // 16:00 Berlin, UTC+1
    expect(ends.end(utc('2024-03-28T16:00'))).toBe(utc('2024-03-28T16:30')); // cut at 17:30 Berlin
    expect(ends.end(utc('2024-04-02T07:00'))).toBe(utc('2024-04-02T08:00')); // 09:00 Berlin, UTC+2
    expect(ends.end(utc('2024-04-02T15:00'))).toBe(utc('2024-04-02T15:30'));
  });
});

/** One-minute bars from `from` (inclusive) to `to` (exclusive), prices counting up. */
function minuteBars(from: number, to: number) {
  const ts: number[] = [];
  for (let t = from; t < to; t += MIN) ts.push(t);
  const p = ts.map((_, i) => i + 1);
  return { ts, values: [p, p, p, p, ts.map(() => 1)] };
}

describe('aggregation on each grid', () => {
  it('Tokyo 30m: the morning and afternoon grids, the last bucket of each ending at the break or close', () => {
    const [morning, afternoon] = marketSessions(TSE, '2024-03-11', 'regular');
    const am = aggregateBars(minuteBars(morning.open, morning.close), '30m', morning);
    expect(am.tsStart.length).toBe(5);
    expect(am.tsEmit[4]).toBe(morning.close);
    const pm = aggregateBars(minuteBars(afternoon.open, afternoon.close), '30m', afternoon);
    expect([...pm.tsStart].map((t) => new Date(t).toISOString().slice(11, 16))).toEqual(['03:30', '04:00', '04:30', '05:00', '05:30']);
    expect(pm.fields[4][0]).toBe(30); // thirty 1m bars in a 30m bucket
  });

  it('24/7 1h from midnight UTC; FX 1h from the 17:00 New York open; XETRA 1h from 09:00 Berlin', () => {
    const [crypto] = marketSessions(CRYPTO_24_7, '2024-03-10', 'regular');
    const c = aggregateBars(minuteBars(crypto.open, crypto.close), '1h', crypto);
    expect(c.tsStart.length).toBe(24);
    expect(c.tsStart[0]).toBe(utc('2024-03-10T00:00'));
    const [fx] = marketSessions(FX_24_5, '2024-03-11', 'regular');
    const f = aggregateBars(minuteBars(fx.open + 30 * MIN, fx.open + 150 * MIN), '1h', fx);
    expect([...f.tsStart]).toEqual([fx.open, fx.open + 60 * MIN, fx.open + 120 * MIN]);
    expect([...f.tsEmit]).toEqual([fx.open + 60 * MIN, fx.open + 120 * MIN, fx.open + 180 * MIN]);
    const [xetra] = marketSessions(XETRA, '2024-03-28', 'regular');
    const x = aggregateBars(minuteBars(xetra.open, xetra.close), '1h', xetra);
    expect(x.tsStart.length).toBe(9); // 09:00 … 17:00, the last cut at 17:30
    expect(x.tsEmit[8]).toBe(utc('2024-03-28T16:30'));
  });
});

describe('pacing across markets', () => {
  it('counts time when any market is open once, and skips time when all are closed', () => {
    const us = marketSessions(US_EQUITIES, '2024-03-11', 'regular');
    const xetra = marketSessions(XETRA, '2024-03-11', 'regular');
    const spans = openSpans([...us, ...xetra]);
    // 08:00–16:30 UTC and 13:30–20:00 UTC overlap: one span 08:00–20:00.
    expect(spans).toHaveLength(1);
    expect(tradingMsBetween(spans, spans[0].open, spans[0].close)).toBe(12 * 60 * MIN);
    const tokyo = marketSessions(TSE, '2024-03-12', 'regular');
    expect(openSpans([...us, ...xetra, ...tokyo])).toHaveLength(3);
  });
});

describe('custom markets', () => {
  it('builds a market from a zone, sessions, weekdays and holidays', () => {
    const result = customMarket({ id: 'sgx', zone: 'Asia/Singapore', sessions: [{ open: '13:00', close: '17:00' }, { open: '09:00', close: '12:00' }], weekdays: [1, 2, 3, 4, 5], holidays: ['2024-03-12'] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(utcHours(result.market, '2024-03-11')).toEqual(['01:00–04:00', '05:00–09:00']);
    expect(marketSessions(result.market, '2024-03-12', 'regular')).toEqual([]);
    expect(marketDayStatus(result.market, '2024-03-12')).toEqual({ kind: 'holiday', reason: 'holiday', known: true });
  });

  it('refuses overlapping sessions, an invalid zone, a taken id and bad times with clear messages', () => {
    const base = { id: 'mine', zone: 'Europe/Paris', sessions: [{ open: '09:00', close: '17:30' }], weekdays: [1, 2, 3, 4, 5] };
    const error = (patch: object) => {
      const r = customMarket({ ...base, ...patch });
      return r.ok ? '' : r.error;
    };
    expect(error({ sessions: [{ open: '09:00', close: '12:00' }, { open: '11:30', close: '15:00' }] })).toBe('custom market mine: sessions 09:00–12:00 and 11:30–15:00 overlap');
    expect(error({ zone: 'Mars/Olympus' })).toBe('custom market mine: "Mars/Olympus" is not a time zone; use an IANA name such as Asia/Singapore or Europe/Paris');
    expect(error({ id: 'tse' })).toMatch(/taken by a built-in market/);
    expect(error({ sessions: [{ open: '17:00', close: '09:00' }] })).toBe('custom market mine: session 17:00–09:00 closes before it opens');
    expect(error({ sessions: [{ open: '9am', close: '17:00' }] })).toMatch(/is not two times HH:MM/);
    expect(error({ weekdays: [7] })).toMatch(/weekday 7/);
    expect(error({ holidays: ['2024-02-30'] })).toMatch(/holiday "2024-02-30"/);
  });

  it('names the choices for an unknown market id', () => {
    expect(() => builtInMarket('nasdaq-nordic')).toThrow('unknown market "nasdaq-nordic": the markets are us-equities, crypto-24-7, fx-24-5, xetra, lse, tse and custom');
  });
});

describe('hours as people write them', () => {
  it('spansText writes local-minute spans; sessionHours writes a day\'s sessions with it, cut at an early close', () => {
    expect(spansText([{ open: 570, close: 960 }])).toBe('09:30–16:00');
    expect(spansText([{ open: 540, close: 690 }, { open: 750, close: 900 }])).toBe('09:00–11:30, 12:30–15:00');
    expect(spansText([{ open: -420, close: 1020 }])).toBe('17:00 (−1d)–17:00');
    expect(spansText([])).toBe('');
    expect(sessionHours(TSE, '2024-03-11', 'regular')).toBe('09:00–11:30, 12:30–15:00');
    expect(sessionHours(US_EQUITIES, '2013-11-29', 'regular')).toBe('09:30–13:00');
  });
});
