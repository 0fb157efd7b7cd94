// The coordinator worker's boundary: the typed interface the page calls through Comlink, and the
// events the worker posts back on its events port. Types only; coordinator-worker.ts implements
// CoordinatorApi with expose(), coordinator-client.ts wraps it on the page.

import type { Flaws } from '../core/flaws';
import type { ItemColumns } from '../core/item-columns';
import type { StreamKey } from '../core/stream-key';
import type { SystemState } from '../core/system-state';
import type { TradingSession } from '../core/trading-hours';

export interface CoordinatorInit {
  /** The control block's SharedArrayBuffer, or null for the fallback gate. */
  readonly control: SharedArrayBuffer | null;
  /** Fallback gate only: control changes arrive on this port. */
  readonly controlPort: MessagePort | null;
  /** Where the worker posts CoordinatorEvents (batches, acknowledgements, completion). */
  readonly events: MessagePort;
  /** The Web Lock the worker holds for its life, so the page hears when it ends. */
  readonly lifeLock: string;
}

export interface RunPlan {
  readonly runId: number;
  /** The trading sessions being replayed, sorted: pacing skips the time between them. */
  readonly sessions: readonly TradingSession[];
  /** Backtest time before the first item: the first session's open. */
  readonly startTime: number;
  /** Teaching switches: the design note's original behaviours (all false: the fixed engine). */
  readonly flaws: Flaws;
  /** live: items are emitted as they are fed, with no gate and no pacing (the note's non-backtest mode). */
  readonly mode?: 'backtest' | 'live';
  /**
   * The page's STATE_SEQ when it cleared the streams: state changes up to it belong to earlier
   * runs. (On the fallback gate they may still be on their way, behind this call.)
   */
  readonly stateSeq: number;
}

export interface CoordinatorApi {
  /** Sets up the worker; resolves once it holds its life lock (core/worker-life.ts). */
  init(init: CoordinatorInit): Promise<void>;
  /** Stop existing streams: drop every queue and start a new run with the given plan. */
  clearStreams(plan: RunPlan): void;
  /** Registers a stream and returns its slot. The merge will not overtake it until it finishes. */
  registerStream(key: StreamKey): number;
  /** Appends items to a stream's queue; `final` is the end-of-stream marker. Out of order throws. */
  feedStream(slot: number, columns: ItemColumns, final: boolean): void;
  /**
   * Teaching scenarios only: send one 'quiet' event the next time the loop waits with nothing it
   * may take — at the gate or idle, while STOPPED (`afterGate` false) or after the gate opened
   * (`afterGate` true). A late feed released on it meets the same item on every machine.
   */
  watchQuiet(afterGate: boolean): void;
}

/** Items emitted since the last batch, columnar and transferred. */
export interface BatchEvent {
  readonly kind: 'batch';
  readonly runId: number;
  readonly count: number;
  /** The arrays may be longer than `count` (a full batch hands over its whole buffers). */
  readonly slot: Int32Array;
  readonly tsStart: Float64Array;
  readonly tsEmit: Float64Array;
  /** Values per item: the widest field count among the run's streams (5 for bars, 10 for quote bars). */
  readonly stride: number;
  /** At least `count × stride` values, item after item (item i's start at i × stride). */
  readonly values: Float64Array;
  readonly backtestTime: number;
}

export type CoordinatorEvent =
  | BatchEvent
  /** The worker saw a state change (every batch before it has been posted): pauses are exact. */
  | {
      readonly kind: 'state-seen';
      readonly runId: number;
      readonly stateSeq: number;
      readonly state: SystemState;
      readonly backtestTime: number;
      /** When the worker saw it (timeOrigin + now, ms): for RUNNING, the gate-open wake-up. */
      readonly wallTime: number;
    }
  /** The first item after the gate opened, with the worker's wall time (timeOrigin + now, ms). */
  | { readonly kind: 'gate-opened'; readonly runId: number; readonly wallTime: number }
  /** A "go to" arrived: every item due by its target has been emitted (and posted). */
  | { readonly kind: 'seek-done'; readonly runId: number; readonly backtestTime: number }
  /** Every stream finished and drained; all batches have been posted. */
  | { readonly kind: 'complete'; readonly runId: number; readonly emitted: number; readonly fed: number; readonly backtestTime: number }
  /**
   * A step of any kind was taken while PAUSED (every batch before it has been posted): the run has
   * emitted `emitted` items and the clock reads `backtestTime`; `stepsTaken` is Slot.STEPS_TAKEN
   * (the fallback gate's own copy may arrive later). After a step back ('back') the run holds only
   * the first `emitted` items, `removed` fewer than before.
   */
  | {
      readonly kind: 'stepped';
      readonly step: 'item' | 'bar' | 'back';
      readonly runId: number;
      readonly stepsTaken: number;
      readonly emitted: number;
      readonly removed: number;
      readonly backtestTime: number;
    }
  | { readonly kind: 'error'; readonly runId: number; readonly message: string }
  /** Asked for by watchQuiet: the loop waits with nothing it may take; every batch before it is posted. */
  | { readonly kind: 'quiet'; readonly runId: number; readonly emitted: number; readonly backtestTime: number }
  | { readonly kind: 'exited' };
