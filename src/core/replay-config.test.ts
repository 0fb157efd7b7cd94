import { describe, expect, it } from 'vitest';
import { checkAgainstCatalog, checkItemsAgainstCatalog, ConfigError, parseConfigText, validateReplayConfig, type Catalog } from './replay-config';
import { formatReplayQuery, parseReplayUrl } from './url-params';

const catalog: Catalog = new Map([
  ['SPY', new Map([['1m', ['2013-10-04', '2013-10-07']]])],
  ['AAPL', new Map([['1m', ['2014-06-05']]])],
]);

function fieldOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof ConfigError) return `${error.field}: ${error.message}`;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('replay config', () => {
  it('fills defaults', () => {
    expect(validateReplayConfig({ symbols: ['spy', 'SPY', ' ibm '], from: '2013-10-07' })).toEqual({
      name: 'IBM, SPY 2013-10-07',
      symbols: ['IBM', 'SPY'],
      from: '2013-10-07',
      to: '2013-10-07',
      intervals: ['1m'],
      hours: 'regular',
      speed: 60,
      mode: 'backtest',
      quotes: [],
      quoteTicks: [],
      trades: [],
      adjust: 'raw',
      gaps: 'gap',
    });
  });

  it('takes numeric tickers (Tokyo 7203, Hong Kong 0700.HK, Shanghai 600519)', () => {
    expect(validateReplayConfig({ symbols: '7203,0700.hk,600519', from: '2024-03-11' }).symbols).toEqual(['0700.HK', '600519', '7203']);
  });

  it('mixes bars with quote bars, quote updates and trades, and checks them against the data', () => {
    const config = validateReplayConfig({ symbols: 'SPY', quote_ticks: 'ibm', trades: ['IBM'], from: '2013-10-07' });
    expect([config.quoteTicks, config.trades]).toEqual([['IBM'], ['IBM']]);
    const items = new Map([['quote:tick|IBM', ['2013-10-07']], ['tick:tick|IBM', ['2013-10-07']]]);
    expect(checkItemsAgainstCatalog(config, items).get('tick:tick|IBM')).toEqual(['2013-10-07']);
    expect(fieldOf(() => checkItemsAgainstCatalog(validateReplayConfig({ trades: 'SPY', from: '2013-10-07' }), items))).toBe(
      'trades: there are no trade prints for SPY: the data has trade prints for IBM',
    );
    expect(fieldOf(() => checkItemsAgainstCatalog(validateReplayConfig({ quote_ticks: 'IBM', from: '2013-10-08' }), items))).toMatch(/^quote_ticks: no quote updates for IBM in 2013-10-08/);
  });

  it('rejects malformed JSON with the parser message', () => {
    expect(fieldOf(() => parseConfigText('{"symbols": [', 'config "x"'))).toMatch(/^config: config "x" is not valid JSON/);
    expect(fieldOf(() => parseConfigText('[1]', 'x.json'))).toMatch(/must be a JSON object/);
    expect(fieldOf(() => parseConfigText('{"symbol": "SPY"}', 'x.json'))).toMatch(/^symbol: .*unknown field "symbol"/);
  });

  it.each([
    [{ symbols: [], from: '2013-10-07' }, /^symbols: no symbols/],
    [{ symbols: ['SP Y'], from: '2013-10-07' }, /^symbols: "SP Y" is not a ticker/],
    [{ symbols: ['=1+1'], from: '2013-10-07' }, /^symbols: "=1\+1" is not a ticker/],
    [{ symbols: ['-X'], from: '2013-10-07' }, /^symbols: "-X" is not a ticker/],
    [{ symbols: ['SPY'], from: '2013-13-01' }, /^from: from must be a date/],
    [{ symbols: ['SPY'], from: '2013-10-07', to: '2013-10-01' }, /^to: to \(2013-10-01\) is before from/],
    [{ symbols: ['SPY'], from: '2013-10-07', interval: '2m' }, /^interval: "2m" is not an interval/],
    [{ symbols: ['SPY'], from: '2013-10-07', interval: '1m,7m' }, /^interval: "7m" is not an interval/],
    [{ symbols: ['SPY'], from: '2013-10-07', hours: 'night' }, /^hours: hours must be "regular"/],
    [{ symbols: ['SPY'], from: '2013-10-07', speed: 0 }, /^speed: speed must be "max" or a number/],
    [{ symbols: ['SPY'], from: '2013-10-07', speed: 100001 }, /^speed: /],
    [{ symbols: ['SPY'], from: '2013-10-07', speed: 'fast' }, /^speed: /],
    [{ symbols: ['SPY'], from: '2013-10-07', mode: 'paper' }, /^mode: mode must be "backtest"/],
    [{ symbols: ['SPY'], from: '2013-10-07', adjust: 'dividends' }, /^adjust: adjust must be "raw"/],
    [{ symbols: ['SPY'], from: '2013-10-07', gaps: 'interpolate' }, /^gaps: gaps must be "gap"/],
  ])('rejects %j', (input, message) => {
    expect(fieldOf(() => validateReplayConfig(input))).toMatch(message);
  });

  it('accepts several intervals, in the order given, without duplicates', () => {
    expect(validateReplayConfig({ symbols: 'SPY', from: '2013-10-07', interval: '5m,1m,5m' }).intervals).toEqual(['5m', '1m']);
  });

  it('accepts live mode without dates, and checks its symbols', () => {
    const live = validateReplayConfig({ symbols: 'SPY', mode: 'live' });
    expect([live.mode, live.from, live.symbols]).toEqual(['live', '', ['SPY']]);
    expect(checkAgainstCatalog(live, catalog).get('SPY')).toEqual(['2013-10-07']);
    expect(fieldOf(() => checkAgainstCatalog(validateReplayConfig({ symbols: 'ZZZ', mode: 'live' }), catalog))).toMatch(/^symbols: unknown symbol ZZZ/);
  });

  it('accepts decimal and max speeds', () => {
    expect(validateReplayConfig({ symbols: 'SPY', from: '2013-10-07', speed: '2.5' }).speed).toBe(2.5);
    expect(validateReplayConfig({ symbols: 'SPY', from: '2013-10-07', speed: 'max' }).speed).toBe('max');
  });

  it('names unknown symbols and lists what exists', () => {
    const config = validateReplayConfig({ symbols: ['SPY', 'MSFT'], from: '2013-10-07' });
    expect(fieldOf(() => checkAgainstCatalog(config, catalog))).toBe('symbols: unknown symbol MSFT: the data has AAPL, SPY');
  });

  it('names symbols with no data in the range', () => {
    const config = validateReplayConfig({ symbols: ['SPY', 'AAPL'], from: '2013-10-07' });
    expect(fieldOf(() => checkAgainstCatalog(config, catalog))).toBe('from: no data in 2013-10-07 for AAPL (has 2014-06-05 to 2014-06-05)');
  });

  it('returns the days with data and skips the rest', () => {
    const config = validateReplayConfig({ symbols: ['SPY'], from: '2013-10-04', to: '2013-10-08' });
    expect(checkAgainstCatalog(config, catalog).get('SPY')).toEqual(['2013-10-04', '2013-10-07']);
  });
});

