/**
 * The base of every error this package throws on purpose (bad input, a refused operation, a failed helm call): one
 * family, so callers can tell a user-facing failure from a programming error, and each keeps its `cause`.
 */
export class PulumiHelmfileError extends Error {
  override readonly name: string = "PulumiHelmfileError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
