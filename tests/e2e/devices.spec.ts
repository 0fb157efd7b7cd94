// Phones, tablets and the projector: the page's layout at 390×844 (touch), 820×1180 and, in
// projector mode, 1280×720. What a user would check: nothing scrolls sideways, the transport is
// reachable while running, one chart column, controls large enough to tap (WCAG 2.2 target size),
// and on the projector the state, clock and first charts on screen after Start. Screenshots go to
// test-results/devices/ (ignored by git) to look at.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { mixedRunAtBerlinTime } from './market-files';
import { pauseWithTrade } from './paper-trading-steps';

const SHOTS = 'test-results/devices/';
const REPLAY = './?config=spy-aig-bac-ibm-2013-10-07&speed=60';
const VIEWS = ['replay', 'lab', 'data', 'verify'] as const;

/** Sets the theme (and projector mode) before the page loads, as a returning visitor's preferences. */
async function preferences(page: Page, theme: 'light' | 'dark', projector = false) {
  await page.addInitScript((stored) => localStorage.setItem('bar-replay-lab:preferences', stored), JSON.stringify({ theme, projector }));
}

/** The page's width in CSS pixels against the device's: a mobile browser widens its layout viewport to fit wide content, so innerWidth alone would hide it. */
async function pageWidth(page: Page) {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth }));
}

async function expectNoSidewaysScroll(page: Page, where: string) {
  const width = page.viewportSize()?.width ?? 0;
  const { scrollWidth, innerWidth } = await pageWidth(page);
  expect(scrollWidth, `page width (${where})`).toBeLessThanOrEqual(width);
  expect(scrollWidth, `page width vs innerWidth (${where})`).toBeLessThanOrEqual(innerWidth);
}

/**
 * Every visible control at least 24×24 px, or (WCAG 2.2's spacing exception) a 24 px circle on
 * its centre that meets no other control and no other small control's circle.
 */
async function undersizedControls(page: Page, scope?: string): Promise<string[]> {
  return page.evaluate((scope) => {
    const selector = 'button, input, select, textarea, a[href], summary, [tabindex]:not([tabindex="-1"])';
    const open = document.querySelector('dialog[open]');
    const controls = [...(open ?? document).querySelectorAll<HTMLElement>(selector)].filter((e) => {
      const box = e.getBoundingClientRect();
      const style = getComputedStyle(e);
      return box.width > 1 && box.height > 1 && style.visibility !== 'hidden' && !e.closest('.visually-hidden') && !e.closest('[hidden]');
    });
    const boxes = controls.map((e) => e.getBoundingClientRect());
    const small = (b: DOMRect) => b.width < 24 || b.height < 24;
    const centre = (b: DOMRect) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });
    const distanceToBox = (p: { x: number; y: number }, b: DOMRect) =>
      Math.hypot(Math.max(b.left - p.x, 0, p.x - b.right), Math.max(b.top - p.y, 0, p.y - b.bottom));
    return controls.flatMap((e, i) => {
      const b = boxes[i];
      if (!small(b) || (scope && !e.closest(scope))) return [];
      const c = centre(b);
      const spaced = boxes.every((other, j) => {
        if (j === i || controls[j].contains(e) || e.contains(controls[j])) return true;
        if (small(other)) {
          const o = centre(other);
          return Math.hypot(o.x - c.x, o.y - c.y) >= 24;
        }
        return distanceToBox(c, other) >= 12;
      });
      const name = `${e.tagName.toLowerCase()}${e.getAttribute('type') ? `[${e.getAttribute('type')}]` : ''} "${(e.getAttribute('aria-label') ?? e.textContent ?? '').trim().slice(0, 30)}"`;
      return spaced ? [] : [`${name} ${Math.round(b.width)}×${Math.round(b.height)}`];
    });
  }, scope);
}

async function openView(page: Page, view: (typeof VIEWS)[number]) {
  await page.getByTestId(`view-${view}`).click();
  await expect(page.getByTestId(`view-${view}`)).toHaveAttribute('aria-selected', 'true');
}

/** The x of each chart: one column means they all start at the same x. */
const chartColumns = (page: Page) =>
  page.getByTestId('chart').evaluateAll((charts) => new Set(charts.map((c) => Math.round(c.getBoundingClientRect().x))).size);

const DEVICES = [
  { name: 'phone', width: 390, height: 844, touch: true },
  { name: 'tablet', width: 820, height: 1180, touch: true },
] as const;

