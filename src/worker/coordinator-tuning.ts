// The coordinator loop's tuning: wait slices, chunk and batch sizes, flow control. Worker thread;
// read by backtest-stream-coordinator.ts (kept apart so that the loop's file stays readable).

/** Longest single wait: a bounded slice, after which the loop re-reads everything. */
export const WAIT_SLICE_MS = 50;
/** Items emitted between looks at the outer loop while streaming at full speed. */
export const STREAM_CHUNK = 4096;
/** At full speed, items taken from the merge in one go between looks at the doorbell. */
export const RUN_ITEMS = 256;
/** An emitted item waits at most this long in the output batch (about one frame). */
export const FLUSH_AFTER_MS = 8;
/**
 * A batch holds at most this many items: the page takes a batch into SessionData in one task,
 * and a bounded batch keeps that task short (a few ms), so the page still draws while the
 * worker streams at full speed.
 */
export const FLUSH_AT_ITEMS = 8192;
/**
 * A run's first batch holds at most this many items, each next one twice as many up to
 * FLUSH_AT_ITEMS: the page's code that takes them in starts cold (not yet optimised by the JIT),
 * and a full first batch would be one long task just as the replay begins.
 */
export const FIRST_FLUSH_AT_ITEMS = 512;
/** Batches posted but not yet taken by the page, at most (Slot.BATCHES_TAKEN). */
export const MAX_BATCHES_IN_FLIGHT = 3;
