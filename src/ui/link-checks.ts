// What a link got wrong, in the words the page shows: an experiment the lab lacks, symbols the
// data lacks, a start= outside the hours of the replay the link shows; one error a line.
// Main thread, pure (no DOM); PageController.init asks it while it reads the link.

import { ConfigError, checkSymbolsKnown, parseHours } from '../core/replay-config';
import type { CatalogEntry } from '../core/catalog-entry';
import type { LinkReading } from '../core/url-params';
import { toCatalog } from '../system/catalog-view';
import { EXPERIMENTS } from '../system/experiments';
import { checkLinkStart } from '../system/run-start';
import type { ReplayForm } from './replay-form';

/** The errors shown so far with one more, on a line of its own. */
export function addUrlError(shown: string | null, message: string): string {
  return shown ? `${shown}\n${message}` : message;
}

/** The link's experiment, when the lab has none of that id: named with the ids it has. */
export function unknownExperiment(id: string | undefined): string[] {
  const ids = EXPERIMENTS.map((e) => e.id);
  return id === undefined || ids.includes(id) ? [] : [`URL parameter experiment: there is no experiment "${id}"; the lab has ${ids.join(', ')}`];
}

/** A ConfigError's message through `word`; anything else is a fault and rethrown. */
function configError(check: () => void, word: (e: ConfigError) => string): string | null {
  try {
    check();
    return null;
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return word(e);
  }
}

/**
 * The symbols of a link that names some, against the data once the catalog arrives (null: not yet,
 * or it failed); the error as the start would say it (run-setup's describeSetupFailure), or null.
 */
export function linkSymbolsError(link: LinkReading, form: ReplayForm, entries: readonly CatalogEntry[] | null): string | null {
  const listed = form.symbols.split(',').filter(Boolean);
  if (entries === null || link.request.overrides.symbols === undefined || listed.length === 0) return null;
  return configError(() => checkSymbolsKnown(listed, toCatalog(entries)), (e) => `${e.field}: ${e.message}`);
}

/**
 * The link's start= against the hours of the replay the panel shows (a named config's hours are
 * known only once it loaded) in its first market (run-start.ts); named like the link's other bad
 * parameters, or null.
 */
export function linkStartError(link: LinkReading, form: ReplayForm, entries: readonly CatalogEntry[] | null): string | null {
  const start = link.request.overrides.start;
  if (typeof start !== 'string') return null;
  return configError(() => checkLinkStart(start, form, parseHours(form.hours), entries), (e) => `URL parameter start: ${e.message}`);
}