for (const device of DEVICES) {
  test.describe(`${device.name} ${device.width}×${device.height}`, () => {
    test.use({ viewport: { width: device.width, height: device.height }, hasTouch: device.touch, isMobile: true });

    for (const theme of ['light', 'dark'] as const) {
      test(`every view fits the width, idle and running; the transport stays reachable; controls ≥ 24 px (${theme})`, async ({ page }) => {
        test.slow(); // three views twice, a replay and two dialogs on a shared machine
        await preferences(page, theme);
        await page.goto(REPLAY);
        await expect(page.getByTestId('start')).toBeEnabled();
        const tag = `${device.name}-${theme}`;

        for (const view of VIEWS) {
          await openView(page, view);
          await expectNoSidewaysScroll(page, `${view}, idle`);
          expect(await undersizedControls(page), `controls under 24 px (${view}, idle)`).toEqual([]);
          await page.screenshot({ path: `${SHOTS}${tag}-idle-${view}.png`, fullPage: true });
        }
        // Idle, the transport stays in the page: it does not cover a quarter of a phone's screen.
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        await expect(page.getByTestId('start')).not.toBeInViewport();
        await page.evaluate(() => window.scrollTo(0, 0));

        for (const dialog of ['help', 'about'] as const) {
          await page.getByTestId(`${dialog}-button`).click();
          const box = page.getByTestId(dialog === 'help' ? 'help-overlay' : 'about-panel');
          await expect(box).toBeVisible();
          await expectNoSidewaysScroll(page, `${dialog} dialog`);
          const { x, width } = (await box.boundingBox()) ?? { x: -1, width: Infinity };
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x + width).toBeLessThanOrEqual(device.width);
          expect(await undersizedControls(page), `controls under 24 px (${dialog} dialog)`).toEqual([]);
          await page.screenshot({ path: `${SHOTS}${tag}-${dialog}.png` });
          await box.getByRole('button', { name: 'Close' }).click();
          await expect(box).toBeHidden();
        }

        await openView(page, 'replay');
        await page.getByTestId('start').click();
        await expect(page.getByTestId('system-state')).toHaveText('RUNNING');
        await expect.poll(async () => Number(await page.getByTestId('emitted-count').textContent())).toBeGreaterThan(8);
        await expect(page.getByTestId('chart')).toHaveCount(4);
        await expect.poll(() => chartColumns(page)).toBe(1);

        for (const view of VIEWS) {
          await openView(page, view);
          await expectNoSidewaysScroll(page, `${view}, running`);
          expect(await undersizedControls(page), `controls under 24 px (${view}, running)`).toEqual([]);
          // Scrolled to the end of the page, the transport is still on screen and usable.
          await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
          await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(0);
          for (const id of ['pause', 'stop', 'start', 'resume', 'step', 'step-back', 'step-bar']) await expect(page.getByTestId(id)).toBeInViewport({ ratio: 1 });
          await expect(page.getByTestId('speed-value')).toBeInViewport();
          await page.screenshot({ path: `${SHOTS}${tag}-running-${view}.png` });
          await page.evaluate(() => window.scrollTo(0, 0));
        }

        // Pause and Stop are reached with a tap from the bottom of the replay view.
        await openView(page, 'replay');
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        await page.getByTestId('pause').tap();
        await expect(page.getByTestId('system-state')).toHaveText('PAUSED');
        await page.getByTestId('stop').tap();
        await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
        await expectNoSidewaysScroll(page, 'replay, stopped');
      });
    }
  });
}

