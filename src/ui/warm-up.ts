// The browser's costly first uses, each paid in a task of its own before the page mounts (main
// thread; start.ts runs them). On a phone the first date field, time field, text field and
// drop-down (their inner parts, the locale's date pattern), the first number or time-zone format
// (ICU's data) and the first read of stored preferences cost up to tens of milliseconds each,
// once; left inside the mount they add up to one long task that holds up the first tap
// (Lighthouse's Total Blocking Time). After a warm-up the same costs a millisecond or two.

import { zoneClockText } from '../core/zone-clock';
import { loadPreferences } from './preferences';

export interface WarmUp {
  readonly name: string;
  readonly run: (doc: Document) => void;
}

/** Builds one element, lays it out where nothing shows it, and takes it away again. */
function layOut(doc: Document, tag: 'input' | 'select', attributes: Record<string, string>): void {
  const element = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (tag === 'select') element.append(new Option('option'));
  const holder = doc.createElement('div');
  holder.setAttribute('aria-hidden', 'true');
  holder.style.cssText = 'position: absolute; left: -10000px; top: 0; visibility: hidden';
  holder.append(element);
  doc.body.append(holder);
  void holder.offsetWidth; // forces style and layout now, in this task
  holder.remove();
}

/** The idle page's first uses, in the order it meets them (the replay panel's fields first). */
export const WARM_UPS: readonly WarmUp[] = [
  // The first localStorage read (the browser loads the origin's storage) and media query.
  { name: 'stored preferences', run: () => void loadPreferences() },
  { name: 'number format', run: () => void (1234.5).toLocaleString('en-US') },
  { name: 'time-zone format', run: () => void zoneClockText('America/New_York', 0) },
  { name: 'date field', run: (doc) => layOut(doc, 'input', { type: 'date', value: '2013-10-07' }) },
  { name: 'time field', run: (doc) => layOut(doc, 'input', { type: 'time', value: '09:30' }) },
  { name: 'text field', run: (doc) => layOut(doc, 'input', { type: 'text', value: 'SPY' }) },
  { name: 'drop-down', run: (doc) => layOut(doc, 'select', {}) },
];

/** Runs each warm-up after `nextTask()`, so that each is a task of its own. */
export async function warmUp(doc: Document, nextTask: () => Promise<void>, warmUps: readonly WarmUp[] = WARM_UPS): Promise<void> {
  for (const w of warmUps) {
    await nextTask();
    w.run(doc);
  }
}
