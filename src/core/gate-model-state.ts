// The gate model's packed state: one named integer per variable (V), the small enums they hold,
// and the two streams' items. Pure TypeScript; gate-model.ts and gate-model-properties.ts read it.

import type { Flaws } from './flaws';
import { SystemState } from './system-state';

/** Variable slots, in the order of VARIABLE_NAMES. `FED_B` = `FED_A` + 1 and `TAKEN_B` = `TAKEN_A` + 1. */
export const V = {
  /** Control block: the state cell the page writes (STOPPED / RUNNING / PAUSED). */
  CELL: 0,
  /** The doorbell rang since the coordinator last looked (its `seen` differs). */
  DOORBELL: 1,
  /** Control block: the page asked the worker to exit. */
  SHUTDOWN: 2,
  /** The page's setup: which step is next (Setup). */
  SETUP: 3,
  /** B's last bar has been sent (the lagging feed). */
  LATE: 4,
  /** Buttons the person has pressed (Person bits), each at most once. */
  PERSON: 5,
  /** Messages posted to the coordinator and not yet run, oldest in the low 4 bits (Msg codes). */
  MAIL: 6,
  /** Fallback gate: the worker's copy of the state cell, updated when its message is run. */
  COPY_CELL: 7,
  /** Fallback gate: the worker's copy of the shutdown flag. */
  COPY_SHUTDOWN: 8,
  /** Where the coordinator's loop is (Pc). */
  PC: 9,
  /** The last step nextStep chose (index into STEP_CODES; -1 before the first). */
  STEP: 10,
  /** The current wait is the pacing gap before the next item. */
  WAIT_GAP: 11,
  /** The state as the coordinator last read it (its `this.state`). */
  SEES: 12,
  /** Streams registered with the coordinator (bit per stream). */
  REGISTERED: 13,
  FED_A: 14,
  FED_B: 15,
  /** Streams whose end-of-stream marker arrived (bit per stream). */
  FINISHED: 16,
  /** Items taken out of each queue (emitted, held, refused or dropped). */
  TAKEN_A: 17,
  TAKEN_B: 18,
  /** The late-gate-check flaw's held item: 0 none, else its stream + 1 (the item last taken from it). */
  HELD: 19,
  /** Backtest time: the emit time of the last item emitted. */
  CLOCK: 20,
  /** The pacing gap before the head item has been waited out. */
  DUE: 21,
  /** Items visible in SessionData (bit stream*2 + index). */
  VISIBLE: 22,
  /** What has happened that a property looks at (Flag bits). */
  FLAGS: 23,
} as const;

export const VARIABLE_NAMES: readonly string[] = [
  'state cell', 'doorbell rang', 'shutdown flag', 'setup', 'late bar sent', 'person pressed', 'messages in flight',
  "worker's state copy", "worker's shutdown copy", 'coordinator at', 'last nextStep', 'waiting a gap', 'coordinator sees',
  'registered', 'A fed', 'B fed', 'finished', 'A taken', 'B taken', 'held item', 'backtest time', 'head due', 'in SessionData', 'events',
];

export enum Setup {
  REGISTER_A = 0,
  FEED_A = 1,
  REGISTER_B = 2,
  FEED_B = 3,
  OPEN_GATE = 4,
  DONE = 5,
  ABORTED = 6,
}

/** Where the coordinator's loop is. */
export enum Pc {
  /** About to read the control block (the top of the loop). */
  OBSERVE = 0,
  /** Has read it; about to do what nextStep says. */
  DECIDE = 1,
  /** Atomics.wait on the doorbell, bounded by a slice (or a pacing gap). */
  DOORBELL_WAIT = 2,
  /** Atomics.wait on the doorbell with no timeout (the naive port's gate). */
  BLOCKED_WAIT = 3,
  /** Waiting on the event loop (the fallback gate): messages run meanwhile. */
  LOOP_WAIT = 4,
  /** A sleep nothing can cut short (time.sleep; the note's poll; the uninterruptible-sleep flaw). */
  SLEEP = 5,
  /** Taking its mail on the event loop (design (a)'s checkpoint). */
  EVENT_LOOP = 6,
  /** The loop has exited. */
  EXITED = 7,
}

/** Messages to the coordinator: setup's Comlink calls, then the fallback gate's control writes. */
export enum Msg {
  REGISTER_A = 1,
  REGISTER_B = 2,
  FEED_A = 3,
  FEED_B_FIRST = 4,
  FEED_B_LAST = 5,
  /** STATE_STOPPED + SystemState: the fallback gate's state write. */
  STATE_STOPPED = 6,
  STATE_RUNNING = 7,
  STATE_PAUSED = 8,
  SHUTDOWN = 9,
}

export enum Person {
  PAUSE = 1,
  RESUME = 2,
  STOP = 4,
  SHUTDOWN = 8,
}

