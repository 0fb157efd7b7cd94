// The run history's record of the run that just ended, read through the page (the "Your data"
// view). Node side of the browser tests: a count the system reports, for tests that must show
// that nothing more arrives after a run ended without waiting a fixed time.
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * Waits until the ended run is in the run history (its record is written after the run ended:
 * the export hashed, then stored in IndexedDB), checks its outcome, and returns its item count.
 * Comes back to the replay view. Expects a fresh page context: this run is the only one recorded.
 */
export async function recordedRun(page: Page, outcome: 'complete' | 'error' | 'stopped'): Promise<number> {
  await page.getByTestId('view-data').click();
  const row = page.getByTestId('run-row');
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-outcome', outcome);
  const items = Number((await row.locator('td.num').textContent())?.replaceAll(',', ''));
  await page.getByTestId('view-replay').click();
  return items;
}
