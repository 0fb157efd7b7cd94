// The page's handle on the coordinator worker: creates it, wraps CoordinatorApi with Comlink,
// picks the gate (shared memory when cross-origin isolated, messages otherwise) and announces
// every call as mail so a worker waiting at the gate wakes to read it. Main thread.

import { transfer, wrap, type Remote } from 'comlink';
import { ControlBlock } from '../core/control-block';
import { columnBuffers, type ItemColumns } from '../core/item-columns';
import type { StreamKey } from '../core/stream-key';
import type { CoordinatorApi, CoordinatorEvent, RunPlan } from '../worker/coordinator-api';
import { MessagePageGate, SharedPageGate, type PageGate } from './page-gate';
import { lifeLockName, watchLifeLock } from '../core/worker-life';

export interface CoordinatorClientOptions {
  /** Use the SharedArrayBuffer gate; false selects the message-based fallback gate. */
  readonly shared: boolean;
  readonly onEvent: (event: CoordinatorEvent) => void;
  /** The worker itself failed (a script error, or it could not load). */
  readonly onFailure: (message: string) => void;
  /**
   * Teaching and tests only: when false, calls are not announced as mail, so a worker waiting at
   * the gate reads them only when its wait slice ends (design (a) without its doorbell).
   */
  readonly announceMail?: boolean;
}

/** What the SystemManager needs of a coordinator: CoordinatorClient, or an in-process one in tests. */
export interface CoordinatorHandle {
  readonly gate: PageGate;
  clearStreams(plan: RunPlan): Promise<void>;
  registerStream(key: StreamKey): Promise<number>;
  feedStream(slot: number, columns: ItemColumns, final: boolean): Promise<void>;
  /** Teaching scenarios: one 'quiet' event at the loop's next wait with nothing to take (CoordinatorApi). */
  watchQuiet(afterGate: boolean): Promise<void>;
  shutdown(timeoutMs?: number): Promise<boolean>;
  terminate(): void;
}

export class CoordinatorClient implements CoordinatorHandle {
  private exited: (() => void) | null = null;
  private terminated = false;
  /** Stops watching the worker's life lock (before ending it on purpose). */
  private unwatch = () => {};

  private constructor(
    private readonly worker: Worker,
    private readonly remote: Remote<CoordinatorApi>,
    readonly gate: PageGate,
    private readonly announceMail: boolean,
  ) {}

  static async create(options: CoordinatorClientOptions): Promise<CoordinatorClient> {
    const worker = new Worker(new URL('../worker/coordinator-worker.ts', import.meta.url), { type: 'module', name: 'coordinator' });
    const remote = wrap<CoordinatorApi>(worker);
    const events = new MessageChannel();
    const control = ControlBlock.create(options.shared);
    let gate: PageGate;
    let controlPort: MessagePort | null = null;
    if (options.shared) {
      gate = new SharedPageGate(control);
    } else {
      const channel = new MessageChannel();
      gate = new MessagePageGate(control, channel.port1);
      controlPort = channel.port2;
    }
    const client = new CoordinatorClient(worker, remote, gate, options.announceMail ?? true);
    events.port1.onmessage = (message: MessageEvent<CoordinatorEvent>) => {
      const event = message.data;
      if (event.kind === 'exited') client.exited?.();
      options.onEvent(event);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      options.onFailure(`the coordinator worker failed: ${event.message || 'it could not be loaded'}`);
    };
    const ports: Transferable[] = controlPort ? [events.port2, controlPort] : [events.port2];
    const lifeLock = lifeLockName('coordinator');
    await client.call(() =>
      remote.init(transfer({ control: options.shared ? (control.buffer as SharedArrayBuffer) : null, controlPort, events: events.port2, lifeLock }, ports)),
    );
    // A worker that ends without an error (closed, killed, crashed) releases its lock: say so.
    client.unwatch = watchLifeLock(lifeLock, () => options.onFailure('the coordinator worker stopped unexpectedly (it was ended or it crashed)'));
    return client;
  }

  clearStreams(plan: RunPlan): Promise<void> {
    return this.call(() => this.remote.clearStreams(plan));
  }

  registerStream(key: StreamKey): Promise<number> {
    return this.call(() => this.remote.registerStream(key));
  }

  /** Feeds a chunk; its buffers are transferred (the page keeps no copy of unemitted items). */
  feedStream(slot: number, columns: ItemColumns, final: boolean): Promise<void> {
    return this.call(() => this.remote.feedStream(slot, transfer(columns, columnBuffers(columns)), final));
  }

  watchQuiet(afterGate: boolean): Promise<void> {
    return this.call(() => this.remote.watchQuiet(afterGate));
  }

  /** Asks the loop to exit and waits for it (bounded), then ends the worker. */
  async shutdown(timeoutMs = 2000): Promise<boolean> {
    if (this.terminated) return true;
    const exited = new Promise<boolean>((resolve) => {
      this.exited = () => resolve(true);
      setTimeout(() => resolve(false), timeoutMs);
    });
    this.gate.shutdown();
    const clean = await exited;
    this.terminate();
    return clean;
  }

  terminate(): void {
    this.terminated = true;
    this.unwatch();
    this.worker.terminate();
  }

  /** Posts one call, then announces it: the message is on its way before the doorbell rings. */
  private call<T>(invoke: () => Promise<T>): Promise<T> {
    const reply = invoke();
    if (this.announceMail) this.gate.mailPosted();
    return reply;
  }
}
