// The run record's hash is the SHA-256 of the run export's bytes (what `sha256sum` prints).
import { createHash } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { createInProcessManager } from '../testing/in-process-engine';
import { sha256Hex } from '../core/run-export';
import { buildRunRecord } from './run-record';

const manager = createInProcessManager();
afterAll(() => manager.shutdown());

it('a completed run: counts, timings in order, and the export hash', async () => {
  expect(await manager.start({ configName: 'spy-aig-bac-ibm-2013-10-07', overrides: { speed: 'max', symbols: ['IBM'] }, autostart: false })).toBe(true);
  // Bounded: a run that never completes fails here, with what the manager reports, not at the suite's timeout.
  const started = Date.now();
  while (!manager.snapshot().runComplete) {
    const { state, emitted, error } = manager.snapshot();
    if (error !== null || Date.now() - started > 10_000) throw new Error(`the run did not complete (state ${state}, ${emitted} items, error ${error})`);
    await new Promise((r) => setTimeout(r, 5));
  }
  const snap = manager.snapshot();
  const csv = manager.exportCsv();
  const record = buildRunRecord(snap, 'config=spy-aig-bac-ibm-2013-10-07&symbols=IBM&speed=max', await sha256Hex(csv));
  expect(record.outcome).toBe('complete');
  expect(record.output.sha256).toBe(createHash('sha256').update(csv).digest('hex'));
  expect(record.output.rows).toBe(snap.emitted);
  expect(record.counts.expected).toBe(snap.emitted);
  expect(record.counts.streams).toEqual([{ stream: 'bar IBM 1m', emitted: snap.emitted, expected: snap.emitted }]);
  expect(record.timings.setupMs).toBeGreaterThanOrEqual(0);
  expect(record.timings.runMs).toBeGreaterThanOrEqual(0);
  expect(Date.parse(record.endedAt!)).toBeGreaterThanOrEqual(Date.parse(record.gateOpenedAt!));
  expect(JSON.parse(JSON.stringify(record))).toEqual(record);
});
