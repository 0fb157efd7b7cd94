// Takes docs/screenshot.png for the README: the four-symbol day replaying at 360x.
// Needs a preview server: npm run build && npx vite preview --port 4173, then: npm run screenshot
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
const browser = await chromium.launch({ executablePath, args: executablePath ? ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'] : [] });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, timezoneId: 'Europe/Berlin' });
await page.goto('http://127.0.0.1:4173/?config=spy-aig-bac-ibm-2013-10-07&speed=360&autostart=1');
await page.getByTestId('system-state').filter({ hasText: 'RUNNING' }).waitFor();
await page.waitForTimeout(4000);
await page.screenshot({ path: 'docs/screenshot.png' });
await browser.close();
