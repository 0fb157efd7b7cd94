import { describe, expect, it } from 'vitest';
import { csvField, formatRunExport, RUN_EXPORT_HEADER } from './run-export';

describe('run export', () => {
  it('writes the stable header, seq from 1, LF line ends and round-trip numbers', () => {
    const csv = formatRunExport([
      { streamType: 'bar', symbol: 'SPY', interval: '1m', tsStart: 1381152600000, tsEmit: 1381152660000, values: [167.1, 167.2, 0.1 + 0.2, 167, 20000] },
    ]);
    expect(csv).toBe(`${RUN_EXPORT_HEADER}\n1,bar,SPY,1m,1381152600000,1381152660000,167.1,167.2,0.30000000000000004,167,20000\n`);
    expect(Number(csv.split('\n')[1].split(',')[8])).toBe(0.1 + 0.2);
  });
  it('quotes only where RFC 4180 needs it', () => {
    expect(csvField('BRK.B')).toBe('BRK.B');
    expect(csvField('A,B')).toBe('"A,B"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
  });
});

describe('run export with quote streams', () => {
  it('appends the quote columns; a missing side is empty', () => {
    const csv = formatRunExport(
      [
        { streamType: 'tick', symbol: 'IBM', interval: 'tick', tsStart: 5, tsEmit: 5, values: [181.5, 181.5, 181.5, 181.5, 100] },
        { streamType: 'quote', symbol: 'IBM', interval: 'tick', tsStart: 6, tsEmit: 6, values: [], quote: [181.4, 181.4, 181.4, 181.4, 200, NaN, NaN, NaN, NaN, NaN] },
      ],
      true,
    );
    expect(csv.split('\n')).toEqual([
      `${RUN_EXPORT_HEADER},bid_open,bid_high,bid_low,bid_close,bid_size,ask_open,ask_high,ask_low,ask_close,ask_size`,
      '1,tick,IBM,tick,5,5,181.5,181.5,181.5,181.5,100,,,,,,,,,,',
      '2,quote,IBM,tick,6,6,,,,,,181.4,181.4,181.4,181.4,200,,,,,',
      '',
    ]);
  });
});
