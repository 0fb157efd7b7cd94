// The look-ahead lesson in money (issue 17, item 6): one fixed rule traded through the paper
// broker on one day twice — once where the rule can see a bar from its start (the look-ahead
// flaw: the bar's close is still in the future), once where a bar is visible only at its end (the
// engine's rule). Pure TypeScript; system/money-lesson.ts runs it on a replayed day's bars.
//
// The rule: at each bar boundary, be long 100 shares while the latest bar the rule can see closed
// higher than it opened; otherwise be flat. Orders are market orders, filled by fill-model.ts
// (the open of the next bar), with commission.

import type { BarSource } from './indicator-series';
import { BAR_FIELDS } from './item-columns';
import { PaperBroker } from './paper-broker';

export type Visibility = 'from-start' | 'at-end';

export const LESSON_RULE = 'Long 100 shares while the latest bar the rule can see closed higher than it opened, flat otherwise; market orders.';

export interface LessonRun {
  readonly visibility: Visibility;
  /** Equity (realized + unrealized, net of commission) after each bar: [bar end, dollars]. */
  readonly equity: readonly (readonly [number, number])[];
  readonly pnl: number;
  readonly trades: number;
}

const OPEN = BAR_FIELDS.indexOf('open');
const CLOSE = BAR_FIELDS.indexOf('close');

/**
 * Runs the rule over one symbol's bars (one day). `end(i)` is bar i's emit time; the broker only
 * ever gets the bars emitted by the clock, whatever the rule can see.
 */
export function runLesson(bars: BarSource, end: (i: number) => number, visibility: Visibility, commissionPerShare = 0.005): LessonRun {
  const broker = new PaperBroker();
  const emitted = { ...bars, count: 0 };
  const equity: [number, number][] = [];
  let want = 0;
  let seen = 0; // bars visible to the rule so far
  const close = (i: number) => bars.fields[CLOSE].data[i];
  for (let i = 0; i < bars.count; i++) {
    const t = bars.tsStart.data[i]; // the clock reads t: the bar starting now is about to trade
    while (emitted.count < bars.count && end(emitted.count) <= t) emitted.count++;
    broker.advance('X', emitted);
    // The flaw: a bar counts as seen from its start, so "the latest bar" is the one not yet closed.
    while (seen < bars.count && (visibility === 'from-start' ? bars.tsStart.data[seen] <= t : end(seen) <= t)) seen++;
    const latest = seen - 1;
    const target = latest >= 0 && close(latest) > bars.fields[OPEN].data[latest] ? 100 : 0;
    if (target !== want) {
      broker.place({ symbol: 'X', side: target > want ? 'buy' : 'sell', qty: Math.abs(target - want), type: 'market' }, t, commissionPerShare, 0);
      want = target;
    }
    if (emitted.count > 0) equity.push([t, value(broker, close(emitted.count - 1))]);
  }
  emitted.count = bars.count;
  broker.advance('X', emitted);
  const last = bars.count - 1;
  if (last >= 0) equity.push([end(last), value(broker, close(last))]);
  return { visibility, equity, pnl: equity.at(-1)?.[1] ?? 0, trades: broker.trades().length };
}

function value(broker: PaperBroker, last: number): number {
  const account = broker.account('X');
  return account.realized + account.unrealized(last);
}
