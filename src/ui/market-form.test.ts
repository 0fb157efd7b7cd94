import { describe, expect, it } from 'vitest';
import { defaultCustomFields, MARKET_CHOICES, marketSpecOf, parseSessions, zoneOfChoice } from './market-form';

describe('the import form market fields', () => {
  it('offers the built-in markets and custom, with their zones', () => {
    expect(MARKET_CHOICES.map((c) => c.id)).toEqual(['us-equities', 'crypto-24-7', 'fx-24-5', 'xetra', 'lse', 'tse', 'custom']);
    expect(MARKET_CHOICES.find((c) => c.id === 'tse')?.zone).toBe('Asia/Tokyo');
  });
  it("reads times in the chosen market's zone: a built-in one's, or the custom fields' own", () => {
    expect(zoneOfChoice('crypto-24-7', defaultCustomFields())).toBe('UTC');
    expect(zoneOfChoice('custom', { ...defaultCustomFields(), zone: 'Asia/Singapore' })).toBe('Asia/Singapore');
  });
  it('reads sessions written with a dash or an en dash, keeping a bad piece for the check to name', () => {
    expect(parseSessions('09:00–11:30, 12:30 - 15:00')).toEqual([{ open: '09:00', close: '11:30' }, { open: '12:30', close: '15:00' }]);
    expect(parseSessions('9am')).toEqual([{ open: '9am', close: '' }]);
  });
  it('turns the custom fields into a definition, and a built-in choice into its id', () => {
    expect(marketSpecOf('xetra', defaultCustomFields())).toBe('xetra');
    expect(marketSpecOf('custom', { ...defaultCustomFields(), id: ' sgx ', zone: 'Asia/Singapore', sessions: '09:00-12:00,13:00-17:00', holidays: '2024-03-12, 2024-03-13' })).toEqual({
      id: 'sgx',
      zone: 'Asia/Singapore',
      sessions: [{ open: '09:00', close: '12:00' }, { open: '13:00', close: '17:00' }],
      weekdays: [1, 2, 3, 4, 5],
      holidays: ['2024-03-12', '2024-03-13'],
    });
  });
});
