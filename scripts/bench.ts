// npm run bench: the benchmark suite in headless Chromium. Builds nothing itself (npm run bench
// runs `vite build --mode test` first), serves dist/ with the isolation headers, drives
// tests/bench/ and prints a table; writes bench-results/latest.json. Every figure is measured
// beside its baseline in the same run and reported as a ratio too: these machines are noisy.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const PORT = 4185; // not 4190: fetch refuses that port (ManageSieve is on the "bad ports" list)
const root = new URL('..', import.meta.url).pathname;
const server = spawn(process.execPath, [`${root}node_modules/vite/bin/vite.js`, 'preview', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
server.on('exit', (code) => code !== null && code !== 0 && console.error(`vite preview exited with ${code}`));
const stop = () => server.kill();
process.on('exit', stop);

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    if (await fetch(`http://127.0.0.1:${PORT}/`).then((r) => r.ok, (e: Error) => (i % 20 === 19 && console.log('waiting for vite preview:', e.message, (e as { cause?: unknown }).cause), false))) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('vite preview did not start');
}

/** First-load JavaScript: the module scripts and preloads of index.html, gzipped. */
function firstLoadJsGzip(): number {
  const html = readFileSync(`${root}dist/index.html`, 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  return files.reduce((n, f) => n + gzipSync(readFileSync(`${root}dist/${f}`)).byteLength, 0);
}

await waitForServer();
const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
const browser = await chromium.launch({
  executablePath,
  args: executablePath ? ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'] : [],
});
const page = await browser.newPage();
await page.goto(`http://127.0.0.1:${PORT}/tests/bench/index.html`);
await page.waitForFunction(() => 'bench' in window);
if (!(await page.evaluate(() => window.bench.isolated()))) throw new Error('the bench page is not cross-origin isolated');

type Row = { figure: string; value: string; baseline: string; ratio: string; target: string; met: boolean };
const rows: Row[] = [];
const results: Record<string, unknown> = { date: new Date().toISOString() };

const gate = await page.evaluate(() => window.bench.gate(100));
results.gate = gate;
rows.push({
  figure: 'gate-open latency p50 / p99 (Atomics)',
  value: `${gate.atomics.p50.toFixed(3)} / ${gate.atomics.p99.toFixed(3)} ms`,
  baseline: `poll ${gate.poll.p50.toFixed(1)} / ${gate.poll.p99.toFixed(1)} ms`,
  ratio: `${(gate.poll.p50 / gate.atomics.p50).toFixed(0)}× faster (p50)`,
  target: 'p99 ≤ 0.5 ms',
  met: gate.atomics.p99 <= 0.5,
});

for (const streams of [4, 50, 500]) {
  const m = await page.evaluate(([s]) => window.bench.merge(s, 1_000_000), [streams] as const);
  (results.merge ??= [] as unknown[]) && (results.merge as unknown[]).push(m);
  rows.push({
    figure: `merge throughput, ${streams} streams, 1M bars`,
    value: `${(m.heapBarsPerSec / 1e6).toFixed(1)} M bars/s`,
    baseline: `scan ${(m.scanBarsPerSec / 1e6).toFixed(1)} M bars/s`,
    ratio: `${(m.heapBarsPerSec / m.scanBarsPerSec).toFixed(1)}×`,
    target: streams === 500 ? '≥ 20 M/s, ≥ 10× scan' : '≥ 20 M/s',
    met: m.heapBarsPerSec >= 20e6 && (streams !== 500 || m.heapBarsPerSec >= 10 * m.scanBarsPerSec),
  });
  if (streams === 4) {
    rows.push({ figure: 'memory per queued bar', value: `${m.bytesPerBar} bytes`, baseline: '–', ratio: '–', target: '≤ 64 bytes', met: m.bytesPerBar <= 64 });
  }
}

const setup = await page.evaluate(() => window.bench.setup(100, 26));
results.setup = setup;
rows.push({
  figure: `setup: ${(setup.bars / 1e6).toFixed(2)}M bars from the columnar layout`,
  value: `${(setup.columnarMs / 1000).toFixed(3)} s`,
  baseline: `row-by-row step() ${(setup.rowByRowMs / 1000).toFixed(2)} s`,
  ratio: `${(setup.rowByRowMs / setup.columnarMs).toFixed(0)}× faster`,
  target: '≤ 0.5 s',
  met: setup.columnarMs <= 500,
});

const js = firstLoadJsGzip();
results.firstLoadJsGzip = js;
rows.push({ figure: 'first-load JavaScript (gzip, no wasm or data)', value: `${(js / 1024).toFixed(1)} KB`, baseline: '–', ratio: '–', target: '≤ 150 KB', met: js <= 150 * 1024 });

await browser.close();
stop();

const widths = ['figure', 'value', 'baseline', 'ratio', 'target'].map((k) => Math.max(k.length, ...rows.map((r) => String(r[k as keyof Row]).length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log(line(['figure', 'value', 'baseline', 'ratio', 'target']) + ' met');
console.log(line(widths.map((w) => '-'.repeat(w))) + ' ---');
for (const r of rows) console.log(line([r.figure, r.value, r.baseline, r.ratio, r.target]) + (r.met ? ' yes' : ' NO'));
mkdirSync(`${root}bench-results`, { recursive: true });
writeFileSync(`${root}bench-results/latest.json`, JSON.stringify({ ...results, rows }, null, 2));
console.log(`\nwrote bench-results/latest.json (${rows.filter((r) => r.met).length} of ${rows.length} targets met)`);
process.exit(0);