test.describe('phone 390×844: the import report of issue 15', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  test('a daily file read as minutes and a bad typed symbol: the notice, the 1d button and the symbol message fit, controls ≥ 24 px', async ({ page }) => {
    await page.goto('./');
    await openView(page, 'data');
    await page.getByTestId('import-symbol').fill('<b>x</b>');
    const csv = 'symbol,date,open,high,low,close,volume\nLABQ,2013-10-07,10,11,9,10.5,100\nLABQ,2013-10-08,10,11,9,10.5,100\n';
    await page.getByTestId('import-file').setInputFiles({ name: 'daily.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect(page.getByTestId('import-as-daily')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('import-symbol-problem')).toBeVisible();
    await expectNoSidewaysScroll(page, 'import report, daily');
    expect(await undersizedControls(page), 'controls under 24 px').toEqual([]);
    await page.screenshot({ path: `${SHOTS}phone-import-daily.png`, fullPage: true });
  });
});

test.describe('projector 1280×720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  for (const theme of ['light', 'dark'] as const) {
    test(`after Start the state, clock and first charts are on screen; diagram labels ≥ 18 px; no cut sequence row (${theme})`, async ({ page }) => {
      await preferences(page, theme);
      await page.goto(REPLAY);
      await expect(page.getByTestId('start')).toBeEnabled();
      await page.getByTestId('projector-toggle').click();
      await expect(page.locator('html')).toHaveAttribute('data-projector', '');
      await page.getByTestId('start').click();
      await expect(page.getByTestId('system-state')).toHaveText('RUNNING');
      await expect(page.getByTestId('chart')).toHaveCount(4);
      await expect.poll(async () => Number(await page.getByTestId('emitted-count').textContent())).toBeGreaterThan(4);
      expect(await page.evaluate(() => scrollY)).toBe(0);
      await expectNoSidewaysScroll(page, 'projector');

      await expect(page.getByTestId('system-state')).toBeInViewport({ ratio: 1 });
      await expect(page.getByTestId('backtest-clock')).toBeInViewport({ ratio: 1 });
      const charts = await page.getByTestId('chart').evaluateAll((all) => all.map((c) => c.getBoundingClientRect().toJSON() as DOMRect));
      const top = Math.min(...charts.map((c) => c.y));
      const firstRow = charts.filter((c) => Math.abs(c.y - top) < 2);
      expect(firstRow.length).toBeGreaterThan(0);
      for (const c of firstRow) {
        expect(c.y).toBeGreaterThanOrEqual(0);
        expect(c.y + c.height).toBeLessThanOrEqual(720);
        expect(c.x + c.width).toBeLessThanOrEqual(1280);
      }

      // Every label of the state machine, as drawn (its font size times the drawing's scale).
      const labels = await page.locator('[aria-labelledby="state-heading"] svg text').evaluateAll((texts) =>
        texts.map((t) => ({ text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * ((t as SVGTextElement).getScreenCTM()?.a ?? 0) })),
      );
      expect(labels.length).toBeGreaterThanOrEqual(8);
      for (const label of labels) expect(label.px, `"${label.text}" on screen`).toBeGreaterThanOrEqual(18);
      await page.screenshot({ path: `${SHOTS}projector-${theme}-running.png` });

      // The startup sequence box: at its top, at its end and mid-way, no row is cut by its edges.
      const box = page.getByRole('region', { name: 'Startup sequence steps' });
      await expect(page.getByTestId('sequence-step').first()).toBeVisible();
      await expect.poll(() => page.getByTestId('sequence-step').count()).toBeGreaterThan(12);
      await box.scrollIntoViewIfNeeded();
      const cutRows = (position: 'top' | 'middle' | 'end') =>
        box.evaluate(async (scroller, where) => {
          scroller.scrollTop = where === 'top' ? 0 : where === 'end' ? scroller.scrollHeight : scroller.scrollHeight / 2;
          // The box snaps to a row after a programmatic scroll: wait until it has settled.
          let last = -1;
          while (last !== scroller.scrollTop) {
            last = scroller.scrollTop;
            await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
          }
          const view = scroller.getBoundingClientRect();
          const head = scroller.querySelector('thead')?.getBoundingClientRect().height ?? 0;
          const top = view.top + scroller.clientTop + head;
          const bottom = view.top + scroller.clientTop + scroller.clientHeight;
          return [...scroller.querySelectorAll('tbody tr')].flatMap((row, i) => {
            const r = row.getBoundingClientRect();
            const straddles = (edge: number) => r.top < edge - 1 && r.bottom > edge + 1;
            return straddles(top) || straddles(bottom) ? [`T${i} ${r.top.toFixed(1)}–${r.bottom.toFixed(1)} in ${top.toFixed(1)}–${bottom.toFixed(1)}`] : [];
          });
        }, position);
      for (const where of ['top', 'middle', 'end'] as const) expect(await cutRows(where), `rows cut at the ${where}`).toEqual([]);
      await page.screenshot({ path: `${SHOTS}projector-${theme}-sequence.png` });
      await page.getByTestId('stop').click();
      await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
    });
  }
});

