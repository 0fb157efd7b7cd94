// Worker liveness through the Web Locks API. A worker takes a lock named for it and never lets
// go; the browser releases a lock when the worker holding it ends — closed, terminated, crashed —
// and only then grants the page's waiting request for the same name. So the page hears of a
// worker's end at once, with no polling, and a worker busy for seconds (a large file, a long
// merge) is never mistaken for a dead one. A worker that dies this way fires no error event,
// and a call to it never settles: without this the page would wait forever. Any thread.

const supported = () => typeof navigator !== 'undefined' && 'locks' in navigator;

/** A lock name unique to one worker. */
export function lifeLockName(kind: string): string {
  const id = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : String(Math.random()).slice(2);
  return `bar-replay-lab:${kind}:${id}`;
}

/** Worker side: takes the lock for the worker's whole life; resolves once it is held. */
export function holdLifeLock(name: string): Promise<void> {
  if (!supported()) return Promise.resolve();
  return new Promise((held) => {
    void navigator.locks.request(name, () => {
      held();
      return new Promise<void>(() => {}); // never released while the worker lives
    });
  });
}

/**
 * Page side: calls `onEnd` when the worker holding `name` ends (call it only once the worker
 * holds the lock). The returned function stops watching: call it before ending the worker on purpose.
 */
export function watchLifeLock(name: string, onEnd: () => void): () => void {
  if (!supported()) return () => {};
  const stop = new AbortController();
  navigator.locks
    .request(name, { signal: stop.signal }, () => {
      if (!stop.signal.aborted) onEnd();
    })
    .catch(() => {}); // AbortError: watching was stopped
  return () => stop.abort();
}
