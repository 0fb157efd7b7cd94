// Importing files of other markets under Node: the chosen market decides the trading days, the
// hours every row is checked against and the refusals' wording; weekend rows offered as 24/7; a
// custom market survives export and re-import; bad markets are refused before any row. Node (Vitest).

import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { exportInterchange } from './dataset-export';
import { inspectFile } from './import-file';
import { DEFAULT_IMPORT_OPTIONS } from './csv-import';
import { MarketDataRepository } from './market-data-repository';

const SQL = await initSqlJs();
const sqlJs = async () => SQL;
const text = (s: string) => new TextEncoder().encode(s);
const inspect = (name: string, content: string | Uint8Array, options = {}) =>
  inspectFile(sqlJs, { name, bytes: typeof content === 'string' ? text(content) : content }, { ...DEFAULT_IMPORT_OPTIONS, ...options }, new Map());

/** A CSV of 1m bars, `minutes` from `from` (an ISO instant with offset), written with that offset's wall time. */
function csv(symbol: string, from: string, minutes: number): string {
  const start = Date.parse(from);
  const lines = ['symbol,ts,open,high,low,close,volume'];
  for (let i = 0; i < minutes; i++) lines.push(`${symbol},${new Date(start + i * 60_000).toISOString()},10,11,9,10.5,100`);
  return lines.join('\n');
}

describe('import with a market', () => {
  it('a weekend of 1m crypto bars: refused as US equities with 24/7 offered, every row kept as crypto-24-7', async () => {
    const file = csv('BTCUSD', '2024-03-09T00:00:00Z', 48 * 60);
    const us = await inspect('btc.csv', file);
    expect(us.report.rowsValid).toBeLessThan(48 * 60);
    expect(us.report.suggestedMarket?.id).toBe('crypto-24-7');
    const crypto = await inspect('btc.csv', file, { market: 'crypto-24-7', zone: 'UTC' });
    expect(crypto.report.rowsValid).toBe(48 * 60);
    expect(crypto.report.suggestedMarket).toBeUndefined();
    expect(crypto.report.markets).toEqual({ BTCUSD: 'crypto-24-7' });
    expect(crypto.chunks.map((c) => c.day)).toEqual(['2024-03-09', '2024-03-10']);
  });

  it('XETRA refuses rows outside 09:00–17:30 Berlin and names the market and its hours that day', async () => {
    // 08:50–09:10 Berlin on Thursday 2024-03-28 (UTC+1), and a Saturday row.
    const file = `${csv('SAP', '2024-03-28T07:50:00Z', 20)}\nSAP,2024-03-30T09:00:00Z,10,11,9,10.5,100`;
    const { report } = await inspect('sap.csv', file, { market: 'xetra', zone: 'Europe/Berlin' });
    expect(report.rowsValid).toBe(10);
    const messages = report.firstProblems.map((p) => p.message);
    expect(messages[0]).toBe("row 2: 2024-03-28 08:50:00 Europe/Berlin is outside XETRA (Frankfurt)'s hours on 2024-03-28 (09:00–17:30 Europe/Berlin)");
    expect(messages).toContain('row 22: 2024-03-30: XETRA (Frankfurt) is closed on Saturdays');
  });

  it('LSE and TSE refuse their holidays and early-closed hours, naming the market and the day, and keep years the calendar does not know', async () => {
    // London: Christmas Eve 2024 closes at 12:30 (12:29 kept, 12:30 refused), Christmas Day closed.
    const lse = `${csv('VOD', '2024-12-24T12:29:00Z', 2)}\nVOD,2024-12-25T10:00:00Z,10,11,9,10.5,100\nVOD,2036-12-25T10:00:00Z,10,11,9,10.5,100`;
    const london = await inspect('vod.csv', lse, { market: 'lse', zone: 'Europe/London' });
    expect(london.report.rowsValid).toBe(2);
    expect(london.chunks.map((c) => c.day)).toEqual(['2024-12-24', '2036-12-25']); // 2036: outside 1990–2035, weekdays taken as open
    expect(london.report.firstProblems.map((p) => p.message)).toEqual([
      "row 3: 2024-12-24 12:30:00 Europe/London is outside London Stock Exchange's hours on 2024-12-24 (08:00–12:30 Europe/London (early close: Christmas Eve))",
      'row 4: 2024-12-25: London Stock Exchange is closed (Christmas Day)',
    ]);
    // Tokyo: 2024-05-06 is the substitute for Sunday's Children's Day; 2024-05-07 trades.
    const tse = `TOYOTA,2024-05-06T00:00:00Z,10,11,9,10.5,100\nTOYOTA,2024-05-07T00:00:00Z,10,11,9,10.5,100`;
    const tokyo = await inspect('toyota.csv', `symbol,ts,open,high,low,close,volume\n${tse}`, { market: 'tse', zone: 'Asia/Tokyo' });
    expect(tokyo.report.rowsValid).toBe(1);
    expect(tokyo.report.firstProblems.map((p) => p.message)).toEqual(["row 2: 2024-05-06: Tokyo Stock Exchange is closed (Substitute holiday for Children's Day)"]);
  });

  it('a custom market round-trips through export and re-import', async () => {
    const sgx = { id: 'sgx', zone: 'Asia/Singapore', sessions: [{ open: '09:00', close: '12:00' }, { open: '13:00', close: '17:00' }], weekdays: [1, 2, 3, 4, 5] };
    // 11:50–13:10 Singapore: 10 before the break, 60 refused at lunch, 10 after.
    const first = await inspect('d05.csv', csv('D05', '2024-03-11T03:50:00Z', 80), { market: sgx, zone: 'Asia/Singapore' });
    expect(first.report.rowsValid).toBe(20);
    const exported = exportInterchange(SQL, first.chunks, new Map(Object.entries(first.report.markets ?? {})));
    const again = await inspect('d05.sqlite', exported);
    expect(again.report.rowsValid).toBe(20);
    expect(again.report.markets).toEqual({ D05: sgx });
    expect(MarketDataRepository.open(SQL, exported, 'd05.sqlite').catalog()[0].market).toEqual(sgx);
  });

  it('refuses an unknown market, overlapping sessions and an invalid zone before reading a row', async () => {
    const file = csv('X', '2024-03-11T14:00:00Z', 2);
    await expect(inspect('x.csv', file, { market: 'nasdaq-nordic' })).rejects.toThrow('unknown market "nasdaq-nordic": the markets are us-equities, crypto-24-7, fx-24-5, xetra, lse, tse and custom');
    const overlapping = { id: 'mine', zone: 'Europe/Paris', sessions: [{ open: '09:00', close: '12:00' }, { open: '11:00', close: '17:00' }], weekdays: [1] };
    await expect(inspect('x.csv', file, { market: overlapping })).rejects.toThrow('custom market mine: sessions 09:00–12:00 and 11:00–17:00 overlap');
    await expect(inspect('x.csv', file, { market: { ...overlapping, sessions: [{ open: '09:00', close: '17:00' }], zone: 'Europe/Parris' } })).rejects.toThrow('"Europe/Parris" is not a time zone');
  });
});
