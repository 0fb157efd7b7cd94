// link-checks.ts: what a link got wrong, worded as the page shows it. Node.

import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../core/catalog-entry';
import { readReplayUrl } from '../core/url-params';
import { addUrlError, linkStartError, linkSymbolsError, unknownExperiment } from './link-checks';
import { formFromFields } from './replay-form';

const BASE = 'https://lab.example/app/';
const entries: CatalogEntry[] = [
  { symbol: 'SPY', interval: '1m', days: ['2024-03-08', '2024-03-11'] },
  { symbol: 'TOYOTA', interval: '1m', days: ['2024-03-11'], market: 'tse' },
];

/** A link as the page reads it, and the panel's form for it (no bundled config). */
function linkOf(search: string) {
  const link = readReplayUrl(search, BASE);
  return { link, form: formFromFields('', link.request.overrides) };
}

describe('link-checks', () => {
  it('each error goes on a line of its own after those shown', () => {
    expect(addUrlError(null, 'symbols: unknown symbol NOPE')).toBe('symbols: unknown symbol NOPE');
    expect(addUrlError('URL parameter speed: bad', 'URL parameter start: bad')).toBe('URL parameter speed: bad\nURL parameter start: bad');
  });

  it('an experiment the lab lacks is named with the ones it has; a known one or none is no error', () => {
    expect(unknownExperiment(undefined)).toEqual([]);
    expect(unknownExperiment('no-gate')).toEqual([]);
    expect(unknownExperiment('nope')).toEqual([expect.stringMatching(/^URL parameter experiment: there is no experiment "nope"; the lab has no-gate, /)]);
  });

  it("a link's symbols are checked once the catalog arrives, worded as the start would word them", () => {
    const { link, form } = linkOf('?symbols=SPY,NOPE,ZZZ&from=2024-03-08');
    expect(linkSymbolsError(link, form, entries)).toBe('symbols: unknown symbols NOPE, ZZZ: the data has SPY, TOYOTA');
    // No catalog (not yet, or it failed): nothing is known, nothing is named.
    expect(linkSymbolsError(link, form, null)).toBeNull();
    const known = linkOf('?symbols=TOYOTA,SPY&from=2024-03-08');
    expect(linkSymbolsError(known.link, known.form, entries)).toBeNull();
  });

  it("symbols the link does not name (a config's) are not the link's to report", () => {
    const { link } = linkOf('?config=week');
    expect(linkSymbolsError(link, formFromFields('week', { symbols: ['NOPE'] }), entries)).toBeNull();
  });

  it("a link's start is checked in its first market's hours, named like its other parameters", () => {
    const lunch = linkOf('?symbols=TOYOTA&from=2024-03-11&start=12:00');
    expect(linkStartError(lunch.link, lunch.form, entries)).toMatch(/^URL parameter start: .*\(09:00–11:30, 12:30–15:00 Tokyo\)/);
    const open = linkOf('?symbols=TOYOTA&from=2024-03-11&start=09:15');
    expect(open.link.request.overrides.start).toBe('09:15'); // the page reads the link with its start unchecked
    expect(linkStartError(open.link, open.form, entries)).toBeNull();
    expect(linkStartError(lunch.link, lunch.form, null)).toBeNull();
    const none = linkOf('?symbols=SPY&from=2024-03-08');
    expect(linkStartError(none.link, none.form, entries)).toBeNull();
    // A US link's start in New York's hours, named with the link's other bad parameters.
    const early = linkOf('?symbols=SPY&start=08:15&speed=fast&from=2024-03-08');
    expect(early.link.errors.map((e) => e.field)).toEqual(['speed']);
    expect(linkStartError(early.link, early.form, entries)).toMatch(/^URL parameter start: start 08:15 is outside the regular session \(09:30–16:00 New York\): pick a time from 09:30 to 15:59/);
    const extended = linkOf('?symbols=SPY&hours=extended&start=08:15&from=2024-03-08');
    expect(linkStartError(extended.link, extended.form, entries)).toBeNull();
  });
});
