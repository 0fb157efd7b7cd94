// A teaching experiment on the replay a link names (its own symbols, dates, hours and db= file):
// a class in Tokyo sees the one-minute bar end on Tokyo's bars, with its lunch break. Plain data
// and one function; main thread (the lab's Experiments panel asks it). Which experiments can run
// on any data is a table: the others need their bundled scenario's particular symbols.

import { parseIntervals, type ReplayConfigInput } from '../core/replay-config';
import type { BarInterval } from '../core/stream-key';
import type { ReplayRequest } from '../core/url-params';
import type { TeachingExperiment } from './experiments';

/** How an experiment becomes one on the link's data: its replay fields over the link's. */
const ON_ANY_DATA: Readonly<Record<string, (link: ReplayConfigInput) => ReplayConfigInput>> = {
  // The flaw needs a bar coarser than a minute beside the one-minute bars: the link's own coarser
  // intervals (Tokyo's 30m or 1h show the bar cut at the lunch break), or 5m as on the bundled day.
  'one-minute-bar-end': (link) => ({ interval: barEndIntervals(link.interval), speed: 'max' }),
  // Any bars written into SessionData before their end are look-ahead, on any market.
  'look-ahead': () => ({ speed: 'max' }),
};

function barEndIntervals(interval: unknown): string {
  let asked: BarInterval[] = [];
  try {
    asked = interval === undefined ? [] : parseIntervals(interval);
  } catch {
    // The link's interval is refused where it is read (and nothing starts); the bundled pair stands in.
  }
  const coarser = asked.filter((i) => i !== '1m');
  return ['1m', ...(coarser.length > 0 ? coarser : ['5m'])].join(',');
}

/** True when `experiment` can run on any replay's data (the others keep their bundled scenario). */
export function runsOnAnyData(experiment: TeachingExperiment): boolean {
  return Object.hasOwn(ON_ANY_DATA, experiment.id);
}

/**
 * The link's replay names its own data (symbols or a db= file): the experiment it opens runs on
 * that data. A link with only `experiment=` (and `autostart=1`) names none: the bundled scenario.
 */
export function linkNamesData(request: ReplayRequest): boolean {
  return request.overrides.symbols !== undefined || request.dbUrl !== undefined;
}

/**
 * `experiment` on the link's replay `link`: its symbols, dates, hours and file, with the fields the
 * flaw needs to show (ON_ANY_DATA) and no scenario timing; the experiment itself when it needs its
 * bundled scenario. The setting line says what runs.
 */
export function onLinkData(experiment: TeachingExperiment, link: ReplayRequest): TeachingExperiment {
  const adapt = ON_ANY_DATA[experiment.id];
  if (!adapt) return experiment;
  const overrides: ReplayConfigInput = { ...link.overrides, ...adapt(link.overrides) };
  const request: ReplayRequest = { configName: link.configName, overrides, dbUrl: link.dbUrl, autostart: false };
  return { ...experiment, request, scenario: {}, setting: `On the link's replay: ${describe(request)}.` };
}

/** A field as the link wrote it: a list (read from the URL) joined with commas. */
const text = (value: unknown) => ([] as unknown[]).concat(value).join(',');

function describe({ configName, overrides: o }: ReplayRequest): string {
  const what = o.symbols === undefined ? `config ${configName ?? '(the first bundled)'}` : text(o.symbols);
  const days = o.from === undefined ? '' : o.to === undefined || o.to === o.from ? ` on ${text(o.from)}` : ` from ${text(o.from)} to ${text(o.to)}`;
  const hours = o.hours === 'extended' ? ', extended hours' : '';
  return `${what}${days}, ${o.interval === undefined ? '1m' : text(o.interval)} bars${hours}`;
}
