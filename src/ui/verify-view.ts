// The Verify view's logic: read and write its link (variant, flaws, the trace shown), turn a
// counterexample into the design note's sequence table (T0 … Tn, system state, coordinator
// state, action, what changed), and say in plain words what the result means for the note's
// claim. Main thread, plain TypeScript (tested under Node); VerifyPanel.svelte draws it.

import { FLAW_IDS, GATE_VARIANTS, type GateVariant } from '../core/gate-model';
import type { GatePropertyId } from '../core/gate-model-properties';
import type { Model } from '../core/model';
import type { CheckStats, Trace, Verdict } from '../core/model-checker';

export const VARIANT_LABELS: Readonly<Record<GateVariant, string>> = {
  'sleep-poll': "the note's 100 ms sleep-poll",
  'naive-atomics': 'a naive port (Atomics.wait with no timeout)',
  doorbell: 'our doorbell (bounded waits and the mail counter)',
  fallback: 'the fallback gate (messages)',
};

/** The lab's flaw ids in the order of design.md's list (no-gate first, as in the lab). */
export const FLAW_ORDER: readonly string[] = Object.keys(FLAW_IDS);

/** Each flaw's checkbox label. */
export const FLAW_TITLES: Readonly<Record<string, string>> = {
  'no-gate': 'no gate',
  'late-gate-check': 'late gate check',
  'drop-stale': 'drop stale items',
  'empty-as-done': 'empty queue = done',
  'look-ahead': 'look-ahead',
  'uninterruptible-sleep': 'uninterruptible sleep',
  'one-minute-bar-end': 'one-minute bar end',
};

export interface VerifyLink {
  readonly variant: GateVariant;
  readonly flaws: readonly string[];
  readonly autostart: boolean;
  /** A counterexample to show: its property and its actions from the initial state. */
  readonly trace: { readonly property: string; readonly path: readonly number[] } | null;
  readonly step: number;
  /** Bad parameters, each named. */
  readonly errors: readonly string[];
}

/** Reads the Verify view's parameters from a query; unknown values are named, never thrown. */
export function readVerifyLink(search: string): VerifyLink {
  const params = new URLSearchParams(search);
  const errors: string[] = [];
  let variant: GateVariant = 'doorbell';
  const v = params.get('variant');
  if (v !== null) {
    if ((GATE_VARIANTS as readonly string[]).includes(v)) variant = v as GateVariant;
    else errors.push(`URL parameter variant: must be ${GATE_VARIANTS.join(', ')}; got "${v.slice(0, 40)}"`);
  }
  const flaws: string[] = [];
  for (const id of (params.get('flaws') ?? '').split(',').map((f) => f.trim()).filter(Boolean)) {
    if (!FLAW_IDS[id]) errors.push(`URL parameter flaws: no flaw "${id.slice(0, 40)}"; the flaws are ${FLAW_ORDER.join(', ')}`);
    else if (!flaws.includes(id)) flaws.push(id);
  }
  const property = params.get('trace');
  const pathText = params.get('path');
  let trace: VerifyLink['trace'] = null;
  if (property !== null && pathText !== null) {
    const path = pathText === '' ? [] : pathText.split('.').map(Number);
    if (path.every((n) => Number.isInteger(n) && n >= 0)) trace = { property, path };
    else errors.push('URL parameter path: must be action numbers separated by dots');
  }
  const step = Number(params.get('step') ?? '0');
  return { variant, flaws: FLAW_ORDER.filter((f) => flaws.includes(f)), autostart: params.get('autostart') === '1', trace, step: Number.isInteger(step) && step >= 0 ? step : 0, errors };
}

/** The view's own part of the page's query (the page adds view=verify). */
export function verifyQuery(variant: GateVariant, flaws: readonly string[], trace?: { property: string; path: readonly number[]; step: number }): string {
  const params = new URLSearchParams();
  params.set('variant', variant);
  if (flaws.length > 0) params.set('flaws', flaws.join(','));
  if (trace) {
    params.set('trace', trace.property);
    params.set('path', trace.path.join('.'));
    params.set('step', String(trace.step));
  }
  return params.toString().replace(/%2C/g, ',');
}

