// Draws the app's icon (three candlesticks on a dark panel) and writes the PNGs in public/icons/:
// the tab's favicon and the ones the web app manifest lists. Runs under Node (`npm run icons`); Chromium
// renders the SVG, so no image library is needed. The PNGs are committed: a build needs no browser.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

/** One candle: its centre x, wick top and bottom, body top and bottom (in a 100-unit box), rising or falling. */
const CANDLES = [
  { x: 28, wick: [22, 78], body: [36, 66], up: true },
  { x: 50, wick: [28, 86], body: [40, 74], up: false },
  { x: 72, wick: [14, 64], body: [24, 50], up: true },
] as const;

/**
 * The icon as SVG. `maskable`: the panel fills the whole square (the platform cuts its own shape)
 * and the candles keep inside the central safe circle (radius 40%); otherwise a rounded panel.
 */
export function iconSvg(maskable: boolean): string {
  // Maskable: the glyph shrinks into the safe circle (radius 40 units) around the centre.
  const scale = maskable ? 0.8 : 1; // the farthest point of the glyph lies 42 units out: 34 after scaling
  const offset = 50 - 50 * scale;
  const candles = CANDLES.map((c) => {
    const colour = c.up ? '#7fd1a0' : '#f08a8a';
    return `<line x1="${c.x}" y1="${c.wick[0]}" x2="${c.x}" y2="${c.wick[1]}" stroke="${colour}" stroke-width="4" stroke-linecap="round"/>` +
      `<rect x="${c.x - 8}" y="${c.body[0]}" width="16" height="${c.body[1] - c.body[0]}" rx="2" fill="${colour}"/>`;
  }).join('');
  const panel = maskable ? '<rect width="100" height="100" fill="#1d2430"/>' : '<rect width="100" height="100" rx="20" fill="#1d2430"/>';
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">${panel}<g transform="translate(${offset} ${offset}) scale(${scale})">${candles}</g></svg>`;
}

/** The files the manifest lists: name, size in pixels, maskable or not. */
export const ICONS = [
  { file: 'icon-192.png', size: 192, maskable: false },
  { file: 'icon-512.png', size: 512, maskable: false },
  { file: 'icon-maskable-512.png', size: 512, maskable: true },
] as const;

/**
 * The tab's icon, index.html's <link rel="icon">: a PNG, not favicon.svg — Chromium decodes an SVG
 * icon as a document of its own on the page's main thread (20–30 ms of a phone's first load).
 */
export const FAVICON = { file: 'favicon-48.png', size: 48, maskable: false } as const;

if (process.argv[1]?.endsWith('build-icons.ts')) {
  const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
  const browser = await chromium.launch({ executablePath, args: executablePath ? ['--no-sandbox', '--disable-gpu'] : [] });
  const out = new URL('../public/icons/', import.meta.url);
  mkdirSync(out, { recursive: true });
  for (const icon of [...ICONS, FAVICON]) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size }, deviceScaleFactor: 1 });
    await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:100vw;height:100vh}</style>${iconSvg(icon.maskable)}`);
    writeFileSync(new URL(icon.file, out), await page.screenshot({ omitBackground: true, type: 'png' }));
    await page.close();
    console.log(`public/icons/${icon.file}: ${icon.size}×${icon.size}${icon.maskable ? ', maskable' : ''}`);
  }
  await browser.close();
}
