// The coordinator worker's entry: hosts one BacktestStreamCoordinator and exposes CoordinatorApi
// through Comlink. Module worker, created by coordinator-client.ts on the page.

import { expose } from 'comlink';
import { ControlBlock } from '../core/control-block';
import { assert, ensureDefined } from '../core/assert';
import { holdLifeLock } from '../core/worker-life';
import { BacktestStreamCoordinator } from './backtest-stream-coordinator';
import type { CoordinatorApi } from './coordinator-api';
import { AtomicsWorkerGate, createTaskYield, MessageWorkerGate } from './worker-gate';

// Every message the page posts counts as mail taken; the Atomics gate compares this with the
// page's MAIL_POSTED to know when it must go back to the event loop (worker-gate.ts).
let mailTaken = 0;
self.addEventListener('message', () => mailTaken++);

const yieldTask = createTaskYield();
let coordinator: BacktestStreamCoordinator | null = null;

function ready(): BacktestStreamCoordinator {
  assert(coordinator, 'the coordinator worker was not initialised');
  return coordinator;
}

const api: CoordinatorApi = {
  async init({ control, controlPort, events, lifeLock }) {
    assert(!coordinator, 'the coordinator worker is already initialised');
    const gate = control
      ? new AtomicsWorkerGate(new ControlBlock(control), () => mailTaken, yieldTask)
      : new MessageWorkerGate(ensureDefined(controlPort, 'the control port of the fallback gate'), yieldTask);
    coordinator = new BacktestStreamCoordinator(
      gate,
      (event, list) => events.postMessage(event, list ?? []),
      () => performance.timeOrigin + performance.now(),
    );
    await holdLifeLock(lifeLock);
    // Start the loop on a later task, so this call's reply goes out before the first wait.
    void yieldTask()
      .then(() => ready().run())
      .catch((error: Error) => events.postMessage({ kind: 'error', runId: 0, message: `the coordinator stopped: ${error.message}` }));
  },
  clearStreams: (plan) => ready().clearStreams(plan),
  registerStream: (key) => ready().registerStream(key),
  feedStream: (slot, columns, final) => ready().feedStream(slot, columns, final),
  watchQuiet: (afterGate) => ready().watchQuiet(afterGate),
};

expose(api);