export interface TraceRow {
  /** T0 … Tn, as in the design note. */
  readonly time: string;
  readonly system: string;
  readonly coordinator: string;
  readonly action: string;
  readonly agent: string;
  /** Variables that changed at this step, with their new values. */
  readonly changed: readonly { readonly name: string; readonly value: string }[];
  /** Every variable, marked when it changed at this step. */
  readonly variables: readonly { readonly name: string; readonly value: string; readonly changed: boolean }[];
}

export function traceRows(model: Model, trace: Trace): TraceRow[] {
  const format = model.formatValue ?? ((_v: number, value: number) => String(value));
  return trace.states.map((state, i) => {
    const before = i > 0 ? trace.states[i - 1] : null;
    const action = trace.actions[i] >= 0 ? model.actions[trace.actions[i]] : null;
    const variables = model.variables.map((name, v) => ({ name, value: format(v, state[v]), changed: before !== null && before[v] !== state[v] }));
    const described = model.describe?.(state) ?? { system: '', coordinator: '' };
    return {
      time: `T${i}`,
      system: described.system,
      coordinator: described.coordinator,
      action: action ? action.name : 'start() called: setup begins, the coordinator is at the top of its loop',
      agent: action ? action.agent : '',
      changed: variables.filter((x) => x.changed).map(({ name, value }) => ({ name, value })),
      variables,
    };
  });
}

/** What the end of a counterexample means, under the table. */
export function traceEnding(trace: Trace): string {
  if (trace.loopsTo === undefined) return '';
  if (trace.loopsTo < 0) return `From T${trace.states.length - 1} nothing but a person's optional button can move the system: it stays there forever.`;
  return `T${trace.states.length - 1} is T${trace.loopsTo} again: this loop repeats forever and the run never completes.`;
}

export interface PropertyLine {
  readonly id: string;
  readonly title: string;
  readonly verdict: Verdict;
  /** Steps in its counterexample. */
  readonly steps?: number;
}

/** What each property's violation is, in a few words ("naive port: deadlock after 11 steps"). */
export const FAILURE_WORDS: Readonly<Record<string, string>> = {
  'no-deadlock': 'deadlock',
  'gate-after-setup': 'an item leaves before the gate opens',
  'no-overtaking': 'a stream is overtaken',
  'nothing-dropped': 'an item is dropped without a word',
  'no-look-ahead': 'a bar is visible before its end',
  'pause-at-once': 'a pause acts late',
  'clean-stop': 'a stop does not end the run cleanly',
  completes: 'the run never completes',
};

/** One or two sentences: what the check found, and what it means for the note's "✅ VERIFIED". */
export function plainWords(variant: GateVariant, flaws: readonly string[], stats: CheckStats, lines: readonly PropertyLine[]): string {
  const who = flaws.length > 0 ? `${VARIANT_LABELS[variant]} with ${flaws.join(', ')}` : VARIANT_LABELS[variant];
  const states = stats.states.toLocaleString('en-US');
  const failed = lines.filter((l) => l.verdict === 'violated');
  const held = lines.length - failed.length;
  const subject = who.charAt(0).toUpperCase() + who.slice(1);
  if (failed.length === 0) {
    return `${subject}: all ${lines.length} properties hold in all ${states} states — every interleaving of setup, the person's buttons, time and the coordinator, not only the one sequence the design note drew.`;
  }
  const first = failed[0];
  const rest = failed.length > 1 ? ` (also: ${failed.slice(1).map((l) => FAILURE_WORDS[l.id] ?? l.title).join('; ')})` : '';
  const steps = first.steps !== undefined ? ` after ${first.steps} step${first.steps === 1 ? '' : 's'}` : '';
  return `${subject}: ${FAILURE_WORDS[first.id] ?? `${first.title} fails`}${steps} — here is how${rest}. ${held} of ${lines.length} properties hold in all ${states} states; the note's "VERIFIED" does not hold for this design.`;
}

export type { GatePropertyId };
