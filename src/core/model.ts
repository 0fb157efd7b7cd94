// What a model is, for the explicit-state model checker (model-checker.ts): packed initial
// states, named actions of named agents (guard → next state) and named properties. Pure types,
// any thread; gate-model.ts and textbook-models.ts write models, the checker explores them.
//
// A state is a fixed number of small integers (`variables`), so that the checker can store
// millions of them packed in one typed array and compare them without building strings.

export interface ModelAction {
  /** Shown in a counterexample's "action" column, e.g. "setup: feed AAPL". */
  readonly name: string;
  /** Who takes it: one column of the trace ("page", "coordinator", "person"…). */
  readonly agent: string;
  /**
   * A person's optional button (pause, stop): not under weak fairness — nobody has to press it —
   * and a state where only such actions are enabled still counts as stuck (the system cannot move
   * on its own). Every other action is under weak fairness: enabled forever, it is eventually taken.
   */
  readonly optional?: boolean;
  /** When enabled, writes the next state into `next` (a copy of `state`) and returns true. */
  readonly apply: (state: Int32Array, next: Int32Array) => boolean;
}

export type PropertyKind =
  /** Holds in every reachable state. */
  | 'invariant'
  /** No reachable state, unless final, in which the system itself can take no action. */
  | 'deadlock'
  /** Every fair behaviour reaches a goal state (weak fairness on every action that is not optional). */
  | 'eventually';

export interface ModelProperty {
  /** A stable name (the page's data-property). */
  readonly id: string;
  readonly title: string;
  /** One sentence a student reads: what the property says. */
  readonly sentence: string;
  readonly kind: PropertyKind;
  /** invariant: true in a good state; eventually: true in a goal state. Unused for deadlock. */
  readonly holds?: (state: Int32Array) => boolean;
}

export interface Model {
  readonly name: string;
  /** One name per packed integer, in order: the trace table shows them. */
  readonly variables: readonly string[];
  readonly initial: readonly Int32Array[];
  readonly actions: readonly ModelAction[];
  readonly properties: readonly ModelProperty[];
  /** A state where stopping is fine (the run is over): not a deadlock. Default: none is. */
  readonly isFinal?: (state: Int32Array) => boolean;
  /** The trace table's two state columns, in words (the design note's "system state" and "coordinator state"). */
  readonly describe?: (state: Int32Array) => { readonly system: string; readonly coordinator: string };
  /** How a variable's value reads in a trace (default: the number). */
  readonly formatValue?: (variable: number, value: number) => string;
}
