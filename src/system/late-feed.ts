// The lagging-stream teaching scenario's second half: the rest of a stream arrives after the gate
// has opened, as a slow feed's would. Main thread; SystemManager.start() calls it once the gate
// is open, with the items DataManager held back.

import type { CoordinatorHandle } from './coordinator-client';
import type { LateFeed } from './data-manager';
import type { ReplayRun } from './replay-run';

export function feedLate(run: ReplayRun, coordinator: CoordinatorHandle, feeds: readonly LateFeed[]): void {
  for (const { slot, columns, delayMs } of feeds) {
    setTimeout(() => {
      if (!run.taking) return; // the run ended first
      run.log.mark('setup', `(scenario) the lagging stream's last ${columns.tsStart.length} bars arrive`);
      coordinator.feedStream(slot, columns, true).catch((error: Error) => (run.error = error.message));
    }, delayMs);
  }
}
