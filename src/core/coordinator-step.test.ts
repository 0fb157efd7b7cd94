import { describe, expect, it } from 'vitest';
import { idleView, nextStep, type CoordinatorStep, type CoordinatorView } from './coordinator-step';
import { MergeStatus } from './stream-merger';
import { SystemState } from './system-state';

const { STOPPED, RUNNING, PAUSED } = SystemState;
const { READY, BLOCKED, EXHAUSTED } = MergeStatus;

/** The fixed engine replaying at some speed, an item ready and due: every row changes only what it names. */
const BASE: CoordinatorView = { ...idleView(), hasPlan: true, state: RUNNING, status: READY };

const ROWS: [string, Partial<CoordinatorView>, CoordinatorStep][] = [
  // Shutdown wins over everything.
  ['shutdown while streaming', { shutdown: true }, 'exit'],
  ['shutdown during setup', { shutdown: true, state: STOPPED, status: BLOCKED }, 'exit'],
  // "Go to".
  ['seeking, target reached', { seeking: true, seekTargetReached: true }, 'finish-seek'],
  ['seeking, nothing ready: the target counts as reached', { seeking: true, seekTargetReached: true, status: BLOCKED }, 'finish-seek'],
  ['seeking, target not reached: no pacing', { seeking: true, delayMs: 5000 }, 'stream'],
  ['seeking while PAUSED: a seek finishes only while RUNNING', { seeking: true, seekTargetReached: true, state: PAUSED }, 'wait-paused'],
  // The late-gate-check flaw's held item.
  ['holding while STOPPED', { holding: true, state: STOPPED, lateGateCheck: true }, 'wait-gate'],
  ['holding once RUNNING: it goes first', { holding: true, lateGateCheck: true }, 'emit-held'],
  ['holding while PAUSED', { holding: true, state: PAUSED, lateGateCheck: true }, 'emit-held'],
  ['holding, even with the page behind', { holding: true, lateGateCheck: true, pageBehind: true }, 'emit-held'],
  // Nothing ready.
  ['drained while RUNNING', { status: EXHAUSTED }, 'complete'],
  ['drained while PAUSED (a step took the last item)', { status: EXHAUSTED, state: PAUSED }, 'complete'],
  ['drained, complete already reported', { status: EXHAUSTED, finishedRun: true }, 'wait-idle'],
  ['drained while STOPPED: a run never completes before it starts', { status: EXHAUSTED, state: STOPPED }, 'wait-idle'],
  ['no run loaded', { status: EXHAUSTED, hasPlan: false, state: STOPPED }, 'wait-idle'],
  ['no run loaded (an error dropped it) while RUNNING', { status: EXHAUSTED, hasPlan: false }, 'wait-idle'],
  ['a stream is blocked (registered, unfinished, empty)', { status: BLOCKED }, 'wait-idle'],
  ['blocked in live mode', { status: BLOCKED, live: true }, 'wait-idle'],
  // Flow control.
  ['page behind while RUNNING', { pageBehind: true }, 'wait-page'],
  ['page behind in live mode', { pageBehind: true, live: true, state: STOPPED }, 'wait-page'],
  ['page behind with the no-gate flaw during setup', { pageBehind: true, noGate: true, state: STOPPED }, 'wait-page'],
  ['page behind while STOPPED: the gate holds anyway', { pageBehind: true, state: STOPPED }, 'wait-gate'],
  ['page behind while PAUSED: a step still goes through', { pageBehind: true, state: PAUSED, stepRequested: true }, 'step'],
  // Live mode: no gate, no pacing.
  ['live while STOPPED', { live: true, state: STOPPED }, 'stream-unpaced'],
  ['live while RUNNING, even with an item far ahead', { live: true, delayMs: 5000 }, 'stream-unpaced'],
  ['live while PAUSED', { live: true, state: PAUSED }, 'wait-paused'],
  ['live while PAUSED, step asked for', { live: true, state: PAUSED, stepRequested: true }, 'step'],
  // The gate.
  ['STOPPED: the design note\'s gate', { state: STOPPED }, 'wait-gate'],
  ['STOPPED with the no-gate flaw', { state: STOPPED, noGate: true }, 'stream-unpaced'],
  ['STOPPED with the late-gate-check flaw', { state: STOPPED, lateGateCheck: true }, 'hold-and-wait-gate'],
  ['STOPPED with both gate flaws: no gate wins', { state: STOPPED, noGate: true, lateGateCheck: true }, 'stream-unpaced'],
  // Pause and step.
  ['PAUSED', { state: PAUSED }, 'wait-paused'],
  ['PAUSED, step asked for', { state: PAUSED, stepRequested: true }, 'step'],
  ['PAUSED, bar step asked for', { state: PAUSED, barStepRequested: true }, 'step-bar'],
  ['PAUSED, bar step and step asked for: the bar step (asked first: the page asks for one only when none is pending)', { state: PAUSED, barStepRequested: true, stepRequested: true }, 'step-bar'],
  ['PAUSED, step back asked for', { state: PAUSED, backStepRequested: true }, 'step-back'],
  ['PAUSED, step back asked for with nothing ready (drained or blocked)', { state: PAUSED, backStepRequested: true, status: BLOCKED }, 'step-back'],
  ['PAUSED, step back and step asked for: back first', { state: PAUSED, backStepRequested: true, stepRequested: true }, 'step-back'],
  ['RUNNING, a step back still pending: it waits for the next pause', { backStepRequested: true }, 'stream'],
  ['live while PAUSED, step back asked for: live has no step back', { live: true, state: PAUSED, backStepRequested: true }, 'wait-paused'],
  ['PAUSED with the uninterruptible-sleep flaw', { state: PAUSED, uninterruptibleSleep: true, delayMs: Infinity }, 'wait-paused'],
  // Pacing.
  ['RUNNING, item due', {}, 'stream'],
  ['RUNNING, item not due', { delayMs: 400 }, 'wait-gap'],
  ['RUNNING, item not due, uninterruptible-sleep flaw', { delayMs: 400, uninterruptibleSleep: true }, 'sleep-gap'],
  ['RUNNING, item due, uninterruptible-sleep flaw', { uninterruptibleSleep: true }, 'stream'],
];

/** Every step, so that a step added without a row fails below (the Record must name each one). */
const EVERY_STEP: Record<CoordinatorStep, true> = {
  exit: true,
  'finish-seek': true,
  'emit-held': true,
  complete: true,
  'wait-idle': true,
  'wait-page': true,
  'wait-gate': true,
  'hold-and-wait-gate': true,
  'wait-paused': true,
  step: true,
  'step-bar': true,
  'step-back': true,
  stream: true,
  'stream-unpaced': true,
  'wait-gap': true,
  'sleep-gap': true,
};

describe('the coordinator loop\'s next step', () => {
  for (const [name, change, step] of ROWS) {
    it(`${name} → ${step}`, () => {
      expect(nextStep({ ...BASE, ...change })).toBe(step);
    });
  }

  it('starts a coordinator idle: no run, nothing to do but wait', () => {
    expect(nextStep(idleView())).toBe('wait-idle');
  });

  it('has a row for every step', () => {
    const covered = new Set(ROWS.map(([, , step]) => step));
    expect(Object.keys(EVERY_STEP).filter((step) => !covered.has(step as CoordinatorStep))).toEqual([]);
  });
});
