// Waits for a condition the system reports, polling every few milliseconds, and fails saying what
// it waited for (and, given `detail`, what the system said) once the bound passes. Tests of the
// in-process engine use it instead of fixed sleeps. Node; only tests import src/testing.

export function until(what: string, predicate: () => boolean, timeoutMs = 20_000, detail?: () => unknown): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (predicate()) resolve();
      else if (Date.now() - started > timeoutMs) reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail ? ` (${JSON.stringify(detail())})` : ''}`));
      else setTimeout(tick, 2);
    };
    tick();
  });
}
