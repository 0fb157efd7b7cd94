// What a run's setup works with: the run, its validated config, the two workers and the signal
// that cancels it. Main thread; the SystemManager makes one per start() and hands it to
// replay-setup.ts or live-setup.ts, which set up every stream while the state is STOPPED. Also
// the setup's first step (the config) and how a failed setup reads.

import { ConfigError, validateReplayConfig, type ReplayConfig, type Speed } from '../core/replay-config';
import type { ReplayRequest } from '../core/url-params';
import type { MarketDataSource } from './market-data-client';
import type { CoordinatorHandle } from './coordinator-client';
import { loadBundledConfig } from './config-loader';
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

/** The design note's "load config": the bundled config named in the request (if any) with the URL's overrides, validated. */
export async function loadReplayConfig(request: ReplayRequest, baseUrl: string, fetchText: (url: string) => Promise<Response>): Promise<ReplayConfig> {
  const input = request.configName ? await loadBundledConfig(request.configName, baseUrl, fetchText) : {};
  // The start is only parsed: its hours are checked in the run's first market once the data names it (SystemManager).
  return validateReplayConfig({ ...input, ...request.overrides });
}

/** A failed setup as the page shows it: a config error names its field (the URL parameter of the same name) at the front. */
export function describeSetupFailure(error: unknown): string {
  if (error instanceof ConfigError) return error.message.startsWith(error.field) ? error.message : `${error.field}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