export enum Flag {
  /** An item older than the backtest time reached the merge's head: its stream was overtaken. */
  OVERTAKEN = 1,
  /** An item was dropped without a word. */
  DROPPED = 2,
  /** The engine refused a stale item and dropped the run (reported). */
  ERROR = 4,
  /** The coordinator reported the run complete. */
  COMPLETE = 8,
  /** Time passed between the page storing PAUSED and the coordinator seeing it, or an item left while it saw PAUSED. */
  LATE_PAUSE = 16,
  /** An item was emitted before the gate opened. */
  EARLY_EMIT = 32,
  /** An item was emitted after the coordinator saw the person's stop. */
  STOP_EMIT = 64,
  /** The gate opened before every stream was registered and fed. */
  GATE_EARLY = 128,
}

export const STREAMS = 2;
/**
 * The two streams' items, as emit times in minutes after the open. A: 1-minute bars starting at
 * 2 and 4 (end 3, 5). B: coarser bars starting at 0 and 2 (end 2, 4); its last one lags. In
 * merge order B0 (2), A0 (3), B1 (4), A1 (5) — each stream's head is older than the other's
 * somewhere, so any overtaking shows.
 */
const TRUE_END = [
  [3, 5],
  [2, 4],
];
/** B's bars as the one-minute-bar-end flaw stamps them: start + 1. */
const ONE_MINUTE_END = [1, 3];

export function trueEnd(stream: number, index: number): number {
  return TRUE_END[stream][index];
}

/** When the engine emits the item (its stamped end). */
export function itemEmit(stream: number, index: number, flaws: Flaws): number {
  return stream === 1 && flaws.oneMinuteBarEnd ? ONE_MINUTE_END[index] : TRUE_END[stream][index];
}

export function mailLength(mail: number): number {
  let n = 0;
  for (let m = mail; m !== 0; m >>>= 4) n++;
  return n;
}

export function mailPush(mail: number, code: number): number {
  return mail | (code << (4 * mailLength(mail)));
}

/** Some message in flight has a code in [low, high]. */
export function mailHas(mail: number, low: number, high: number): boolean {
  for (let m = mail; m !== 0; m >>>= 4) if ((m & 15) >= low && (m & 15) <= high) return true;
  return false;
}

const STATE_NAMES = ['STOPPED', 'RUNNING', 'PAUSED'];
const SETUP_NAMES = ['register A next', 'feed A next', 'register B next', 'feed B next', 'open gate next', 'done', 'stopped'];
const PC_NAMES = ['looking', 'deciding', 'waiting on doorbell', 'blocked in Atomics.wait', 'waiting on event loop', 'sleeping (deaf)', 'reading mail', 'exited'];
const MSG_NAMES = ['', 'register A', 'register B', 'feed A', 'feed B first', 'feed B last', 'state STOPPED', 'state RUNNING', 'state PAUSED', 'shutdown'];
const ITEM_NAMES = ['A0', 'A1', 'B0', 'B1'];

export const STEP_NAMES: readonly string[] = [
  'exit', 'finish-seek', 'emit-held', 'complete', 'wait-idle', 'wait-page', 'wait-gate', 'hold-and-wait-gate',
  'wait-paused', 'step', 'stream', 'stream-unpaced', 'wait-gap', 'sleep-gap',
];

const bits = (value: number, names: readonly string[]) => names.filter((_, i) => value & (1 << i)).join(' ') || '—';

export function formatGateValue(variable: number, value: number): string {
  switch (variable) {
    case V.CELL:
    case V.COPY_CELL:
    case V.SEES:
      return STATE_NAMES[value] ?? String(value);
    case V.SETUP:
      return SETUP_NAMES[value] ?? String(value);
    case V.PC:
      return PC_NAMES[value] ?? String(value);
    case V.STEP:
      return value < 0 ? '—' : (STEP_NAMES[value] ?? String(value));
    case V.MAIL: {
      const list: string[] = [];
      for (let m = value; m !== 0; m >>>= 4) list.push(MSG_NAMES[m & 15] ?? '?');
      return list.join(', ') || '—';
    }
    case V.PERSON:
      return bits(value, ['pause', 'resume', 'stop', 'shutdown']);
    case V.REGISTERED:
    case V.FINISHED:
      return bits(value, ['A', 'B']);
    case V.HELD:
      return value === 0 ? '—' : value === 1 ? 'A' : 'B';
    case V.VISIBLE:
      return bits(value, ITEM_NAMES);
    case V.FLAGS:
      return bits(value, ['overtaken', 'dropped', 'run failed', 'complete', 'late pause', 'emit before gate', 'emit after stop', 'gate before setup']);
    case V.DOORBELL:
    case V.SHUTDOWN:
    case V.COPY_SHUTDOWN:
    case V.LATE:
    case V.WAIT_GAP:
    case V.DUE:
      return value ? 'yes' : 'no';
    case V.CLOCK:
      return `09:3${value}`;
    default:
      return String(value);
  }
}

export function stateName(state: SystemState): string {
  return STATE_NAMES[state] ?? String(state);
}
