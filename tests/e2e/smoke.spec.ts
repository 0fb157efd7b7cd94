import { expect, test } from '@playwright/test';

test('smoke', async ({ page }) => {
  page.on('console', (m) => console.log('console:', m.text()));
  page.on('pageerror', (e) => console.log('pageerror:', e.message));
  await page.goto('./?config=spy-aig-bac-ibm-2013-10-07&speed=max&autostart=1');
  await expect(page.getByTestId('run-complete')).toBeVisible({ timeout: 20000 });
  console.log(await page.getByTestId('emitted-count').textContent());
  await page.screenshot({ path: '/tmp/smoke.png', fullPage: true });
});
