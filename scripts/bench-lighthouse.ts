// The bench's lighthouse figure (Node; called by scripts/bench.ts, `npm run bench -- lighthouse`):
// Lighthouse 12.2.3 on the built site, served by the bench's own server, in Debian's Chromium with
// no network. Performance, accessibility and best practices, mobile preset, median of a few runs.
import { existsSync } from 'node:fs';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { calibratedMultiplier } from './lighthouse-calibration';

const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
export const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface LighthouseRun {
  scores: Record<Category, number>;
  benchmarkIndex: number;
  cpuSlowdownMultiplier: number;
  metrics: Record<string, string>;
  /** Audits below a full score in the three categories, with their weight (0: informative). */
  findings: string[];
}

async function runOnce(url: string, port: number, cpuSlowdownMultiplier?: number): Promise<LighthouseRun> {
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: [...CATEGORIES],
    ...(cpuSlowdownMultiplier === undefined ? {} : { throttling: { cpuSlowdownMultiplier } }),
  } as Parameters<typeof lighthouse>[1]);
  if (!result) throw new Error('Lighthouse returned no result');
  const lhr = result.lhr;
  if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)])) as Record<Category, number>;
  const metrics = Object.fromEntries(['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'].map((id) => [id, lhr.audits[id]?.displayValue ?? '?']));
  const findings = CATEGORIES.flatMap((c) => (lhr.categories[c]?.auditRefs ?? [])
    .filter((ref) => { const score = lhr.audits[ref.id]?.score; return score !== null && score !== undefined && score < 1; })
    .map((ref) => `${c}: ${ref.id} (score ${lhr.audits[ref.id].score}, weight ${ref.weight})${lhr.audits[ref.id].displayValue ? ` ${lhr.audits[ref.id].displayValue}` : ''}`));
  return { scores, benchmarkIndex: lhr.environment.benchmarkIndex, cpuSlowdownMultiplier: lhr.configSettings.throttling.cpuSlowdownMultiplier, metrics, findings };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * One run with Lighthouse's defaults (4×), whose benchmark index sets the multiplier of the
 * `runs` calibrated runs after it; each calibrated run recalibrates from the one before, since
 * the load on a shared machine changes. Returns the default run and the calibrated median. Five
 * runs: Lighthouse's docs (docs/variability.md, "run Lighthouse multiple times") find that the
 * median of five halves the spread of one run.
 */
export async function lighthouseFigure(url: string, runs = 5) {
  const chromePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: FLAGS });
  try {
    const uncalibrated = await runOnce(url, chrome.port);
    const calibrated: LighthouseRun[] = [];
    let index = uncalibrated.benchmarkIndex;
    for (let i = 0; i < runs; i++) {
      const run = await runOnce(url, chrome.port, calibratedMultiplier(index));
      calibrated.push(run);
      index = run.benchmarkIndex;
    }
    const scores = Object.fromEntries(CATEGORIES.map((c) => [c, median(calibrated.map((r) => r.scores[c]))])) as Record<Category, number>;
    return { scores, calibrated, uncalibrated };
  } finally {
    chrome.kill();
  }
}
