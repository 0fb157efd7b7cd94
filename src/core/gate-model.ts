// The gate protocol as a model for the model checker (model-checker.ts): the page's setup
// (register, fetch, feed), the person's pause/resume/stop/shutdown, the control block's state
// cell and doorbell, the message queue to the coordinator, and the coordinator's loop — whose
// choice each turn is the real engine's own decision table, nextStep (coordinator-step.ts).
// Pure TypeScript, any thread; the Verify view's worker and the tests build it. What it leaves
// out, and why that is safe, is in gate-model.md beside this file.

import { nextStep, idleView, type CoordinatorStep } from './coordinator-step';
import { NO_FLAWS, type Flaws } from './flaws';
import type { Model, ModelAction } from './model';
import { MergeStatus as MergeStatusEnum } from './stream-merger';
import { SystemState as SystemStateEnum } from './system-state';
import { gateDescription, gateProperties } from './gate-model-properties';
import { V as VARIABLES, Pc as PcEnum, Setup as SetupEnum, Msg as MsgEnum, Flag as FlagEnum, Person as PersonEnum, STREAMS, STEP_NAMES, itemEmit, mailLength, mailPush, mailHas, VARIABLE_NAMES, formatGateValue } from './gate-model-state';

/** Module-local copies: some bundlers (tsx's) turn reads of an imported object into getter calls, and this is the hot loop. */
const V = VARIABLES;
const Pc = PcEnum;
type Pc = PcEnum;
const Setup = SetupEnum;
type Setup = SetupEnum;
const Msg = MsgEnum;
const Flag = FlagEnum;
const Person = PersonEnum;
type Person = PersonEnum;
const MergeStatus = MergeStatusEnum;
type MergeStatus = MergeStatusEnum;
const SystemState = SystemStateEnum;
type SystemState = SystemStateEnum;

/** How the coordinator waits and hears about new work (design.md, "The gate"). */
export type GateVariant = 'sleep-poll' | 'naive-atomics' | 'doorbell' | 'fallback';
export const GATE_VARIANTS: readonly GateVariant[] = ['sleep-poll', 'naive-atomics', 'doorbell', 'fallback'];

export interface GateModelConfig {
  readonly variant: GateVariant;
  readonly flaws: Flaws;
}

/** A flaw's experiment id (the lab's, and the `flaws=` URL parameter's) → its switch in flaws.ts. */
export const FLAW_IDS: Readonly<Record<string, keyof Flaws>> = {
  'no-gate': 'noGate',
  'late-gate-check': 'lateGateCheck',
  'drop-stale': 'dropStale',
  'empty-as-done': 'emptyAsDone',
  'look-ahead': 'lookAhead',
  'uninterruptible-sleep': 'uninterruptibleSleep',
  'one-minute-bar-end': 'oneMinuteBarEnd',
};

export function flawsFromIds(ids: readonly string[]): Flaws {
  const flaws: Record<keyof Flaws, boolean> = { ...NO_FLAWS };
  for (const id of ids) if (FLAW_IDS[id]) flaws[FLAW_IDS[id]] = true;
  return flaws;
}

