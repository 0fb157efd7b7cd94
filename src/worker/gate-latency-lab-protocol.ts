// Messages between the page and the gate latency lab's worker. Types only.

export type GateStrategy = 'poll' | 'message' | 'atomics';

export type LabRequest =
  | { readonly kind: 'init'; readonly control: SharedArrayBuffer | null }
  | { readonly kind: 'arm'; readonly strategy: GateStrategy; readonly trial: number }
  | { readonly kind: 'open' };

export type LabReply = { readonly kind: 'armed'; readonly trial: number } | { readonly kind: 'woke'; readonly trial: number; readonly wallTime: number };
