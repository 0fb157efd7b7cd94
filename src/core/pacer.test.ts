import { describe, expect, it } from 'vitest';
import { MAX_SPEED, Pacer } from './pacer';
import { tradingMsBetween, tradingSession } from './trading-hours';

const friday = tradingSession('2013-10-04', 'regular')!;
const monday = tradingSession('2013-10-07', 'regular')!;
const sessions = [friday, monday];
const MIN = 60_000;

describe('trading time', () => {
  it('counts only open-market time between two instants', () => {
    expect(tradingMsBetween(sessions, friday.open, friday.open + 5 * MIN)).toBe(5 * MIN);
    // Friday 15:59 → Monday 09:31: one minute before the close plus one after the open.
    expect(tradingMsBetween(sessions, friday.close - MIN, monday.open + MIN)).toBe(2 * MIN);
    expect(tradingMsBetween(sessions, monday.open, friday.open)).toBe(0);
  });
  it('regular sessions are 6.5 hours, extended 16', () => {
    expect(friday.close - friday.open).toBe(390 * MIN);
    const extended = tradingSession('2013-10-04', 'extended')!;
    expect(extended.close - extended.open).toBe(16 * 60 * MIN);
  });
});

describe('Pacer', () => {
  it('waits the emit-time gap divided by the speed', () => {
    const pacer = new Pacer(sessions);
    pacer.start(1000, friday.open, 60);
    expect(pacer.delayMs(1000, friday.open + MIN)).toBe(1000);
    expect(pacer.delayMs(1500, friday.open + MIN)).toBe(500);
    expect(pacer.delayMs(2000, friday.open + MIN)).toBe(0);
    expect(pacer.delayMs(1000, friday.open + 10 * MIN)).toBe(10_000);
  });

  it('does not sleep through the night or the weekend', () => {
    const pacer = new Pacer(sessions);
    pacer.start(0, friday.close, 60); // the last Friday bar was emitted at 16:00
    // Monday's first bar (09:30–09:31) is one trading minute away: one second at 60x.
    expect(pacer.delayMs(0, monday.open + MIN)).toBe(1000);
  });

  it('never waits at max speed', () => {
    const pacer = new Pacer(sessions);
    pacer.start(0, friday.open, MAX_SPEED);
    expect(pacer.delayMs(0, monday.close)).toBe(0);
  });

  it('keeps the progress made mid-gap when the speed changes', () => {
    const pacer = new Pacer(sessions);
    pacer.start(0, friday.open, 60);
    // Half way through a one-minute gap (500 ms at 60x), switch to 600x: 30 s of backtest left = 50 ms.
    pacer.setSpeed(500, 600, friday.open);
    expect(pacer.delayMs(500, friday.open + MIN)).toBeCloseTo(50, 6);
  });

  it('waits forever while paused and resumes where it stopped', () => {
    const pacer = new Pacer(sessions);
    pacer.start(0, friday.open, 60);
    pacer.pause(250, friday.open);
    expect(pacer.delayMs(10_000, friday.open + MIN)).toBe(Infinity);
    pacer.resume(10_000, friday.open);
    expect(pacer.delayMs(10_000, friday.open + MIN)).toBe(750);
  });

  it('resumes after a step from the stepped item, not before it', () => {
    const pacer = new Pacer(sessions);
    pacer.start(0, friday.open, 60);
    pacer.pause(0, friday.open);
    // A step emitted the 09:31 item while paused; the next (09:32) is a full minute later.
    pacer.resume(5000, friday.open + MIN);
    expect(pacer.delayMs(5000, friday.open + 2 * MIN)).toBe(1000);
  });

  it('leaving max speed continues from the backtest time', () => {
    const pacer = new Pacer(sessions);
    pacer.start(0, friday.open, MAX_SPEED);
    pacer.setSpeed(100, 60, friday.open + 30 * MIN);
    expect(pacer.delayMs(100, friday.open + 31 * MIN)).toBe(1000);
  });
});