export function gateModel(config: GateModelConfig): Model {
  const { variant, flaws } = config;
  /** Python threads share the queues: setup feeds them directly, no messages (the note's original). */
  const direct = variant === 'sleep-poll';
  const act = (name: string, agent: string, apply: (s: Int32Array, n: Int32Array) => boolean, optional = false): ModelAction => ({ name, agent, apply, optional });

  /** The coordinator's side of the state cell and shutdown flag (the fallback gate's copy arrives by message). */
  const cell = (s: Int32Array) => (variant === 'fallback' ? s[V.COPY_CELL] : s[V.CELL]);
  const shutdownSeen = (s: Int32Array) => (variant === 'fallback' ? s[V.COPY_SHUTDOWN] : s[V.SHUTDOWN]) === 1;

  /** The page stored a control change: ring the doorbell, or (fallback) send it as a message. */
  const announce = (n: Int32Array, code: number) => {
    if (variant === 'fallback') n[V.MAIL] = mailPush(n[V.MAIL], code);
    else n[V.DOORBELL] = 1;
  };
  /** A Comlink call from setup: a message (and, with the mail counter, a ring); or, in Python, done at once. */
  const call = (n: Int32Array, code: number) => {
    if (direct) return deliver(n, code);
    n[V.MAIL] = mailPush(n[V.MAIL], code);
    if (variant === 'doorbell') n[V.DOORBELL] = 1; // MAIL_POSTED bumped, doorbell rung
  };

  /** The coordinator's worker runs the handler of one message. */
  function deliver(n: Int32Array, code: number): void {
    if (code === Msg.REGISTER_A || code === Msg.REGISTER_B) n[V.REGISTERED] |= code === Msg.REGISTER_A ? 1 : 2;
    else if (code === Msg.FEED_A) {
      n[V.FED_A] = 2;
      n[V.FINISHED] |= 1;
    } else if (code === Msg.FEED_B_FIRST) n[V.FED_B] = 1;
    else if (code === Msg.FEED_B_LAST) {
      n[V.FED_B] = 2;
      n[V.FINISHED] |= 2;
    } else if (code === Msg.SHUTDOWN) n[V.COPY_SHUTDOWN] = 1;
    else n[V.COPY_CELL] = code - Msg.STATE_STOPPED; // STATE_STOPPED/RUNNING/PAUSED in SystemState order
  }

  /** The merge's peek() over the coordinator's queues (stream-merger.ts, with its two flaws). */
  function peek(s: Int32Array): { status: MergeStatus; stream: number } {
    if (s[V.FLAGS] & Flag.ERROR) return { status: MergeStatus.EXHAUSTED, stream: -1 }; // the run was dropped
    let starving = false;
    let stream = -1;
    for (let k = 0; k < STREAMS; k++) {
      if (!(s[V.REGISTERED] & (1 << k))) continue;
      const pending = s[V.FED_A + k] - s[V.TAKEN_A + k];
      if (pending === 0) {
        if (!(s[V.FINISHED] & (1 << k))) starving = true;
        continue;
      }
      if (stream < 0 || itemEmit(k, s[V.TAKEN_A + k], flaws) < itemEmit(stream, s[V.TAKEN_A + stream], flaws)) stream = k;
    }
    if (starving && !flaws.emptyAsDone) return { status: MergeStatus.BLOCKED, stream: -1 };
    if (stream >= 0) return { status: MergeStatus.READY, stream };
    return { status: starving ? MergeStatus.BLOCKED : MergeStatus.EXHAUSTED, stream: -1 };
  }

  const view = idleView();
  /** The real decision table, on what the model's coordinator sees. */
  function decide(s: Int32Array): { step: CoordinatorStep; stream: number } {
    const { status, stream } = peek(s);
    view.hasPlan = !(s[V.FLAGS] & Flag.ERROR);
    view.state = s[V.SEES] as SystemState;
    view.status = status;
    view.holding = s[V.HELD] !== 0;
    view.finishedRun = (s[V.FLAGS] & Flag.COMPLETE) !== 0;
    view.delayMs = status === MergeStatus.READY && itemEmit(stream, s[V.TAKEN_A + stream], flaws) > s[V.CLOCK] && !s[V.DUE] ? 1 : 0;
    view.noGate = flaws.noGate;
    view.lateGateCheck = flaws.lateGateCheck;
    view.uninterruptibleSleep = flaws.uninterruptibleSleep;
    return { step: nextStep(view), stream };
  }

  /** An item leaves the coordinator into SessionData (or, stale, is refused or dropped). */
  function emit(s: Int32Array, n: Int32Array, stream: number, index: number): void {
    const at = itemEmit(stream, index, flaws);
    if (at < s[V.CLOCK]) {
      // Older than the backtest time: its stream was overtaken. The engine refuses it and fails the run; the flaw drops it.
      n[V.FLAGS] |= flaws.dropStale ? Flag.DROPPED : Flag.OVERTAKEN | Flag.ERROR;
      return;
    }
    n[V.CLOCK] = at;
    n[V.DUE] = 0;
    n[V.VISIBLE] |= 1 << (stream * 2 + index);
    if (s[V.SETUP] < Setup.DONE && !(s[V.PERSON] & (Person.STOP | Person.SHUTDOWN))) n[V.FLAGS] |= Flag.EARLY_EMIT;
    if (s[V.PERSON] & Person.STOP && s[V.SEES] === SystemState.STOPPED) n[V.FLAGS] |= Flag.STOP_EMIT;
    if (s[V.SEES] === SystemState.PAUSED) n[V.FLAGS] |= Flag.LATE_PAUSE;
  }

  /** Where each wait step waits, per variant: the doorbell, a blocking Atomics.wait, the event loop, or a deaf sleep. */
  function waitPc(step: CoordinatorStep): Pc {
    if (step === 'sleep-gap' || direct) return Pc.SLEEP;
    if (variant === 'fallback') return Pc.LOOP_WAIT;
    if (variant === 'naive-atomics' && (step === 'wait-gate' || step === 'wait-paused')) return Pc.BLOCKED_WAIT;
    return Pc.DOORBELL_WAIT;
  }

  const actions: ModelAction[] = [];
  const setupSteps: [Setup, string, (n: Int32Array) => void][] = [
    [Setup.REGISTER_A, 'setup: register A with the coordinator', (n) => call(n, Msg.REGISTER_A)],
    [Setup.FEED_A, "setup: fetch A's 2 bars, feed them (final)", (n) => feedStep(n, 0, Msg.FEED_A)],
    [Setup.REGISTER_B, 'setup: register B with the coordinator', (n) => call(n, Msg.REGISTER_B)],
    [Setup.FEED_B, "setup: fetch B's bars, feed the first (the last lags)", (n) => feedStep(n, 1, Msg.FEED_B_FIRST)],
    [Setup.OPEN_GATE, 'setup: done, store RUNNING — the gate opens', (n) => {
      if (n[V.FED_A] < 2 || n[V.FED_B] < 1 || n[V.REGISTERED] !== 3) n[V.FLAGS] |= Flag.GATE_EARLY;
      n[V.CELL] = SystemState.RUNNING;
      announce(n, Msg.STATE_RUNNING);
    }],
  ];
  function feedStep(n: Int32Array, stream: number, code: number): void {
    if (flaws.lookAhead) n[V.VISIBLE] |= 3 << (stream * 2); // the flaw: the whole day into SessionData now
    call(n, code);
  }
  for (const [step, name, effect] of setupSteps) {
    actions.push(act(name, 'page', (s, n) => {
      // Each Comlink call is awaited: the next step waits until the coordinator has run it.
      if (s[V.SETUP] !== step || mailHas(s[V.MAIL], Msg.REGISTER_A, Msg.FEED_B_FIRST)) return false;
      effect(n);
      n[V.SETUP] = step + 1;
      return true;
    }));
  }
  actions.push(act("data: B's last bar arrives late (final)", 'page', (s, n) => {
    if (s[V.SETUP] !== Setup.DONE || s[V.LATE] !== 0 || s[V.PERSON] & (Person.STOP | Person.SHUTDOWN)) return false;
    n[V.LATE] = 1;
    call(n, Msg.FEED_B_LAST);
    return true;
  }));

  // The person: pause, resume, stop and shutdown, each at most once (so the model stays finite).
  const press = (name: string, bit: Person, guard: (s: Int32Array) => boolean, effect: (n: Int32Array) => void, optional = true) =>
    actions.push(act(name, 'person', (s, n) => {
      if (s[V.PERSON] & bit || !guard(s)) return false;
      n[V.PERSON] |= bit;
      effect(n);
      return true;
    }, optional));
  const setState = (n: Int32Array, state: SystemState) => {
    n[V.CELL] = state;
    announce(n, Msg.STATE_STOPPED + state);
  };
  press('person: pause', Person.PAUSE, (s) => s[V.CELL] === SystemState.RUNNING, (n) => setState(n, SystemState.PAUSED));
  // Not optional: a person who paused resumes some time (else "completes" could never hold).
  press('person: resume', Person.RESUME, (s) => s[V.CELL] === SystemState.PAUSED && !(s[V.PERSON] & Person.STOP), (n) => setState(n, SystemState.RUNNING), false);
  const abortSetup = (n: Int32Array) => {
    if (n[V.SETUP] < Setup.DONE) n[V.SETUP] = Setup.ABORTED;
  };
  press('person: stop', Person.STOP, () => true, (n) => {
    abortSetup(n);
    setState(n, SystemState.STOPPED);
  });
  press('person: shutdown (close the worker)', Person.SHUTDOWN, () => true, (n) => {
    abortSetup(n);
    n[V.SHUTDOWN] = 1;
    if (variant === 'fallback') n[V.MAIL] = mailPush(n[V.MAIL], Msg.SHUTDOWN);
    else n[V.DOORBELL] = 1;
  });

  // The coordinator: look (observe), then do what nextStep says; wait; take messages.
  actions.push(act('coordinator: mail posted → back to the event loop', 'coordinator', (s, n) => {
    if (s[V.PC] !== Pc.OBSERVE || variant !== 'doorbell' || mailLength(s[V.MAIL]) === 0 || shutdownSeen(s)) return false;
    n[V.PC] = Pc.EVENT_LOOP;
    return true;
  }));
  actions.push(act('coordinator: look at the control block', 'coordinator', (s, n) => {
    if (s[V.PC] !== Pc.OBSERVE) return false;
    if (variant === 'doorbell' && mailLength(s[V.MAIL]) > 0 && !shutdownSeen(s)) return false;
    n[V.DOORBELL] = 0; // `seen` = the doorbell now
    if (shutdownSeen(s)) {
      n[V.PC] = Pc.EXITED;
      return true;
    }
    n[V.SEES] = cell(s);
    n[V.PC] = Pc.DECIDE;
    return true;
  }));
  actions.push(act('coordinator: nextStep', 'coordinator', (s, n) => {
    if (s[V.PC] !== Pc.DECIDE) return false;
    const { step, stream } = decide(s);
    n[V.STEP] = STEP_NAMES.indexOf(step);
    n[V.WAIT_GAP] = step === 'wait-gap' || step === 'sleep-gap' ? 1 : 0;
    n[V.PC] = Pc.OBSERVE;
    switch (step) {
      case 'emit-held': {
        const held = s[V.HELD] - 1;
        n[V.HELD] = 0;
        emit(s, n, held, s[V.TAKEN_A + held] - 1);
        break;
      }
      case 'hold-and-wait-gate':
        n[V.TAKEN_A + stream]++;
        n[V.HELD] = stream + 1;
        n[V.PC] = waitPc('wait-gate');
        break;
      case 'stream':
      case 'stream-unpaced':
        n[V.TAKEN_A + stream]++;
        emit(s, n, stream, s[V.TAKEN_A + stream]);
        break;
      case 'complete':
        n[V.FLAGS] |= Flag.COMPLETE;
        n[V.PC] = waitPc('wait-idle');
        break;
      default:
        n[V.PC] = waitPc(step);
    }
    return true;
  }));
  actions.push(act('coordinator: the doorbell rang — wake', 'coordinator', (s, n) => {
    if ((s[V.PC] !== Pc.DOORBELL_WAIT && s[V.PC] !== Pc.BLOCKED_WAIT) || !s[V.DOORBELL]) return false;
    n[V.PC] = Pc.OBSERVE;
    return true;
  }));
  actions.push(act('coordinator: take a message', 'coordinator', (s, n) => {
    const pc = s[V.PC];
    const listening = pc === Pc.EVENT_LOOP || pc === Pc.LOOP_WAIT || (pc === Pc.SLEEP && variant === 'fallback');
    if (!listening || mailLength(s[V.MAIL]) === 0) return false;
    const code = s[V.MAIL] & 15;
    n[V.MAIL] = s[V.MAIL] >>> 4;
    deliver(n, code);
    // The fallback gate's wait ends on a control message; a Comlink call runs its handler but does not end it.
    if (pc === Pc.LOOP_WAIT && code >= Msg.STATE_STOPPED) n[V.PC] = Pc.OBSERVE;
    return true;
  }));
  actions.push(act('coordinator: mail read — back to the loop', 'coordinator', (s, n) => {
    if (s[V.PC] !== Pc.EVENT_LOOP || mailLength(s[V.MAIL]) > 0) return false;
    n[V.PC] = Pc.OBSERVE;
    return true;
  }));
  // Time passes only while the coordinator is blocked: a thread that can run takes no time in the model.
  actions.push(act('time passes: the wait runs out', 'time', (s, n) => {
    const pc = s[V.PC];
    const timed = pc === Pc.SLEEP || (pc === Pc.DOORBELL_WAIT && !s[V.DOORBELL]) || (pc === Pc.LOOP_WAIT && mailLength(s[V.MAIL]) === 0);
    if (!timed) return false;
    if (s[V.WAIT_GAP]) n[V.DUE] = 1;
    if (s[V.CELL] === SystemState.PAUSED && s[V.SEES] !== SystemState.PAUSED) n[V.FLAGS] |= Flag.LATE_PAUSE;
    // A bounded slice that ran out ends with an event-loop turn (worker-gate.ts).
    n[V.PC] = pc === Pc.DOORBELL_WAIT ? Pc.EVENT_LOOP : Pc.OBSERVE;
    return true;
  }));

  const initial = new Int32Array(VARIABLE_NAMES.length);
  initial[V.CELL] = SystemState.STOPPED;
  initial[V.COPY_CELL] = SystemState.STOPPED;
  initial[V.SEES] = SystemState.STOPPED;
  initial[V.PC] = Pc.OBSERVE;
  initial[V.STEP] = -1;
  return {
    name: `gate protocol: ${variant}`,
    variables: VARIABLE_NAMES,
    initial: [initial],
    actions,
    properties: gateProperties(flaws),
    // Over: the worker exited, or the person stopped and nothing is left in flight.
    isFinal: (s) => s[V.PC] === Pc.EXITED || ((s[V.PERSON] & Person.STOP) !== 0 && mailLength(s[V.MAIL]) === 0),
    describe: gateDescription,
    formatValue: formatGateValue,
  };
}
