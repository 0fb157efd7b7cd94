// The browser's costly first uses that index.html's frame cannot pay for, each in a task of its own
// before the page mounts (main thread; start.ts runs them). The first read of stored preferences
// (the browser opens the origin's storage) costs a phone up to tens of milliseconds, once; left
// inside the mount it would lengthen the task that holds up the first tap (Lighthouse's Total
// Blocking Time). The replay panel's kinds of field are laid out with index.html's frame, before the
// first paint (its .first-uses); ICU's number and time-zone formats are not needed by the idle page
// at all (core/group-digits.ts writes its counts).

import { loadPreferences } from './preferences';

export interface WarmUp {
  readonly name: string;
  readonly run: (doc: Document) => void;
}

/** The idle page's first uses that only a script can make, in the order it meets them. */
export const WARM_UPS: readonly WarmUp[] = [
  // The first localStorage read (the browser loads the origin's storage) and media query.
  { name: 'stored preferences', run: () => void loadPreferences() },
];

/** Runs each warm-up after `nextTask()`, so that each is a task of its own. */
export async function warmUp(doc: Document, nextTask: () => Promise<void>, warmUps: readonly WarmUp[] = WARM_UPS): Promise<void> {
  for (const w of warmUps) {
    await nextTask();
    w.run(doc);
  }
}
