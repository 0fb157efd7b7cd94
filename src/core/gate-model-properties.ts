// The gate model's eight properties, each with the sentence a student reads, and the two columns
// of the design note's sequence table (system state, coordinator state) for a model state.
// Pure TypeScript; gate-model.ts attaches them to the model, the Verify view shows them.

import type { Flaws } from './flaws';
import type { ModelProperty } from './model';
import { Flag as FlagEnum, Pc, Person as PersonEnum, Setup as SetupEnum, STEP_NAMES, V as VARIABLES, formatGateValue, stateName, trueEnd } from './gate-model-state';

/** A module-local copy: bundlers may turn an imported object's reads into getter calls, and this is the hot loop. */
const V = VARIABLES;
const Flag = FlagEnum;
type Flag = FlagEnum;
const Person = PersonEnum;
const Setup = SetupEnum;

/** The stable names, in the order the page lists them (data-property). */
export const GATE_PROPERTY_IDS = ['no-deadlock', 'gate-after-setup', 'no-overtaking', 'nothing-dropped', 'no-look-ahead', 'pause-at-once', 'clean-stop', 'completes'] as const;
export type GatePropertyId = (typeof GATE_PROPERTY_IDS)[number];

const flag = (s: Int32Array, bit: Flag) => (s[V.FLAGS] & bit) !== 0;

/** Every item in SessionData has ended by the backtest time. */
function nothingAhead(s: Int32Array): boolean {
  for (let stream = 0; stream < 2; stream++) {
    for (let index = 0; index < 2; index++) {
      if (s[V.VISIBLE] & (1 << (stream * 2 + index)) && trueEnd(stream, index) > s[V.CLOCK]) return false;
    }
  }
  return true;
}

export function gateProperties(_flaws: Flaws): ModelProperty[] {
  return [
    {
      id: 'no-deadlock',
      title: 'No deadlock',
      sentence: 'Until the run is over, the page or the coordinator can always take a step by itself — nobody waits for someone who waits for them.',
      kind: 'deadlock',
    },
    {
      id: 'gate-after-setup',
      title: 'The gate opens only after setup',
      sentence: "Nothing is emitted before the gate opens, and the gate opens only after every stream is registered and its bars are in the coordinator's queue.",
      kind: 'invariant',
      holds: (s) => !flag(s, Flag.EARLY_EMIT) && !flag(s, Flag.GATE_EARLY),
    },
    {
      id: 'no-overtaking',
      title: 'No stream is overtaken',
      sentence: 'Items leave in merge order: the coordinator never meets an item older than one it already emitted.',
      kind: 'invariant',
      holds: (s) => !flag(s, Flag.OVERTAKEN),
    },
    {
      id: 'nothing-dropped',
      title: 'Nothing is dropped',
      sentence: 'Every item fed to the coordinator is emitted, or the run stops with an error — never lost without a word.',
      kind: 'invariant',
      holds: (s) => !flag(s, Flag.DROPPED),
    },
    {
      id: 'no-look-ahead',
      title: 'No look-ahead',
      sentence: 'No bar is in SessionData before the backtest clock has reached its end.',
      kind: 'invariant',
      holds: nothingAhead,
    },
    {
      id: 'pause-at-once',
      title: 'A pause acts at once',
      sentence: 'Once the page stores PAUSED, the coordinator sees it before any time passes, and emits nothing while it sees PAUSED.',
      kind: 'invariant',
      holds: (s) => !flag(s, Flag.LATE_PAUSE),
    },
    {
      id: 'clean-stop',
      title: 'A stop ends cleanly',
      sentence: 'A stop, even during setup, ends the run: setup goes no further, the gate never opens, and once the coordinator has seen it nothing more is emitted.',
      kind: 'invariant',
      holds: (s) => !flag(s, Flag.STOP_EMIT) && !(s[V.SETUP] === Setup.ABORTED && s[V.CELL] === 1 && (s[V.PERSON] & Person.STOP) !== 0),
    },
    {
      id: 'completes',
      title: 'The run completes',
      sentence: 'Unless the person stops it or closes the worker, every run eventually reports complete — assuming each step that stays possible is eventually taken (weak fairness).',
      kind: 'eventually',
      holds: (s) => flag(s, Flag.COMPLETE) || (s[V.PERSON] & (Person.STOP | Person.SHUTDOWN)) !== 0,
    },
  ];
}

/** The design note's two state columns for one model state. */
export function gateDescription(s: Int32Array): { system: string; coordinator: string } {
  const setup = s[V.SETUP] < Setup.DONE ? ` · setup: ${formatGateValue(V.SETUP, s[V.SETUP])}` : s[V.SETUP] === Setup.ABORTED ? ' · setup cancelled' : '';
  const system = `${stateName(s[V.CELL])}${setup}`;
  const pc = s[V.PC] as Pc;
  const step = s[V.STEP] >= 0 ? ` (${STEP_NAMES[s[V.STEP]]})` : '';
  const held = s[V.HELD] ? ` · holding ${s[V.HELD] === 1 ? 'A' : 'B'}` : '';
  const coordinator = `${formatGateValue(V.PC, pc)}${pc === Pc.OBSERVE || pc === Pc.EXITED ? '' : step} · sees ${stateName(s[V.SEES])}${held} · clock ${formatGateValue(V.CLOCK, s[V.CLOCK])}`;
  return { system, coordinator };
}
