// A config problem naming its field (or URL parameter), so the page can point at it. Pure
// TypeScript, any thread; replay-config.ts re-exports it, start-time.ts throws it (its own file so
// the start check and the config parser need not import each other).

/** A config problem: `field` names the field (or URL parameter) so the page can point at it. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
