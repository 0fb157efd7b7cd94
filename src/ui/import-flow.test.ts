import { describe, expect, it } from 'vitest';
import type { DatasetMeta } from '../system/lab-storage';
import type { ImportReport } from '../system/data-import';
import { IMPORT_TRANSITIONS, ImportFlow, idleImport, nextImportPhase, type ImportEvent, type ImportPhase, type Importer } from './import-flow';

const PHASES: ImportPhase[] = ['idle', 'reading', 'report', 'storing'];
const EVENTS: ImportEvent[] = ['check', 'read', 'readFailed', 'cancel', 'confirm', 'stored', 'storeFailed'];
const LEGAL: Record<string, ImportPhase> = {
  'idle check': 'reading',
  'idle readFailed': 'idle',
  'reading read': 'report',
  'reading readFailed': 'idle',
  'reading cancel': 'idle',
  'report check': 'reading',
  'report cancel': 'idle',
  'report confirm': 'storing',
  'storing stored': 'idle',
  'storing storeFailed': 'report',
};

describe('import phase transitions', () => {
  for (const phase of PHASES) {
    for (const event of EVENTS) {
      const name = `${phase} ${event}`;
      it(name in LEGAL ? `${name} → ${LEGAL[name]}` : `${name} is refused`, () => {
        expect(nextImportPhase(phase, event)).toBe(LEGAL[name] ?? null);
      });
    }
  }
  it('the table holds no move the list above leaves out', () => {
    const moves = PHASES.flatMap((p) => Object.keys(IMPORT_TRANSITIONS[p]).map((e) => `${p} ${e}`));
    expect(moves.sort()).toEqual(Object.keys(LEGAL).sort());
  });
});

const REPORT = { file: 'bars.csv', rowsRead: 3, rowsValid: 3 } as ImportReport;
const META = { name: 'bars.csv', rows: 3 } as DatasetMeta;

/** An importer whose answers the test settles by hand. */
function fakeImporter() {
  const calls: string[] = [];
  let settle: { resolve: (r: ImportReport) => void; reject: (e: Error) => void } | null = null;
  let commitResult: Promise<DatasetMeta> = Promise.resolve(META);
  const read = () => new Promise<ImportReport>((resolve, reject) => (settle = { resolve, reject }));
  const importer: Importer = {
    inspect: (_file, _options, _existing, onProgress) => {
      calls.push('inspect');
      onProgress(0.5);
      return read();
    },
    generateStress: () => {
      calls.push('generateStress');
      return read();
    },
    commit: () => {
      calls.push('commit');
      return commitResult;
    },
    discard: async () => void calls.push('discard'),
    cancel: () => {
      calls.push('cancel');
      settle?.reject(new Error('the import was cancelled; nothing was stored'));
    },
  };
  return {
    importer,
    calls,
    answer: (report: ImportReport) => settle?.resolve(report),
    failCommit: (message: string) => (commitResult = Promise.reject(new Error(message))),
  };
}

function flowWith() {
  const fake = fakeImporter();
  const flow = new ImportFlow(idleImport(), fake.importer, async () => new Map());
  return { flow, ...fake };
}

describe('ImportFlow', () => {
  it('reads a file into a report, then stores it', async () => {
    const { flow, answer, calls } = flowWith();
    const checked = flow.inspect({} as File, { zone: 'UTC', interval: '1m' });
    await Promise.resolve();
    expect(flow.state.phase).toBe('reading');
    expect(flow.canCheck).toBe(false);
    answer(REPORT);
    await checked;
    expect(flow.state).toMatchObject({ phase: 'report', report: REPORT, progress: 0.5, error: null });
    expect(await flow.confirm()).toBe(META);
    expect(flow.state).toMatchObject({ phase: 'idle', report: null, notice: 'Imported 3 rows from bars.csv.' });
    expect(calls).toEqual(['inspect', 'commit']);
  });

  it('a cancelled report stores nothing and says so', async () => {
    const { flow, answer, calls } = flowWith();
    const checked = flow.generateStress(3, 2, 1);
    await Promise.resolve();
    answer(REPORT);
    await checked;
    flow.cancel();
    expect(flow.state).toMatchObject({ phase: 'idle', report: null, notice: 'Nothing from bars.csv was stored.' });
    expect(calls).toEqual(['generateStress', 'discard']);
  });

  it('cancelling a read ends the worker and shows why nothing was stored', async () => {
    const { flow, calls } = flowWith();
    const checked = flow.inspect({} as File, { zone: 'UTC', interval: '1m' });
    await Promise.resolve();
    flow.cancel();
    await checked;
    expect(flow.state).toMatchObject({ phase: 'idle', report: null, error: 'the import was cancelled; nothing was stored' });
    expect(calls).toEqual(['inspect', 'cancel']);
  });

  it('a failed store keeps the report and its error', async () => {
    const { flow, answer, failCommit } = flowWith();
    const checked = flow.inspect({} as File, { zone: 'UTC', interval: '1m' });
    await Promise.resolve();
    answer(REPORT);
    await checked;
    failCommit('storage for this page is full');
    expect(await flow.confirm()).toBeNull();
    expect(flow.state).toMatchObject({ phase: 'report', report: REPORT, error: 'storage for this page is full' });
  });

  it('a second check while reading is ignored; confirming without a report fails loudly', async () => {
    const { flow, calls } = flowWith();
    void flow.inspect({} as File, { zone: 'UTC', interval: '1m' });
    await Promise.resolve();
    await flow.generateStress(1, 1, 1);
    expect(calls).toEqual(['inspect']);
    await expect(flow.confirm()).rejects.toThrow('import: cannot confirm while reading');
  });
});
