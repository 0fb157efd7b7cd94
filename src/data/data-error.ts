// A problem with data a person can act on: a missing or corrupt file, a wrong schema, no rows.
// Pure TypeScript; thrown in the data worker, rethrown on the page by Comlink as a plain Error
// whose message is shown as is.

export class DataError extends Error {
  override name = 'DataError';
}
