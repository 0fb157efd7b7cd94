// The real engine in one thread, for Node unit tests: the real BacktestStreamCoordinator on the
// real message-based (fallback) gate over real MessageChannels, and the real
// MarketDataRepository on sql.js reading files from public/. Only the Worker boundary is absent.

import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import initSqlJs from 'sql.js';
import { ControlBlock } from '../core/control-block';
import type { MarketDataSource } from '../system/market-data-client';
import { MarketDataRepository } from '../data/market-data-repository';
import { CombinedRepository } from '../data/combined-repository';
import { DataError } from '../data/data-error';
import { inflateIfGzip } from '../data/gzip-file';
import { BacktestStreamCoordinator } from '../worker/backtest-stream-coordinator';
import type { CoordinatorEvent } from '../worker/coordinator-api';
import type { CoordinatorClientOptions, CoordinatorHandle } from '../system/coordinator-client';
import { SystemManager, type SystemManagerDeps } from '../system/system-manager';
import { MessagePageGate } from '../system/page-gate';
import { createTaskYield, MessageWorkerGate } from '../worker/worker-gate';
import { ensureDefined } from '../core/assert';

export const PUBLIC_DIR = fileURLToPath(new URL('../../public/', import.meta.url));
export const TEST_BASE_URL = 'http://lab.test/';

export async function createInProcessCoordinator(options: CoordinatorClientOptions): Promise<CoordinatorHandle> {
  const control = new MessageChannel();
  const events = new MessageChannel();
  const gate = new MessagePageGate(ControlBlock.create(false), control.port1);
  const coordinator = new BacktestStreamCoordinator(
    new MessageWorkerGate(control.port2, createTaskYield()),
    (event, transfer) => events.port2.postMessage(event, transfer ?? []),
    () => performance.timeOrigin + performance.now(),
  );
  let exited: (() => void) | null = null;
  events.port1.onmessage = (message: MessageEvent<CoordinatorEvent>) => {
    const event = message.data;
    if (event.kind === 'exited') exited?.();
    options.onEvent(event);
  };
  const loop = coordinator.run();
  const close = () => [control.port1, control.port2, events.port1, events.port2].forEach((p) => p.close());
  // Calls cross "the boundary" on a later task, as a worker's would.
  const later = <T>(action: () => T) =>
    new Promise<T>((resolve, reject) =>
      setTimeout(() => {
        try {
          resolve(action());
        } catch (error) {
          reject(error);
        }
      }),
    );
  return {
    gate,
    clearStreams: (plan) => later(() => coordinator.clearStreams(plan)),
    registerStream: (key) => later(() => coordinator.registerStream(key)),
    feedStream: (slot, columns, final) => later(() => coordinator.feedStream(slot, columns, final)),
    watchQuiet: (afterGate) => later(() => coordinator.watchQuiet(afterGate)),
    async shutdown() {
      const done = new Promise<void>((resolve) => (exited = resolve));
      gate.shutdown();
      await Promise.all([done, loop]);
      close();
      return true;
    },
    terminate: close,
  };
}

/** Reads files below public/ for URLs below TEST_BASE_URL, or a test's own file from `files` (by path below it). */
export function createInProcessData(files: ReadonlyMap<string, Uint8Array> = new Map()): MarketDataSource {
  let repository: MarketDataRepository | null = null;
  let openUrl: string | null = null;
  return {
    failed: null,
    async open(url, label) {
      if (openUrl === url && repository) return repository.catalog();
      const path = url.slice(TEST_BASE_URL.length);
      const bytes = files.get(path) ?? await readFile(PUBLIC_DIR + path).catch(() => {
        throw new DataError(`could not load ${label}: the server answered 404 Not Found`);
      });
      repository = MarketDataRepository.open(await initSqlJs(), await inflateIfGzip(new Uint8Array(bytes), label), label);
      openUrl = url;
      return repository.catalog();
    },
    // Node has no IndexedDB: the file is the only source here (imports are tested in the browser).
    async sources() {
      return repository ? [{ label: repository.label, entries: repository.catalog() }] : [];
    },
    async getBarsBySymbol(symbol, interval, from, to, hours) {
      return ensureDefined(repository, 'the repository (open() first)').getBarsBySymbol(symbol, interval, from, to, hours);
    },
    async getItems(key, from, to, hours) {
      return ensureDefined(repository, 'the repository (open() first)').getItems(key, from, to, hours);
    },
    async account(keys, from, to, hours) {
      return new CombinedRepository([ensureDefined(repository, 'the repository (open() first)')]).account(keys, from, to, hours);
    },
    terminate() {
      repository?.close();
    },
  };
}

/** fetch() for bundled configs below public/. */
export async function fetchPublic(url: string): Promise<Response> {
  try {
    return new Response(await readFile(PUBLIC_DIR + url.slice(TEST_BASE_URL.length)));
  } catch {
    return new Response('not found', { status: 404, statusText: 'Not Found' });
  }
}

/** A SystemManager on the in-process engine and the bundled files (fallback gate). */
export function createInProcessManager(overrides: Partial<SystemManagerDeps> = {}): SystemManager {
  return new SystemManager({
    baseUrl: TEST_BASE_URL,
    shared: false,
    clock: () => performance.timeOrigin + performance.now(),
    fetchText: fetchPublic,
    createCoordinator: createInProcessCoordinator,
    createData: () => createInProcessData(),
    ...overrides,
  });
}
