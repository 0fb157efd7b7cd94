// Takes the README's screenshots: docs/screenshot.png (the four-symbol day replaying at 360x),
// docs/your-data.png (the Your data view), docs/phone.png (390×844, dark, running) and
// docs/projector.png (1280×720, projector mode, running).
// Needs a preview server: npm run build && npx vite preview --port 4173, then: npm run screenshot
// (BRL_SCREENSHOT_URL=http://127.0.0.1:PORT/ for a server on another port).
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const BASE = process.env.BRL_SCREENSHOT_URL ?? 'http://127.0.0.1:4173/';

const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
const browser = await chromium.launch({ executablePath, args: executablePath ? ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'] : [] });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, timezoneId: 'Europe/Berlin' });
await page.goto(`${BASE}?config=spy-aig-bac-ibm-2013-10-07&speed=360&indicators=sma20,vwap&autostart=1`);
await page.getByTestId('system-state').filter({ hasText: 'RUNNING' }).waitFor();
await page.waitForTimeout(4000);
await page.screenshot({ path: 'docs/screenshot.png' });

// docs/your-data.png: the Your data view with one dataset stored and a report waiting for a choice.
const data = await (await browser.newContext({ viewport: { width: 1440, height: 1000 }, timezoneId: 'Europe/Berlin' })).newPage();
await data.goto(BASE);
await data.getByTestId('view-data').click();
await data.getByTestId('import-file').setInputFiles('tests/fixtures/good/lab-bars.csv');
await data.getByTestId('import-confirm').click();
await data.getByTestId('import-notice').waitFor();
await data.getByTestId('import-file').setInputFiles('tests/fixtures/bad/extra-column.csv');
await data.getByTestId('import-report').waitFor();
await data.getByTestId('view-data').scrollIntoViewIfNeeded();
await data.screenshot({ path: 'docs/your-data.png', fullPage: false, clip: { x: 0, y: 300, width: 1440, height: 700 } });

// docs/phone.png and docs/projector.png: the same replay on a phone (dark) and at a projector.
const shots = [
  { path: 'docs/phone.png', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, colorScheme: 'dark' as const, projector: false },
  { path: 'docs/projector.png', viewport: { width: 1280, height: 720 }, isMobile: false, hasTouch: false, colorScheme: 'light' as const, projector: true },
];
for (const shot of shots) {
  const context = await browser.newContext({ viewport: shot.viewport, isMobile: shot.isMobile, hasTouch: shot.hasTouch, colorScheme: shot.colorScheme, timezoneId: 'Europe/Berlin' });
  const view = await context.newPage();
  await view.goto(`${BASE}?config=spy-aig-bac-ibm-2013-10-07&speed=360`);
  if (shot.projector) await view.getByTestId('projector-toggle').click();
  await view.getByTestId('start').click();
  await view.getByTestId('system-state').filter({ hasText: 'RUNNING' }).waitFor();
  await view.waitForTimeout(3000);
  await view.screenshot({ path: shot.path });
}
await browser.close();
