// At most one render per animation frame, and a continuous loop only while a replay is live.
// Main thread; App.svelte calls refresh() whenever the SystemManager reports a change.
//
// A change (state, setup step, error) is drawn at the next frame. Items arriving — counts, the
// clock, the charts — are drawn at most every progressMs: at full speed a fresh snapshot every
// frame would spend most of each frame laying out and painting numbers nobody can read.

/** What is drawn: a version that moves on each change other than items arriving, and a snapshot. */
export interface FrameSource<S> {
  readonly version: number;
  snapshot(): S;
}

/** requestAnimationFrame and cancelAnimationFrame, injected so a test drives the frames. */
export interface Frames {
  request(callback: (now: number) => void): number;
  cancel(handle: number): void;
}

export const PROGRESS_MS = 100;

export class FrameScheduler<S> {
  private frame = 0;
  private drawnVersion = -1;
  private drawnAt = -Infinity;

  constructor(
    private readonly source: FrameSource<S>,
    private readonly frames: Frames,
    /** The last drawn snapshot still changes by itself (a replay sets up or runs): keep drawing. */
    private readonly live: (drawn: S) => boolean,
    private readonly draw: (snapshot: S, now: number) => void,
    private drawn: S,
    private readonly progressMs = PROGRESS_MS,
  ) {}

  /** Asks for a frame; several calls before it comes ask once. */
  refresh(): void {
    if (this.frame) return;
    this.frame = this.frames.request((now) => {
      this.frame = 0;
      const due = this.source.version !== this.drawnVersion || now - this.drawnAt >= this.progressMs;
      if (due) {
        this.drawnVersion = this.source.version;
        this.drawnAt = now;
        this.drawn = this.source.snapshot();
        this.draw(this.drawn, now);
      }
      if (!due || this.live(this.drawn)) this.refresh();
    });
  }

  dispose(): void {
    if (this.frame) this.frames.cancel(this.frame);
    this.frame = 0;
  }
}
