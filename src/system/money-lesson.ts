// The look-ahead lesson in money: replays SPY on 2013-10-07 through the real engine (the fixed
// one), then trades one rule on the bars SessionData received, twice — the rule seeing each bar
// from its start (the flaw) and only at its end (the fix). Main thread; the Teaching lab's
// LookAheadMoney.svelte calls it.

import { runLesson, type LessonRun } from '../core/look-ahead-lesson';
import { StreamType } from '../core/stream-key';
import { SystemState } from '../core/system-state';
import type { ReplayRequest } from '../core/url-params';
import type { SystemManager } from './system-manager';

export const LESSON_REQUEST: ReplayRequest = { overrides: { symbols: 'SPY', from: '2013-10-07', interval: '1m', speed: 'max' }, autostart: false };

export interface MoneyLesson {
  readonly flawed: LessonRun;
  readonly fixed: LessonRun;
  readonly bars: number;
}

/** Replays the lesson's day and trades the rule on it twice; null (with the manager's error shown) when the replay failed. */
export async function runMoneyLesson(manager: SystemManager, commissionPerShare = 0.005): Promise<MoneyLesson | null> {
  await manager.stop();
  if (!(await manager.start(LESSON_REQUEST))) return null;
  await new Promise<void>((resolve) => {
    const done = () => {
      const snap = manager.snapshot();
      if (snap.starting || snap.state !== SystemState.STOPPED) return;
      unsubscribe();
      resolve();
    };
    const unsubscribe = manager.subscribe(done);
    done();
  });
  const stream = manager.sessionData.streams.find((s) => s.key.type === StreamType.BAR && s.key.symbol === 'SPY');
  if (!stream || stream.count === 0 || !manager.snapshot().runComplete) return null;
  const end = (i: number) => stream.tsEmit.data[i];
  return { flawed: runLesson(stream, end, 'from-start', commissionPerShare), fixed: runLesson(stream, end, 'at-end', commissionPerShare), bars: stream.count };
}