// Issue 17's controls at every size and theme: the trading panel with a trade and an open order,
// indicators on the chart with the picker open, and the money lesson; nothing scrolls sideways and
// every control is large enough to tap.
const SIZES = [
  { width: 390, height: 844, mobile: true },
  { width: 820, height: 1180, mobile: true },
  { width: 1280, height: 720, mobile: false },
  { width: 1920, height: 1080, mobile: false },
] as const;
for (const size of SIZES) {
  test.describe(`trading and indicators ${size.width}×${size.height}`, () => {
    test.use({ viewport: { width: size.width, height: size.height }, hasTouch: size.mobile, isMobile: size.mobile });
    for (const theme of ['light', 'dark'] as const) {
      test(`the trading panel, indicators and the money lesson fit; controls ≥ 24 px (${theme})`, async ({ page }) => {
        await preferences(page, theme);
        await page.goto('./?symbols=SPY,IBM&from=2013-10-07&speed=600&indicators=sma20,ema50,vwap,bb20,rsi14&autostart=1');
        await expect.poll(async () => Number(await page.getByTestId('emitted-count').textContent()), { timeout: 30_000 }).toBeGreaterThan(60);
        await pauseWithTrade(page, 2);
        for (const picker of await page.getByTestId('chart-indicators').all()) await picker.locator('summary').click();
        await expect(page.getByTestId('chart-indicator-legend').first()).toContainText('sma20');
        await expectNoSidewaysScroll(page, 'trading');
        // Issue 17's controls: the charts' pickers and the trading panel (the replay panel's own are issue 14's).
        expect(await undersizedControls(page, '.charts, .trading'), 'controls under 24 px (trading)').toEqual([]);
        await page.getByTestId('position').scrollIntoViewIfNeeded();
        await page.screenshot({ path: `${SHOTS}trading-${size.width}-${theme}.png`, fullPage: true });

        await openView(page, 'lab');
        await page.getByTestId('lesson-money-run').click();
        await expect(page.getByTestId('lesson-equity')).toBeVisible({ timeout: 30_000 });
        await expectNoSidewaysScroll(page, 'money lesson');
        expect(await undersizedControls(page, '.lesson'), 'controls under 24 px (money lesson)').toEqual([]);
        await page.getByTestId('lesson-money').scrollIntoViewIfNeeded();
        await page.screenshot({ path: `${SHOTS}lesson-${size.width}-${theme}.png` });
      });
    }
  });
}


// Issue 18's clocks and "go to" of a run mixing markets, at every size and theme: a clock per
// market beside the backtest clock, the market picker of "go to", each chart's markers in its own
// market's time; nothing scrolls sideways and every control is large enough to tap.
for (const size of SIZES) {
  test.describe(`market clocks ${size.width}×${size.height}`, () => {
    test.use({ viewport: { width: size.width, height: size.height }, hasTouch: size.mobile, isMobile: size.mobile });
    for (const theme of ['light', 'dark'] as const) {
      test(`a clock per market and go to in a market's time fit; controls ≥ 24 px (${theme})`, async ({ page }) => {
        await preferences(page, theme);
        await mixedRunAtBerlinTime(page);
        for (const id of ['us-equities', 'xetra', 'tse']) await expect(page.getByTestId(`clock-market-${id}`)).toBeVisible();
        await expectNoSidewaysScroll(page, 'market clocks');
        expect(await undersizedControls(page, '.transport, section.figures'), 'controls under 24 px (clocks, go to)').toEqual([]);
        // Every clock is whole on the screen once scrolled to, and no line of it runs out of its panel.
        const clocks = page.getByTestId('market-clocks');
        await clocks.scrollIntoViewIfNeeded();
        const panel = (await page.getByRole('region', { name: 'Live figures' }).boundingBox()) ?? { x: 0, width: 0 };
        for (const box of await clocks.locator('li').evaluateAll((items) => items.map((li) => li.getBoundingClientRect().toJSON() as DOMRect))) {
          expect(box.x).toBeGreaterThanOrEqual(panel.x);
          expect(box.x + box.width).toBeLessThanOrEqual(panel.x + panel.width);
        }
        await page.screenshot({ path: `${SHOTS}market-clocks-${size.width}-${theme}.png` });
        await page.locator('#transport').screenshot({ path: `${SHOTS}market-goto-${size.width}-${theme}.png` });
        await page.screenshot({ path: `${SHOTS}market-charts-${size.width}-${theme}.png`, fullPage: true });
      });
    }
  });
}
