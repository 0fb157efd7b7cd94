// The teaching scenarios' held-back items, released by events in the run and never by a timer:
// a stream set up late arrives when the coordinator has taken all it may, and a lagging stream's
// second half when, after the gate opened, the coordinator runs out of items. So the same stream
// is overtaken at the same item on every machine. Main thread; DataManager and SystemManager.start().

import type { CoordinatorHandle } from './coordinator-client';
import type { LateFeed } from './data-manager';
import type { ReplayRun } from './replay-run';

/**
 * Resolves at the coordinator's next wait with nothing it may take (CoordinatorApi.watchQuiet):
 * at the gate or idle, before the gate opened or after it, as asked; or when the run fails first.
 */
export async function coordinatorQuiet(run: ReplayRun, coordinator: CoordinatorHandle, afterGate: boolean): Promise<void> {
  const quiet = new Promise<void>((resolve) => (run.quietWaiter = resolve));
  await coordinator.watchQuiet(afterGate);
  return quiet;
}

/** The lagging stream's rest: fed once the coordinator, running, has taken every item it could. */
export async function feedLate(run: ReplayRun, coordinator: CoordinatorHandle, feeds: readonly LateFeed[]): Promise<void> {
  for (const { slot, columns } of feeds) {
    await coordinatorQuiet(run, coordinator, true);
    if (!run.taking) return; // the run ended first
    run.log.mark('setup', `(scenario) the lagging stream's last ${columns.tsStart.length} bars arrive: the coordinator had run out of items`);
    await coordinator.feedStream(slot, columns, true).catch((error: Error) => (run.error = error.message));
  }
}
