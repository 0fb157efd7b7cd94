// How the Data view writes counts, times and a dataset's contents. Plain TypeScript, main thread;
// the Data view's components call it.

import type { DatasetMeta } from '../system/lab-storage';

/** "1 row", "2,340 rows". */
export const count = (n: number, noun: string) => `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;

/** A time in the person's locale, or a dash for none. */
export const when = (t: number | string | null) => (t === null ? '–' : new Date(t).toLocaleString());

export const symbolsOf = (d: DatasetMeta) => [...new Set(d.entries.map((e) => e.symbol))].join(', ');

/** One day, or the first and last with how many. */
export function daysOf(d: DatasetMeta): string {
  const days = [...new Set(d.entries.flatMap((e) => e.days))].sort();
  return days.length === 1 ? days[0] : `${days[0]} – ${days[days.length - 1]} (${days.length} days)`;
}
