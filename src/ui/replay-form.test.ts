import { describe, expect, it } from 'vitest';
import { parseReplayUrl } from '../core/url-params';
import { formFromFields, queryFromForm, requestFromForm } from './replay-form';

describe('replay form', () => {
  it('round-trips through the URL', () => {
    const form = formFromFields('week-2013-10', { symbols: ['SPY', 'IBM'], from: '2013-10-04', to: '2013-10-11', interval: '1m', hours: 'extended', speed: 360 });
    const base = 'http://127.0.0.1:4173/sub/';
    const request = parseReplayUrl(queryFromForm(form, `${base}data/x.sqlite`), base);
    expect(request.configName).toBe('week-2013-10');
    expect(request.dbUrl).toBe(`${base}data/x.sqlite`); // the same file, whatever sub-path the site is under
    expect(request.overrides).toEqual({ symbols: ['IBM', 'SPY'], from: '2013-10-04', to: '2013-10-11', interval: ['1m'], hours: 'extended', speed: 360 });
    expect(requestFromForm(form).overrides.speed).toBe('360');
  });
});
