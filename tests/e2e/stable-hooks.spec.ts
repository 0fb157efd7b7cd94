// design.md's "Stable hooks", read one by one as an outside test would: each page element exactly
// once, the buttons always rendered and enabled exactly when the note's state machine allows, the
// state reading STOPPED while setup runs, invalid links refused by name with nothing started, and
// every hook added in turn 2 present. Other specs check what the hooks say about a run; this one
// checks the contract itself, so a renamed or doubled hook fails here first.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const BUTTONS = ['start', 'pause', 'resume', 'step', 'stop', 'export-csv'] as const;
type Button = (typeof BUTTONS)[number];

/** Which buttons design.md allows in each state (export-csv: once anything was emitted). */
const ENABLED: Record<string, Record<Button, boolean>> = {
  'STOPPED, nothing emitted': { start: true, pause: false, resume: false, step: false, stop: false, 'export-csv': false },
  RUNNING: { start: false, pause: true, resume: false, step: false, stop: true, 'export-csv': true },
  PAUSED: { start: false, pause: false, resume: true, step: true, stop: true, 'export-csv': true },
  'STOPPED, run complete': { start: true, pause: false, resume: false, step: false, stop: false, 'export-csv': true },
};

async function expectButtons(page: Page, state: keyof typeof ENABLED) {
  for (const id of BUTTONS) {
    const button = page.getByTestId(id);
    await expect(button, `${id} is rendered exactly once (${state})`).toHaveCount(1);
    if (ENABLED[state][id]) await expect(button, `${id} enabled (${state})`).toBeEnabled();
    else await expect(button, `${id} disabled (${state})`).toBeDisabled();
  }
}

test('page elements: one each, exact texts, buttons enabled as the state machine allows', async ({ page }) => {
  // Record every text system-state shows while setup-progress is on the page, from the first frame.
  await page.addInitScript(() => {
    const seen = new Set<string>();
    (window as unknown as { statesDuringSetup: Set<string> }).statesDuringSetup = seen;
    new MutationObserver(() => {
      if (!document.querySelector('[data-testid="setup-progress"]')) return;
      seen.add(document.querySelector('[data-testid="system-state"]')?.textContent ?? '');
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto('./?config=spy-aig-bac-ibm-2013-10-07&speed=60');
  await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
  await expect(page.getByTestId('system-state')).toHaveCount(1);
  await expect(page.getByTestId('emitted-count')).toHaveText(/^\d+$/);
  await expect(page.getByTestId('run-complete')).toHaveCount(0);
  await expect(page.getByTestId('error')).toHaveCount(0);
  await expectButtons(page, 'STOPPED, nothing emitted');

  await page.getByTestId('start').click();
  await expect(page.getByTestId('system-state')).toHaveText('RUNNING');
  await expect(page.getByTestId('emitted-count')).not.toHaveText('0');
  await expect(page.getByTestId('setup-progress')).toHaveCount(0);
  expect(await page.evaluate(() => [...(window as unknown as { statesDuringSetup: Set<string> }).statesDuringSetup])).toEqual(['STOPPED']);
  await expectButtons(page, 'RUNNING');

  await page.getByTestId('pause').click();
  await expect(page.getByTestId('system-state')).toHaveText('PAUSED');
  await expectButtons(page, 'PAUSED');
  const held = await page.getByTestId('emitted-count').textContent();
  await page.getByTestId('step').click();
  await expect(page.getByTestId('emitted-count')).not.toHaveText(held ?? '');
  await expect(page.getByTestId('system-state')).toHaveText('PAUSED');

  await page.getByTestId('stop').click();
  await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
  await expect(page.getByTestId('export-csv')).toBeEnabled();

  await page.goto('./?symbols=SPY&from=2013-10-07&speed=max&autostart=1');
  await expect(page.getByTestId('run-complete')).toHaveCount(1, { timeout: 30_000 });
  await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
  await expect(page.getByTestId('emitted-count')).toHaveText('390');
  await expectButtons(page, 'STOPPED, run complete');
  await page.getByTestId('start').click();
  await expect(page.getByTestId('run-complete')).toHaveCount(1, { timeout: 30_000 }); // removed at the start, back at the end
  await expect(page.getByTestId('emitted-count')).toHaveText('390');
});

test('symbols are case-insensitive, duplicates dropped, order irrelevant', async ({ page }) => {
  await page.goto('./?symbols=ibm,SPY,spy,Ibm&from=2013-10-07&speed=max&autostart=1');
  await expect(page.getByTestId('run-complete')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('error')).toHaveCount(0);
  await expect(page.getByTestId('emitted-count')).toHaveText(String(2 * 390));
});

/** Each link is refused with an error naming its parameter, and nothing starts. */
const REFUSED: [string, string][] = [
  ['from=2013-13-45', 'from'],
  ['speed=-3', 'speed'],
  ['speed=100001', 'speed'],
  ['interval=7m', 'interval'],
  ['hours=overnight', 'hours'],
  ['mode=paper', 'mode'],
  ['db=https://example.com/x.sqlite', 'db'],
];
for (const [param, name] of REFUSED) {
  test(`an invalid link is named and nothing starts: ${param}`, async ({ page }) => {
    const link = new URLSearchParams({ symbols: 'SPY', from: '2013-10-07', autostart: '1' });
    const [key, value] = param.split('=');
    link.set(key, value);
    await page.goto(`./?${link}`);
    await expect(page.getByTestId('error')).toContainText(name);
    await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
    await expect(page.getByTestId('emitted-count')).toHaveText('0');
    await expect(page.getByTestId('start')).toBeEnabled();
  });
}

test('unknown parameters are ignored', async ({ page }) => {
  await page.goto('./?symbols=SPY&from=2013-10-07&speed=max&autostart=1&utm_source=class&colour=blue');
  await expect(page.getByTestId('run-complete')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('error')).toHaveCount(0);
});

/** The views of `view=` and the hooks each must hold (turn 2's additions included). */
const VIEWS: [string, string, string[]][] = [
  ['replay', 'Replay', ['effective-speed', 'step-bar', 'step-back', 'order-buy', 'order-sell', 'export-trades', 'position', 'pnl-realized']],
  ['lab', 'Teaching lab', ['effective-speed']],
  ['data', 'Your data', ['import-market']],
  ['verify', 'Verify', ['verify-states']],
];
for (const [view, tab, hooks] of VIEWS) {
  test(`view=${view} opens its view with its hooks, each exactly once`, async ({ page }) => {
    await page.goto(`./?view=${view}`);
    await expect(page.getByRole('tab', { selected: true })).toHaveText(tab);
    for (const id of [...hooks, ...BUTTONS, 'system-state', 'emitted-count']) await expect(page.getByTestId(id), id).toHaveCount(1);
  });
}
