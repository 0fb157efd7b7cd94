// Fail-fast helpers for programming errors (never for user input, which gets a readable message).
// Pure TypeScript, any thread.

export class AssertionError extends Error {
  override name = 'AssertionError';
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(message);
}
