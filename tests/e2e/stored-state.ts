// The Data view's shared steps for browser tests that import files: open the view, and read back
// everything the lab keeps in IndexedDB, so a test can say that a refused file changed nothing.
// Runs in Playwright's Node process; the reading itself runs in the page.
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** Everything the lab keeps in IndexedDB, as comparable text (no database yet: "absent"). */
export function storedState(page: Page): Promise<string> {
  return page.evaluate(async () => {
    // Opening a database that does not exist would create it empty, so look first.
    if (!(await indexedDB.databases()).some((d) => d.name === 'bar-replay-lab')) return 'absent';
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('bar-replay-lab');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = (store: string) =>
      new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const chunks = (await all('chunks')) as { dataset: string; symbol: string; day: string; ts: Float64Array; values: Float64Array[] }[];
    const state = JSON.stringify({
      datasets: await all('datasets'),
      chunks: chunks.map((c) => [c.dataset, c.symbol, c.day, [...c.ts], c.values.map((v) => [...v])]),
      configs: await all('configs'),
    });
    db.close();
    return state;
  });
}

export async function openData(page: Page) {
  await page.getByTestId('view-data').click();
  await expect(page.getByTestId('import-file')).toBeAttached();
}

/** Saves the replay on the panel under `name` (Your data), then opens a fresh page and loads it back. */
export async function saveAndLoadReplay(page: Page, name: string) {
  await openData(page);
  await page.getByTestId('config-name').fill(name);
  await page.getByTestId('config-save').click();
  await expect(page.getByTestId('saved-config')).toHaveCount(1);
  await page.goto('./');
  await openData(page);
  await page.getByTestId('config-load').click();
}
