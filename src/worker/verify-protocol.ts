// The Verify view's worker boundary: what the page asks the model-checker worker and what it
// answers (counts as they grow, then every verdict with its counterexample as a list of actions).
// Types only; imported by worker/verify-worker.ts and system/verify-client.ts.

import type { GateVariant } from '../core/gate-model';
import type { CheckStats, Verdict } from '../core/model-checker';

export interface VerifyRequest {
  readonly variant: GateVariant;
  /** Flaw ids (the lab's experiment ids). */
  readonly flaws: readonly string[];
}

/** One property's verdict; a violation carries its shortest counterexample as action indices (replayTrace rebuilds the states). */
export interface VerifyVerdict {
  readonly id: string;
  readonly verdict: Verdict;
  readonly actions?: readonly number[];
  /** For "completes": where the endless part of the counterexample loops back to (-1: it stays stuck at the end). */
  readonly loopsTo?: number;
}

export type VerifyReply =
  | { readonly kind: 'progress'; readonly stats: CheckStats; readonly verdicts: readonly VerifyVerdict[] }
  | { readonly kind: 'done'; readonly stats: CheckStats; readonly verdicts: readonly VerifyVerdict[] }
  | { readonly kind: 'error'; readonly message: string };
