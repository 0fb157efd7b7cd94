import { describe, expect, it } from 'vitest';
import { canTransition, IllegalTransitionError, SystemState, transition, type SystemAction } from './system-state';

const ACTIONS: SystemAction[] = ['start', 'pause', 'resume', 'stop', 'complete'];
const LEGAL: Record<string, SystemState> = {
  'STOPPED start': SystemState.RUNNING,
  'RUNNING pause': SystemState.PAUSED,
  'RUNNING stop': SystemState.STOPPED,
  'RUNNING complete': SystemState.STOPPED,
  'PAUSED resume': SystemState.RUNNING,
  'PAUSED stop': SystemState.STOPPED,
  'PAUSED complete': SystemState.STOPPED,
};

describe('system state transitions', () => {
  for (const state of [SystemState.STOPPED, SystemState.RUNNING, SystemState.PAUSED]) {
    for (const action of ACTIONS) {
      const name = `${SystemState[state]} ${action}`;
      if (name in LEGAL) {
        it(`${name} → ${SystemState[LEGAL[name]]}`, () => {
          expect(canTransition(state, action)).toBe(true);
          expect(transition(state, action)).toBe(LEGAL[name]);
        });
      } else {
        it(`${name} is refused`, () => {
          expect(canTransition(state, action)).toBe(false);
          expect(() => transition(state, action)).toThrow(IllegalTransitionError);
        });
      }
    }
  }
});
