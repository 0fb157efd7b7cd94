// The model checker's worker: builds the gate model for the asked variant and flaws, explores it
// (core/model-checker.ts) and reports the counts as they grow, then every verdict. Module worker,
// created by system/verify-client.ts (which says why it speaks raw messages, not Comlink); a
// search never blocks the page.

import { checkModel, type PropertyResult } from '../core/model-checker';
import { flawsFromIds, gateModel } from '../core/gate-model';
import type { VerifyReply, VerifyRequest, VerifyVerdict } from './verify-protocol';

const reply = (message: VerifyReply) => postMessage(message);

function verdicts(properties: readonly PropertyResult[]): VerifyVerdict[] {
  return properties.map((p) => ({ id: p.id, verdict: p.verdict, actions: p.trace?.actions.slice(1), loopsTo: p.trace?.loopsTo }));
}

onmessage = (event: MessageEvent<VerifyRequest>) => {
  try {
    const model = gateModel({ variant: event.data.variant, flaws: flawsFromIds(event.data.flaws) });
    const result = checkModel(model, {
      progressEvery: 500,
      onProgress: (stats, properties) => reply({ kind: 'progress', stats: { ...stats }, verdicts: verdicts(properties) }),
    });
    reply({ kind: 'done', stats: result.stats, verdicts: verdicts(result.properties) });
  } catch (error) {
    reply({ kind: 'error', message: (error as Error).message });
  }
};
