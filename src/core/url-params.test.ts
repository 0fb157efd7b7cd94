import { describe, expect, it } from 'vitest';
import { experimentId, parseReplayUrl, readReplayUrl } from './url-params';

const base = 'http://127.0.0.1:4173/lab/';

describe('readReplayUrl: a link read whole', () => {
  it('names every bad parameter, in the link\'s order, and keeps every good one', () => {
    const reading = readReplayUrl('?symbols=SPY,IBM&from=2013-13-45&hours=extended&speed=-3&interval=7m&autostart=1', base);
    expect(reading.errors.map((e) => e.field)).toEqual(['from', 'speed', 'interval']);
    expect(reading.request.overrides).toEqual({ symbols: ['IBM', 'SPY'], hours: 'extended' });
    expect(reading.request.autostart).toBe(true);
    expect(reading.bad).toEqual({ from: '2013-13-45', speed: '-3', interval: '7m' });
  });

  it('a good link has no errors', () => {
    const reading = readReplayUrl('config=spy-aig-bac-ibm-2013-10-07&view=lab&experiment=no-gate&autostart=1', base);
    expect(reading.errors).toEqual([]);
    expect(reading).toMatchObject({ view: 'lab', experiment: 'no-gate', request: { configName: 'spy-aig-bac-ibm-2013-10-07', autostart: true } });
  });

  it.each(['replay', 'lab', 'data', 'verify'])('view=%s opens that view', (view) => {
    expect(readReplayUrl(`view=${view}`, base).view).toBe(view);
  });

  it('a view that does not exist is named', () => {
    const reading = readReplayUrl('view=charts&symbols=SPY', base);
    expect(reading.errors.map((e) => `${e.field}: ${e.message}`)).toEqual(['view: view must be replay, lab, data, verify; got "charts"']);
    expect(reading.view).toBeUndefined();
    expect(reading.request.overrides).toEqual({ symbols: ['SPY'] });
  });

  it.each([
    ['no-gate', 'no-gate'],
    ['noGate', 'no-gate'],
    ['one_minute_bar_end', 'one-minute-bar-end'],
    ['Look-Ahead', 'look-ahead'],
  ])('experiment=%s reads as %s', (value, id) => {
    expect(experimentId(value)).toBe(id);
  });

  it('an experiment that is not an id is named', () => {
    expect(readReplayUrl('experiment=<script>', base).errors.map((e) => e.field)).toEqual(['experiment']);
  });

  it('parseReplayUrl still throws the first bad replay parameter, and ignores view and experiment', () => {
    expect(() => parseReplayUrl('speed=-3&from=2013-13-45', base)).toThrow(/^speed must be/);
    expect(parseReplayUrl('view=nope&experiment=%3F&symbols=SPY', base).overrides).toEqual({ symbols: ['SPY'] });
  });

  it('indicators=… gives every chart its indicators; an unknown one is named and the good parameters stay', () => {
    expect(readReplayUrl('symbols=SPY&indicators=sma20,ema50,vwap,bb20,rsi14', base).indicators?.map((s) => `${s.kind}${s.period}`)).toEqual(['sma20', 'ema50', 'vwap0', 'bb20', 'rsi14']);
    const bad = readReplayUrl('symbols=SPY&indicators=sma20,macd&autostart=1', base);
    expect(bad.errors.map((e) => `${e.field}: ${e.message}`)).toEqual(['indicators: unknown indicator "macd"; known: sma, ema, bb, rsi, vwap (e.g. sma20,ema50,vwap,bb20,rsi14)']);
    expect(bad.indicators).toBeUndefined();
    expect(bad.bad).toEqual({ indicators: 'sma20,macd' });
    expect(bad.request.overrides).toEqual({ symbols: ['SPY'] });
  });
});
