// The gate latency lab, page side: for each trial, arm the worker, wait a random phase (seeded),
// open the gate — store RUNNING (and ring the doorbell) or post a message — and measure how long
// the worker took to notice. Main thread; reproduces the design note's "Performance Impact".

import { ControlBlock, Slot } from '../core/control-block';
import { seededRandom } from '../core/stats';
import { SystemState } from '../core/system-state';
import type { GateStrategy, LabReply, LabRequest } from '../worker/gate-latency-lab-protocol';
import { ensureDefined } from '../core/assert';

export type { GateStrategy };

export const STRATEGY_NAMES: Record<GateStrategy, string> = {
  poll: "the note's 100 ms sleep-polling",
  message: 'message passing (the fallback gate)',
  atomics: 'Atomics.wait / notify (the gate)',
};

/** Which strategies this page can run: two need SharedArrayBuffer (cross-origin isolation). */
export function availableStrategies(): GateStrategy[] {
  return globalThis.crossOriginIsolated ? ['poll', 'message', 'atomics'] : ['message'];
}

export async function measureGateLatency(
  strategies: readonly GateStrategy[],
  trials: number,
  seed: number,
  onProgress: (done: number, total: number) => void,
): Promise<Record<GateStrategy, number[]>> {
  const worker = new Worker(new URL('../worker/gate-latency-lab-worker.ts', import.meta.url), { type: 'module', name: 'gate-latency-lab' });
  const shared = strategies.some((s) => s !== 'message');
  const control = shared ? ControlBlock.create(true) : null;
  const random = seededRandom(seed);
  const replies: ((reply: LabReply) => void)[] = [];
  worker.onmessage = (event: MessageEvent<LabReply>) => replies.shift()?.(event.data);
  const next = () => new Promise<LabReply>((resolve) => replies.push(resolve));
  const send = (request: LabRequest) => worker.postMessage(request);
  const results = { poll: [], message: [], atomics: [] } as Record<GateStrategy, number[]>;
  try {
    send({ kind: 'init', control: control ? (control.buffer as SharedArrayBuffer) : null });
    let done = 0;
    for (const strategy of strategies) {
      for (let trial = 0; trial < trials; trial++) {
        control?.store(Slot.STATE, SystemState.STOPPED);
        const armed = next();
        send({ kind: 'arm', strategy, trial });
        await armed;
        await new Promise((resolve) => setTimeout(resolve, random() * 100)); // a random phase against the poll
        const woke = next();
        const opened = performance.timeOrigin + performance.now();
        if (strategy === 'message') send({ kind: 'open' });
        else {
          const cell = ensureDefined(control, 'the shared control block of a shared-memory strategy');
          cell.store(Slot.STATE, SystemState.RUNNING);
          cell.add(Slot.DOORBELL, 1);
          Atomics.notify(cell.int32, Slot.DOORBELL);
        }
        const reply = await woke;
        if (reply.kind === 'woke') results[strategy].push(Math.max(0, reply.wallTime - opened));
        onProgress(++done, strategies.length * trials);
      }
    }
  } finally {
    worker.terminate();
  }
  return results;
}
