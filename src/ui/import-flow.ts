// The import's phases on the Data view: idle → reading (the worker reads and checks a file, or
// generates the stress dataset) → report (the person chooses) → storing → idle. Main thread; a
// plain class the import panel drives and draws. Its state object is handed in, so the component
// passes a Svelte $state object (drawn as it changes) and a Node test passes a plain one.

import { assert } from '../core/assert';
import type { DatasetMeta } from '../system/lab-storage';
import type { ExistingData, ImportOptions, ImportReport } from '../system/data-import';

export type ImportPhase = 'idle' | 'reading' | 'report' | 'storing';

/** What happens to an import: the person's choices and the worker's answers. */
export type ImportEvent = 'check' | 'read' | 'readFailed' | 'cancel' | 'confirm' | 'stored' | 'storeFailed';

/** Each phase's legal moves; any other move is a bug and fails loudly. */
export const IMPORT_TRANSITIONS: Readonly<Record<ImportPhase, Partial<Record<ImportEvent, ImportPhase>>>> = {
  // readFailed while idle: a cancelled read's rejection arrives after the cancel ("nothing was stored").
  idle: { check: 'reading', readFailed: 'idle' },
  reading: { read: 'report', readFailed: 'idle', cancel: 'idle' },
  // A new file while a report waits replaces the report.
  report: { check: 'reading', cancel: 'idle', confirm: 'storing' },
  // A failed store (a full disk) keeps the report, so the person sees it and may cancel.
  storing: { stored: 'idle', storeFailed: 'report' },
};

export function nextImportPhase(phase: ImportPhase, event: ImportEvent): ImportPhase | null {
  return IMPORT_TRANSITIONS[phase][event] ?? null;
}

/** What the panel draws. */
export interface ImportFlowState {
  phase: ImportPhase;
  /** 0…1 while reading a file. */
  progress: number;
  report: ImportReport | null;
  error: string | null;
  /** The Data view's one line of news (imported, nothing stored, deleted, saved). */
  notice: string | null;
}

export function idleImport(): ImportFlowState {
  return { phase: 'idle', progress: 0, report: null, error: null, notice: null };
}

/** The import worker, as the flow uses it (system/data-import's ImportClient). */
export interface Importer {
  inspect(file: File, options: ImportOptions, existing: ExistingData, onProgress: (fraction: number) => void): Promise<ImportReport>;
  generateStress(symbols: number, days: number, seed: number, existing: ExistingData): Promise<ImportReport>;
  commit(): Promise<DatasetMeta>;
  discard(): Promise<void>;
  cancel(): void;
}

export class ImportFlow {
  constructor(
    readonly state: ImportFlowState,
    private readonly importer: Importer,
    /** What the lab holds already, so a symbol's day comes from one source. */
    private readonly existing: () => Promise<ExistingData>,
  ) {}

  /** A file can be chosen or a dataset generated: nothing is being read or stored. */
  get canCheck(): boolean {
    return nextImportPhase(this.state.phase, 'check') !== null;
  }

  /** Reads a file into a report that waits for the person's choice. */
  inspect(file: File, options: ImportOptions): Promise<void> {
    return this.check((existing) => this.importer.inspect(file, options, existing, (fraction) => (this.state.progress = fraction)));
  }

  /** Generates the seeded stress dataset into a report, like a file. */
  generateStress(symbols: number, days: number, seed: number): Promise<void> {
    return this.check((existing) => this.importer.generateStress(symbols, days, seed, existing));
  }

  cancel(): void {
    const from = this.state.phase;
    if (from === 'reading') this.importer.cancel();
    else void this.importer.discard();
    this.state.notice = from === 'report' ? `Nothing from ${this.state.report?.file} was stored.` : null;
    this.state.report = null;
    this.move('cancel');
  }

  /** Stores the checked rows; the stored dataset, or null when storing failed (the error says why). */
  async confirm(): Promise<DatasetMeta | null> {
    this.move('confirm');
    try {
      const meta = await this.importer.commit();
      this.state.notice = `Imported ${meta.rows.toLocaleString('en-US')} rows from ${meta.name}.`;
      this.state.report = null;
      this.move('stored');
      return meta;
    } catch (e) {
      this.state.error = (e as Error).message;
      this.move('storeFailed');
      return null;
    }
  }

  private async check(produce: (existing: ExistingData) => Promise<ImportReport>): Promise<void> {
    if (!this.canCheck) return;
    this.state.error = null;
    this.state.notice = null;
    this.state.report = null;
    this.state.progress = 0;
    this.move('check');
    try {
      const report = await produce(await this.existing());
      // Cancelled meanwhile: the worker's late answer is dropped, as the cancel said.
      if (this.state.phase !== 'reading') return;
      this.state.report = report;
      this.move('read');
    } catch (e) {
      this.state.error = (e as Error).message;
      this.move('readFailed');
    }
  }

  private move(event: ImportEvent): void {
    const next = nextImportPhase(this.state.phase, event);
    assert(next !== null, `import: cannot ${event} while ${this.state.phase}`);
    this.state.phase = next;
  }
}
