// Zone clocks and wall times across DST changes. Node (Vitest).
import { describe, expect, it } from 'vitest';
import { readWallTime, zoneClockText, zoneNote, zonePlace } from './zone-clock';

describe('zone clocks', () => {
  it('reads one instant on each market’s wall clock, summer and winter', () => {
    const t = Date.parse('2024-10-28T15:00:00Z'); // Europe already on winter time, New York not yet
    expect(zoneClockText('Europe/Berlin', t)).toBe('2024-10-28 16:00:00');
    expect(zoneClockText('America/New_York', t)).toBe('2024-10-28 11:00:00');
    expect(zoneClockText('Asia/Tokyo', t)).toBe('2024-10-29 00:00:00');
    expect(zoneClockText('UTC', t)).toBe('2024-10-28 15:00:00');
    expect(zoneClockText('Europe/Berlin', Date.parse('2024-07-01T07:00:00Z'))).toBe('2024-07-01 09:00:00');
  });

  it('notes the place only where it is not New York, in the words each caller wraps it in', () => {
    expect(['America/New_York', 'Asia/Tokyo', 'UTC', 'America/Argentina/Buenos_Aires'].map((zone) => zoneNote(zone))).toEqual(['', 'Tokyo', 'UTC', 'Buenos Aires']);
    expect(zoneNote('Asia/Tokyo', (place) => ` (${place} time)`)).toBe(' (Tokyo time)');
    expect(zoneNote('America/New_York', (place) => ` (${place} time)`)).toBe('');
    // Another zone on New York's clocks is still another place: only New York's own goes unsaid.
    expect(zoneNote('America/Toronto', (place) => ` · ${place} time`)).toBe(' · Toronto time');
  });

  it('names the place of a zone', () => {
    expect(['America/New_York', 'Europe/Berlin', 'UTC', 'America/Argentina/Buenos_Aires'].map(zonePlace)).toEqual(['New York', 'Berlin', 'UTC', 'Buenos Aires']);
  });
});

describe('readWallTime: a typed wall time in a zone', () => {
  it('reads an ordinary time as its one instant', () => {
    expect(readWallTime('Europe/Berlin', '2024-10-28', 15 * 60 + 30)).toEqual({ kind: 'exact', utc: Date.parse('2024-10-28T14:30:00Z') });
    expect(readWallTime('Europe/Berlin', '2024-10-25', 15 * 60 + 30)).toEqual({ kind: 'exact', utc: Date.parse('2024-10-25T13:30:00Z') });
    expect(readWallTime('America/New_York', '2013-10-07', 12 * 60)).toEqual({ kind: 'exact', utc: Date.parse('2013-10-07T16:00:00Z') });
    expect(readWallTime('Asia/Tokyo', '2024-03-11', 9 * 60)).toEqual({ kind: 'exact', utc: Date.parse('2024-03-11T00:00:00Z') });
  });

  it('says which hour was skipped when the clocks jumped over the time', () => {
    expect(readWallTime('Europe/Berlin', '2024-03-31', 2 * 60 + 30)).toEqual({ kind: 'skipped', from: '02:00', to: '03:00' });
    expect(readWallTime('America/New_York', '2024-03-10', 2 * 60)).toEqual({ kind: 'skipped', from: '02:00', to: '03:00' });
    // The minutes on either side of the gap exist.
    expect(readWallTime('Europe/Berlin', '2024-03-31', 60 + 59)).toEqual({ kind: 'exact', utc: Date.parse('2024-03-31T00:59:00Z') });
    expect(readWallTime('Europe/Berlin', '2024-03-31', 3 * 60)).toEqual({ kind: 'exact', utc: Date.parse('2024-03-31T01:00:00Z') });
  });

  it('gives both instants of a time the clocks went back over, the earlier first', () => {
    expect(readWallTime('Europe/Berlin', '2024-10-27', 2 * 60 + 30)).toEqual({ kind: 'repeated', utc: Date.parse('2024-10-27T00:30:00Z'), later: Date.parse('2024-10-27T01:30:00Z') });
    expect(readWallTime('America/New_York', '2024-11-03', 60 + 15)).toEqual({ kind: 'repeated', utc: Date.parse('2024-11-03T05:15:00Z'), later: Date.parse('2024-11-03T06:15:00Z') });
  });

  it('has no DST edges in UTC or Tokyo', () => {
    for (let m = 0; m < 24 * 60; m += 30) {
      expect(readWallTime('UTC', '2024-03-31', m).kind).toBe('exact');
      expect(readWallTime('Asia/Tokyo', '2024-10-27', m).kind).toBe('exact');
    }
  });
});

describe('zoneClockText reads what Intl reads', () => {
  // The reference: Intl's own parts, as the clocks were formatted before they used the cached offset.
  const formats = new Map<string, Intl.DateTimeFormat>();
  const reference = (zone: string, utcMs: number) => {
    const format = formats.get(zone) ?? new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formats.set(zone, format);
    const p: Record<string, string> = {};
    for (const part of format.formatToParts(new Date(utcMs))) p[part.type] = part.value;
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
  };
  /** Every `step` ms for two hours either side of `around`, and the instants where the two differ. */
  const differences = (zone: string, around: string, step: number) => {
    const at = Date.parse(around);
    const found: string[] = [];
    for (let t = at - 2 * 3_600_000; t <= at + 2 * 3_600_000; t += step) {
      if (zoneClockText(zone, t) !== reference(zone, t)) found.push(`${zone} ${new Date(t).toISOString()}: ${zoneClockText(zone, t)} vs ${reference(zone, t)}`);
    }
    return found;
  };

  it('the same text minute by minute across DST changes of the markets’ zones and others', () => {
    for (const [zone, change] of [
      ['America/New_York', '2024-03-10T07:00:00Z'],
      ['America/New_York', '2024-11-03T06:00:00Z'],
      ['Europe/Berlin', '2024-03-31T01:00:00Z'],
      ['Europe/Berlin', '2024-10-27T01:00:00Z'],
      ['Europe/London', '2024-10-27T01:00:00Z'],
      ['Asia/Tokyo', '2024-03-11T00:00:00Z'],
      ['UTC', '2024-01-01T00:00:00Z'],
      ['Australia/Sydney', '2024-04-06T16:00:00Z'],
      ['America/Sao_Paulo', '2018-11-04T03:00:00Z'],
    ] as const) {
      expect(differences(zone, change, 60_000)).toEqual([]);
    }
  });

  it('the same text second by second where the offset changes off the UTC hour', () => {
    for (const [zone, change] of [
      ['Australia/Adelaide', '2024-04-06T16:30:00Z'], // 03:00 local summer time back to 02:00, on the half hour UTC
      ['Australia/Lord_Howe', '2024-10-05T15:30:00Z'], // a half-hour change, on the half hour UTC
      ['America/St_Johns', '1990-04-01T03:31:00Z'], // a minute past midnight local
    ] as const) {
      expect(differences(zone, change, 15_000)).toEqual([]);
      expect(zoneClockText(zone, Date.parse(change))).toBe(reference(zone, Date.parse(change)));
      expect(zoneClockText(zone, Date.parse(change) - 1000)).toBe(reference(zone, Date.parse(change) - 1000));
    }
  });
});
