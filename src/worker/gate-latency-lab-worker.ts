// The gate latency lab's worker: the same gate three ways — the design note's 100 ms
// sleep-polling, message passing, and Atomics.wait on a doorbell — each waiting for the page to
// open it, and reporting when it woke. Module worker, created by gate-latency-lab.ts. It blocks
// only while armed for one trial, and returns to its event loop between trials.

import { Slot } from '../core/control-block';
import { SystemState } from '../core/system-state';
import type { LabReply, LabRequest } from './gate-latency-lab-protocol';
import { ensureDefined } from '../core/assert';

const POLL_MS = 100;
let control: Int32Array | null = null;
const sleeper = new Int32Array(new SharedArrayBuffer(4)); // nobody notifies it: a plain sleep
let openMessage: (() => void) | null = null;
const now = () => performance.timeOrigin + performance.now();
const reply = (message: LabReply) => postMessage(message);

onmessage = async (event: MessageEvent<LabRequest>) => {
  const request = event.data;
  if (request.kind === 'init') {
    control = request.control ? new Int32Array(request.control) : null;
    return;
  }
  if (request.kind === 'open') {
    openMessage?.();
    return;
  }
  // arm: wait for the gate to open with the chosen strategy, then say when it woke.
  const { strategy, trial } = request;
  if (strategy === 'message') {
    const opened = new Promise<void>((resolve) => (openMessage = resolve));
    reply({ kind: 'armed', trial });
    await opened;
    openMessage = null;
    reply({ kind: 'woke', trial, wallTime: now() });
    return;
  }
  const cell = ensureDefined(control, 'the shared control block (the page sends one for shared-memory strategies)');
  if (strategy === 'poll') {
    reply({ kind: 'armed', trial });
    // The design note's loop: while not is_running(): time.sleep(0.1)
    while (Atomics.load(cell, Slot.STATE) !== SystemState.RUNNING) Atomics.wait(sleeper, 0, 0, POLL_MS);
  } else {
    const seen = Atomics.load(cell, Slot.DOORBELL);
    reply({ kind: 'armed', trial });
    while (Atomics.load(cell, Slot.STATE) !== SystemState.RUNNING) Atomics.wait(cell, Slot.DOORBELL, seen, 5000);
  }
  reply({ kind: 'woke', trial, wallTime: now() });
};
