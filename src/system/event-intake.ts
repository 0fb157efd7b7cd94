// EventIntake: what the coordinator worker reports, taken in on the main thread — output batches
// into the run's SessionData (then the acknowledgement the worker's flow control waits for), and
// the worker's events (gate seen, pause held, target reached, run complete, error) turned into
// the SystemManager's transitions. Created by the SystemManager; the coordinator client calls it.

import { anyFlaw } from '../core/flaws';
import { SystemState, type SystemAction } from '../core/system-state';
import type { BatchEvent, CoordinatorEvent } from '../worker/coordinator-api';
import type { PageGate } from './page-gate';
import { FrameBudget, type FrameClock } from './frame-budget';
import type { ReplayRun } from './replay-run';

/** What the intake may do to the system: the SystemManager's own transitions. */
export interface IntakeHost {
  /** The run being set up or run (or the last one). */
  run(): ReplayRun;
  /** The coordinator's gate, while there is a coordinator. */
  gate(): PageGate | null;
  move(action: SystemAction): void;
  pause(): Promise<boolean>;
  endRun(action?: 'stop' | 'complete'): void;
  /** Notify listeners; `itemsOnly` when only items arrived. */
  changed(itemsOnly?: boolean): void;
  /** A step back cut SessionData back: tell the page's SessionData subscribers (SystemManager.onRewound). */
  rewound(rewound: Rewound): void;
}

/** Where a step back left the run (SystemManager.onRewound). */
export interface Rewound {
  readonly runId: number;
  /** Items SessionData now holds (the first `emitted` of the run, in emission order). */
  readonly emitted: number;
  /** Items removed, per stream slot. */
  readonly removed: Int32Array;
  /** The backtest time now: the emit time of the last item kept (the run's start when none is). */
  readonly backtestTime: number;
}

type RunEvent = Exclude<CoordinatorEvent, BatchEvent | { kind: 'exited' }>;

export class EventIntake {
  /** Set when the page draws: batches are acknowledged within each frame's budget (frame-budget.ts). */
  private readonly frameBudget: FrameBudget | null;

  constructor(
    private readonly host: IntakeHost,
    private readonly clock: () => number,
    frames: FrameClock | undefined,
  ) {
    this.frameBudget = frames ? new FrameBudget(frames) : null;
  }

  onEvent(event: CoordinatorEvent): void {
    if (event.kind === 'exited') return;
    if (event.kind === 'batch') return this.onBatch(event);
    if (!this.host.run().accepts(event.runId)) return; // a stopped run's last words
    this.onRunEvent(event);
    this.host.changed();
  }

  /** The run ended: batches held for the next frame are acknowledged now. */
  release(): void {
    this.frameBudget?.release();
  }

  private onRunEvent(event: RunEvent): void {
    const { host } = this;
    const run = host.run();
    switch (event.kind) {
      case 'state-seen': {
        // Gate-open latency: from the RUNNING store to the coordinator awake and seeing it.
        if (event.state === SystemState.RUNNING && run.gateOpenedAt !== null) {
          run.gateOpenLatencyMs = event.wallTime - run.gateOpenedAt;
          run.gateOpenedAt = null;
          run.log.mark('coordinator', 'coordinator wakes: sees RUNNING');
        }
        const pause = run.pauseRequest;
        if (pause && event.stateSeq >= pause.seq && event.state === SystemState.PAUSED) {
          run.sessionData.checker.pauseAcknowledged(event.wallTime - pause.requestedAt);
          host.move('pause');
          pause.resolve(true);
          run.pauseRequest = null;
        }
        break;
      }
      case 'seek-done': {
        const pauseAfter = run.seekRequest?.pauseAfter ?? false;
        run.seekRequest = null;
        run.log.mark('coordinator', 'go to: target reached');
        if (pauseAfter) void host.pause();
        break;
      }
      case 'stepped': {
        // On the fallback gate the worker's own copies of these come on the control port, maybe after this event.
        host.gate()?.workerReported(event.stepsTaken, event.backtestTime);
        if (event.step !== 'back') break;
        const removed = run.sessionData.rewindTo(event.emitted);
        host.rewound({ runId: event.runId, emitted: event.emitted, removed, backtestTime: event.backtestTime });
        break;
      }
      case 'quiet':
        run.quietWaiter?.();
        run.quietWaiter = null;
        break;
      case 'gate-opened':
        run.log.mark('coordinator', 'first item emitted');
        break;
      case 'complete': {
        const data = run.sessionData;
        data.checker.completed(data.streams.map((s) => s.expected));
        // The fixed engine loses nothing; a flawed run's losses are the checker's to report.
        if (!anyFlaw(run.experiment.flaws) && (event.emitted !== event.fed || data.emitted !== event.fed)) {
          run.error = `the run ended with ${event.fed} items fed but ${event.emitted} emitted and ${data.emitted} received`;
        }
        host.endRun('complete');
        run.complete = run.error === null;
        break;
      }
      case 'error': {
        const stale = /older than the backtest time/.test(event.message);
        if (stale) run.sessionData.checker.engineRefused(event.message);
        // With a flaw switched on, a refused stale item is what the experiment shows: the checker's
        // violations say it; only the fixed engine treats it as an error.
        if (stale && anyFlaw(run.experiment.flaws)) run.log.mark('coordinator', `(flaw) ${event.message}`);
        else run.error = `the coordinator reported: ${event.message}`;
        host.endRun();
        run.quietWaiter?.(); // a scenario waiting for the coordinator learns that the run is over
        run.quietWaiter = null;
        break;
      }
    }
  }

  /** Items emitted: into SessionData, then the acknowledgement the worker's flow control waits for. */
  private onBatch(batch: BatchEvent): void {
    const started = this.clock();
    const run = this.host.run();
    const current = run.accepts(batch.runId); // else a stopped run's last words
    if (current) run.sessionData.append(batch);
    // Every batch is acknowledged, a stopped run's too: the worker counts them all.
    const gate = this.host.gate();
    const acknowledge = () => gate?.batchTaken();
    if (this.frameBudget) this.frameBudget.taken(this.clock() - started, acknowledge);
    else acknowledge();
    if (current) this.host.changed(true);
  }
}
