/** Typed errors of the helmfile loader. */

/** Where in which file a load error was found. */
export interface LoadErrorLocation {
  /** Absolute path of the file (state file, values file) at fault. */
  file?: string;
  /** 1-based line, when known. */
  line?: number;
  /** 1-based column, when known. */
  column?: number;
  /** Key path inside the document, e.g. `releases[0].chart`. */
  keyPath?: string;
}

/**
 * A helmfile state could not be loaded. The message names the file, the line (when known) and the key:
 * `<file>:<line>:<col>: <keyPath>: <reason>`.
 */
export class HelmfileLoadError extends Error {
  /** File at fault. */
  readonly file?: string;
  /** 1-based line. */
  readonly line?: number;
  /** 1-based column. */
  readonly column?: number;
  /** Key path, e.g. `releases[1].values[0]`. */
  readonly keyPath?: string;
  /** The reason without the location prefix. */
  readonly reason: string;

  constructor(reason: string, location: LoadErrorLocation = {}, options?: { cause?: unknown }) {
    super(formatMessage(reason, location), options);
    this.name = "HelmfileLoadError";
    this.reason = reason;
    this.file = location.file;
    this.line = location.line;
    this.column = location.column;
    this.keyPath = location.keyPath;
  }
}

function formatMessage(reason: string, loc: LoadErrorLocation): string {
  let where = loc.file ?? "";
  if (loc.file && loc.line !== undefined) where += `:${loc.line}${loc.column !== undefined ? `:${loc.column}` : ""}`;
  const parts = [where, loc.keyPath].filter((p): p is string => !!p);
  return parts.length ? `${parts.join(": ")}: ${reason}` : reason;
}
