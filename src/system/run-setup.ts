// What a run's setup works with: the run, its validated config, the two workers and the signal
// that cancels it. Main thread; the SystemManager makes one per start() and hands it to
// replay-setup.ts or live-setup.ts, which set up every stream while the state is STOPPED.

import type { ReplayConfig, Speed } from '../core/replay-config';
import type { MarketDataSource } from '../data/market-data-client';
import type { CoordinatorHandle } from '../worker/coordinator-client';
import type { ReplayRun } from './replay-run';

export interface RunSetup {
  readonly run: ReplayRun;
  readonly config: ReplayConfig;
  readonly coordinator: CoordinatorHandle;
  readonly data: MarketDataSource;
  /** stop() during setup, or a worker failing. */
  readonly signal: AbortSignal;
  /** The speed chosen now: setSpeed() may change it while the setup runs. */
  readonly speed: () => Speed;
  /** A setup step finished: notify the page. */
  readonly changed: () => void;
}
