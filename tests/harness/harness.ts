// Browser test harness: the real coordinator worker with a real SharedArrayBuffer (or the
// fallback gate), driven from Playwright through window.harness. Main thread of a test page;
// not part of the app. Items are synthetic one-minute bars so each test states its own data.

import { Slot, speedToCell, WorkerPhase } from '../../src/core/control-block';
import { NO_FLAWS, type Flaws } from '../../src/core/flaws';
import { StreamType } from '../../src/core/stream-key';
import { SystemState } from '../../src/core/system-state';
import { tradingSession } from '../../src/core/trading-hours';
import type { BatchEvent, CoordinatorEvent } from '../../src/worker/coordinator-api';
import { CoordinatorClient } from '../../src/system/coordinator-client';

const DAY = '2013-10-07';
const SESSION = tradingSession(DAY, 'regular')!;
const MINUTE = 60_000;

/** `count` bars of `symbol` starting `offsetMinutes` after the open. */
function bars(count: number, offsetMinutes = 0, price = 100) {
  const tsStart = Float64Array.from({ length: count }, (_, i) => SESSION.open + (offsetMinutes + i) * MINUTE);
  return {
    tsStart,
    tsEmit: tsStart.map((t) => t + MINUTE),
    fields: [0, 1, 2, 3, 4].map((f) => Float64Array.from({ length: count }, (_, i) => (f === 4 ? 100 + i : price + i / 100))),
  };
}

interface Session {
  client: CoordinatorClient;
  events: CoordinatorEvent[];
  emitted: { slot: number; tsEmit: number }[];
  wall: number[];
}

let current: Session | null = null;
const now = () => performance.timeOrigin + performance.now();

function session(): Session {
  if (!current) throw new Error('call harness.create() first');
  return current;
}

function until(predicate: () => boolean, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const started = performance.now();
    const tick = () => {
      if (predicate()) resolve(true);
      else if (performance.now() - started > timeoutMs) resolve(false);
      else setTimeout(tick, 1);
    };
    tick();
  });
}

const harness = {
  isolated: () => crossOriginIsolated,

  async create(shared: boolean, announceMail = true) {
    const s: Session = { client: null as unknown as CoordinatorClient, events: [], emitted: [], wall: [] };
    s.client = await CoordinatorClient.create({
      shared,
      announceMail,
      onFailure: (message) => s.events.push({ kind: 'error', runId: -1, message }),
      onEvent: (event) => {
        s.events.push(event);
        if (event.kind === 'batch') {
          s.client?.gate.batchTaken(); // as the page does: the worker keeps only a few batches in flight
          const batch = event as BatchEvent;
          for (let i = 0; i < batch.count; i++) {
            s.emitted.push({ slot: batch.slot[i], tsEmit: batch.tsEmit[i] });
            s.wall.push(now());
          }
        }
      },
    });
    current = s;
    return s.client.gate.kind;
  },

  async plan(runId = 1, flaws: Partial<Flaws> = {}) {
    await session().client.clearStreams({ runId, sessions: [SESSION], startTime: SESSION.open, flaws: { ...NO_FLAWS, ...flaws }, stateSeq: session().client.gate.control.load(Slot.STATE_SEQ) });
  },

  /** Registers SYMBOL and feeds `count` bars from `offsetMinutes`; returns the slot. */
  async stream(symbol: string, count: number, offsetMinutes = 0, final = true) {
    const { client } = session();
    const slot = await client.registerStream({ type: StreamType.BAR, symbol, interval: '1m' });
    await client.feedStream(slot, bars(count, offsetMinutes), final);
    return slot;
  },

  async feed(slot: number, count: number, offsetMinutes: number, final: boolean) {
    await session().client.feedStream(slot, bars(count, offsetMinutes), final);
  },

  phase: () => WorkerPhase[session().client.gate.control.load(Slot.WORKER_PHASE)],
  waitPhase: (phase: keyof typeof WorkerPhase, timeoutMs = 5000) =>
    until(() => session().client.gate.control.load(Slot.WORKER_PHASE) === WorkerPhase[phase], timeoutMs),

  setSpeed: (speed: number | 'max') => session().client.gate.setSpeed(speedToCell(speed)),
  setState: (state: keyof typeof SystemState) => session().client.gate.setState(SystemState[state]),
  step: () => session().client.gate.requestStep(),

  emittedCount: () => session().emitted.length,
  emitted: () => session().emitted,
  eventKinds: () => session().events.map((e) => e.kind),
  waitEvent: (kind: CoordinatorEvent['kind'], timeoutMs = 5000) => until(() => session().events.some((e) => e.kind === kind), timeoutMs),
  /** ms from now until an event of `kind` (after the current count of them) arrives, or -1. */
  async timeToEvent(kind: CoordinatorEvent['kind'], action: () => void, timeoutMs = 5000) {
    const before = session().events.filter((e) => e.kind === kind).length;
    const started = performance.now();
    action();
    const ok = await until(() => session().events.filter((e) => e.kind === kind).length > before, timeoutMs);
    return ok ? performance.now() - started : -1;
  },
  pauseLatency: () => harness.timeToEvent('state-seen', () => session().client.gate.setState(SystemState.PAUSED)),
  /**
   * Proof that the worker has looked again, without sleeping: stores the state it already has
   * `count` times and waits for each acknowledgement ('state-seen'). The worker posts every batch
   * before an acknowledgement and takes a full turn of its loop after one, so once the last is in,
   * whatever it emitted in the turns between has arrived. False if an acknowledgement never came.
   */
  async turns(count = 2, timeoutMs = 5000) {
    const { client, events } = session();
    for (let i = 0; i < count; i++) {
      const seq = client.gate.setState(client.gate.control.load(Slot.STATE));
      if (!(await until(() => events.some((e) => e.kind === 'state-seen' && e.stateSeq >= seq), timeoutMs))) return false;
    }
    return true;
  },
  shutdown: (timeoutMs?: number) => session().client.shutdown(timeoutMs),
  backtestTime: () => session().client.gate.control.backtestTime(),
  sessionOpen: SESSION.open,
};

declare global {
  interface Window {
    harness: typeof harness;
  }
}
window.harness = harness;
