// Runs one model check in its own worker (worker/verify-worker.ts) and hands back the counts as
// they grow and the final verdicts. Main thread; the Verify view calls it. One worker a check,
// ended when the check ends or is cancelled.

import type { VerifyReply, VerifyRequest } from '../worker/verify-protocol';

export type { VerifyReply, VerifyRequest, VerifyVerdict } from '../worker/verify-protocol';

export interface VerifyRun {
  /** Resolves with the final answer (done or error). */
  readonly done: Promise<Extract<VerifyReply, { kind: 'done' | 'error' }>>;
  cancel(): void;
}

/*
 * Why raw postMessage here, where every other worker is behind Comlink's wrap/expose: the search is
 * one synchronous loop, so the worker can take no call while it runs. A Comlink progress callback
 * (proxy()) would leave a reply unread per report until the search ends, and a cancel could not be
 * a call anyway, only terminate(). The exchange is one request, a stream of progress, one answer,
 * then the worker ends: the three shapes in verify-protocol.ts say all of it.
 */
export function runVerify(request: VerifyRequest, onProgress: (reply: Extract<VerifyReply, { kind: 'progress' }>) => void): VerifyRun {
  const worker = new Worker(new URL('../worker/verify-worker.ts', import.meta.url), { type: 'module', name: 'verify' });
  let finish: (reply: Extract<VerifyReply, { kind: 'done' | 'error' }>) => void = () => {};
  const done = new Promise<Extract<VerifyReply, { kind: 'done' | 'error' }>>((resolve) => (finish = resolve));
  worker.onmessage = (event: MessageEvent<VerifyReply>) => {
    const message = event.data;
    if (message.kind === 'progress') return onProgress(message);
    worker.terminate();
    finish(message);
  };
  worker.onerror = (event) => {
    worker.terminate();
    finish({ kind: 'error', message: event.message || 'the model checker worker failed to start' });
  };
  worker.postMessage({ variant: request.variant, flaws: [...request.flaws] } satisfies VerifyRequest);
  return {
    done,
    cancel() {
      worker.terminate();
      finish({ kind: 'error', message: 'cancelled' });
    },
  };
}
