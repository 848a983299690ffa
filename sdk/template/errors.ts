/** Errors raised by the template engine. */

/** A template parse or execution error, with Go's message shape: `template: name:line:col: executing "name" at <.x>: ...`. */
export class TemplateError extends Error {
  override readonly name = "TemplateError";
  constructor(
    message: string,
    /** The template (file) name the error refers to. */
    readonly templateName: string,
    /** 1-based line, when known. */
    readonly line?: number,
    /** 0-based byte column as Go reports it, when known (execution errors only). */
    readonly column?: number,
  ) {
    super(message);
  }
}

/**
 * Thrown by template functions; the executor reports it as `error calling NAME: message` (Go's safeCall/evalCall).
 */
export class FuncError extends Error {
  override readonly name = "FuncError";
}

/** Thrown by a function Go would reject for a reason that is not an error value (kept for message fidelity). */
export function fail(msg: string): never {
  throw new FuncError(msg);
}
