// Zone clocks and wall times across DST changes. Node (Vitest).
import { describe, expect, it } from 'vitest';
import { readWallTime, zoneClockText, zonePlace } from './zone-clock';

describe('zone clocks', () => {
  it('reads one instant on each market’s wall clock, summer and winter', () => {
    const t = Date.parse('2024-10-28T15:00:00Z'); // Europe already on winter time, New York not yet
    expect(zoneClockText('Europe/Berlin', t)).toBe('2024-10-28 16:00:00');
    expect(zoneClockText('America/New_York', t)).toBe('2024-10-28 11:00:00');
    expect(zoneClockText('Asia/Tokyo', t)).toBe('2024-10-29 00:00:00');
    expect(zoneClockText('UTC', t)).toBe('2024-10-28 15:00:00');
    expect(zoneClockText('Europe/Berlin', Date.parse('2024-07-01T07:00:00Z'))).toBe('2024-07-01 09:00:00');
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
