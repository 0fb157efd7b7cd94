// Control fuzz on the real engine (in one thread, fallback gate): the seeded driver of
// src/testing/control-fuzz.ts; the browser runs the same driver on real workers
// (tests/e2e/control-fuzz.spec.ts).
import { afterAll, expect, it } from 'vitest';
import { createInProcessManager } from '../testing/in-process-engine';
import { runControlFuzz } from '../testing/control-fuzz';

const manager = createInProcessManager();
afterAll(() => manager.shutdown());

it('2,000 seeded random operations leave the system legal and every completed run whole', async () => {
  const result = await runControlFuzz(manager, 2013, 2000);
  expect(result.completed).toBeGreaterThan(5);
  expect(result.checked).toBeGreaterThan(1000);
}, 120_000);
