// A problem with data a person can act on: a missing or corrupt file, a wrong schema, no rows.
// Any thread (pure TypeScript): thrown in the workers, rethrown on the page by Comlink as a plain
// Error whose message is shown as is.

export class DataError extends Error {
  override name = 'DataError';
}
