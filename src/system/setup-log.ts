// The startup sequence as it really happens: each step of SystemManager.start() with its lane,
// wall-clock start and duration — the design note's sequence diagram, recorded. Main thread.

export type SetupLane = 'system' | 'coordinator' | 'setup';

/** What each thread was doing when a step began: the design note's two state columns. */
export interface SetupContext {
  readonly system: string;
  readonly coordinator: string;
}

export interface SetupStep {
  readonly lane: SetupLane;
  label: string;
  /** The state cell and the coordinator's phase when the step began. */
  readonly context: SetupContext;
  /** ms since start() was called. */
  readonly at: number;
  /** ms the step took (0 for instants such as "gate opens"). */
  duration: number;
}

export class SetupLog {
  readonly steps: SetupStep[] = [];
  private origin = 0;
  private copy: { version: number; steps: readonly SetupStep[] } = { version: -1, steps: [] };
  /** Bumped with every change, so a copy is made only when something changed. */
  private version = 0;

  constructor(
    private readonly clock: () => number,
    private readonly sample: () => SetupContext,
  ) {}

  begin(): void {
    this.steps.length = 0;
    this.origin = this.clock();
    this.version++;
  }

  /**
   * The steps as plain copies, the same array until a step changes: the page takes a snapshot
   * every frame, and a fresh array each time would redraw the sequence table every frame.
   */
  snapshot(): readonly SetupStep[] {
    if (this.copy.version !== this.version) this.copy = { version: this.version, steps: this.steps.map((s) => ({ ...s })) };
    return this.copy.steps;
  }

  /** Records an instant. */
  mark(lane: SetupLane, label: string): SetupStep {
    const step = { lane, label, context: this.sample(), at: this.clock() - this.origin, duration: 0 };
    this.steps.push(step);
    this.version++;
    return step;
  }

  /** Records a step around an async action; `relabel` may name it after its result. */
  async time<T>(lane: SetupLane, label: string, action: () => Promise<T>, relabel?: (result: T) => string): Promise<T> {
    const step = this.mark(lane, label);
    try {
      const result = await action();
      if (relabel) step.label = relabel(result);
      return result;
    } finally {
      step.duration = this.clock() - this.origin - step.at;
      this.version++;
    }
  }
}
