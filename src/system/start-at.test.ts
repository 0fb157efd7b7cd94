// start=HH:MM on the real engine (one thread, fallback gate): the items before the start are
// emitted at once, unpaced, as history, and pacing begins there. The history is computed here
// from a straight run's export (rows emitted at or before the start), not from the start code.
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, validateReplayConfig } from '../core/replay-config';
import { SystemState } from '../core/system-state';
import { readReplayUrl } from '../core/url-params';
import { createInProcessManager, TEST_BASE_URL } from '../testing/in-process-engine';
import { until } from '../testing/until';

const manager = createInProcessManager();
afterAll(() => manager.shutdown());


const rows = (csv: string) => csv.trimEnd().split('\n').slice(1);
const ny = (day: string, time: string) => Date.parse(`${day}T${time}:00-04:00`);

describe('start=HH:MM', () => {
  it('emits the history at once and paces from the start time (two days: the start is on the first)', async () => {
    const overrides = { symbols: 'SPY,IBM', from: '2013-10-04', to: '2013-10-07', interval: '1m,5m' };
    expect(await manager.start({ overrides: { ...overrides, speed: 'max' }, autostart: false })).toBe(true);
    await until('the straight run', () => manager.snapshot().runComplete);
    const straight = rows(manager.exportCsv());
    const start = ny('2013-10-04', '15:50');
    const history = straight.filter((row) => Number(row.split(',')[5]) <= start);
    expect(history.length).toBeGreaterThan(700);

    // At 1x the next minute is 60 s away: anything beyond the history would be unpaced.
    expect(await manager.start({ overrides: { ...overrides, speed: 1, start: '15:50' }, autostart: false })).toBe(true);
    // The clock arrives as its own event after the items' batch: wait for both (on a busy machine the
    // count can be complete a moment before the clock is).
    await until('the history and the clock at the start', () => {
      const now = manager.snapshot();
      return !now.seeking && now.emitted === history.length && now.backtestTime === start;
    });
    const snap = manager.snapshot();
    expect(snap.state).toBe(SystemState.RUNNING);
    expect(snap.backtestTime).toBe(start);
    expect(rows(manager.exportCsv())).toEqual(history);
    expect(snap.steps.some((e) => e.label.includes('start at 15:50'))).toBe(true);
    await manager.stop();
  }, 60_000);

  it('refuses a start outside the session (in the run\'s market, at start) or malformed (when read), naming it, and starts nothing', async () => {
    for (const [start, hours, message] of [
      ['25:00', 'regular', /^start must be a time written HH:MM, on the clock of the replay's first market/],
      ['9h30', 'regular', /^start must be/],
    ] as const) {
      expect(() => validateReplayConfig({ symbols: 'SPY', from: '2013-10-07', hours, start })).toThrow(message);
    }
    expect(validateReplayConfig({ symbols: 'SPY', from: '2013-10-07', start: '9:45' }).start).toBe('09:45');
    expect(validateReplayConfig({ symbols: 'SPY', from: '2013-10-07', hours: 'extended', start: '04:00' }).start).toBe('04:00');
    // The config only parses a start: its session is the run's first market's, which the data names.
    expect(validateReplayConfig({ symbols: 'SPY', from: '2013-10-07', start: '08:00' }).start).toBe('08:00');
    for (const [start, hours, message] of [
      ['08:00', 'regular', /^start 08:00 is outside the regular session \(09:30–16:00 New York\)/],
      ['16:00', 'regular', /outside the regular session/],
      ['03:59', 'extended', /outside the extended session \(04:00–20:00 New York\)/],
      ['17:00', 'regular', /start 17:00 is outside the regular session/],
    ] as const) {
      expect(await manager.start({ overrides: { symbols: 'SPY', from: '2013-10-07', hours, start }, autostart: false })).toBe(false);
      expect(manager.snapshot().error).toMatch(message);
      expect(manager.snapshot().state).toBe(SystemState.STOPPED);
    }
    expect(new ConfigError('start', 'x').field).toBe('start');
  });

  it('a link reads its start as HH:MM and names a malformed one with its other bad parameters (its hours: link-checks.test.ts)', () => {
    const reading = readReplayUrl('?symbols=SPY&start=08:15&speed=fast&from=2013-10-07', TEST_BASE_URL);
    expect(reading.errors.map((e) => e.field)).toEqual(['speed']);
    expect(reading.bad).toEqual({ speed: 'fast' });
    expect(reading.request.overrides).toEqual({ symbols: ['SPY'], from: '2013-10-07', start: '08:15' });
    const malformed = readReplayUrl('?symbols=SPY&start=noon&speed=fast', TEST_BASE_URL);
    expect(malformed.errors.map((e) => e.field)).toEqual(['start', 'speed']);
    expect(malformed.errors[0].message).toMatch(/HH:MM/);
    expect(malformed.bad).toEqual({ start: 'noon', speed: 'fast' });
    expect(readReplayUrl('?hours=extended&start=05:00', TEST_BASE_URL).errors).toEqual([]);
    expect(readReplayUrl('?config=week-2013-10&start=05:00', TEST_BASE_URL).errors).toEqual([]);
  });
});
