// The steps that bring a running replay to a paused one with paper trades: a market buy that the
// next bar fills and a limit buy at $1 that stays open. Runs in Playwright's test runner (Node);
// accessibility.spec.ts and devices.spec.ts reach their trading state with it.
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** Pauses, buys at market, places a limit buy at $1, then takes `steps` item steps: one trade row. */
export async function pauseWithTrade(page: Page, steps: number): Promise<void> {
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('system-state')).toHaveText('PAUSED');
  await page.getByTestId('order-buy').click();
  await page.getByTestId('order-price').fill('1');
  await page.getByTestId('order-place').click();
  for (let i = 0; i < steps; i++) await page.getByTestId('step').click();
  await expect(page.getByTestId('trade-row')).toHaveCount(1);
}