describe('URL parameters', () => {
  const base = 'http://127.0.0.1:4173/lab/';

  it('parses every stable parameter', () => {
    const request = parseReplayUrl('?config=week-2013-10&symbols=spy,IBM,spy&from=2013-10-07&to=2013-10-08&interval=1m&hours=extended&speed=max&db=data/x.sqlite&autostart=1&unknown=1', base);
    expect(request).toEqual({
      configName: 'week-2013-10',
      overrides: { symbols: ['IBM', 'SPY'], from: '2013-10-07', to: '2013-10-08', interval: ['1m'], hours: 'extended', speed: 'max' },
      dbUrl: 'http://127.0.0.1:4173/lab/data/x.sqlite',
      autostart: true,
    });
  });

  it.each([
    ['speed=0', /^speed: /],
    ['speed=abc', /^speed: /],
    ['from=yesterday', /^from: /],
    ['interval=7m', /^interval: /],
    ['hours=all', /^hours: /],
    ['config=../secret', /^config: /],
    ['db=https://example.com/x.sqlite', /^db: db must be a file on this site/],
    ['autostart=yes', /^autostart: /],
    ['symbols=,', /^symbols: /],
  ])('names the bad parameter in %s', (query, message) => {
    expect(fieldOf(() => parseReplayUrl(query, base))).toMatch(message);
  });

  it('round-trips through formatReplayQuery', () => {
    const request = parseReplayUrl('config=spy-aig-bac-ibm-2013-10-07&symbols=SPY&speed=60&autostart=1', base);
    expect(parseReplayUrl(formatReplayQuery(request), base)).toEqual(request);
  });
});
