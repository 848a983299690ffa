/** Reading values files: path resolution with missingFileHandler, `.gotmpl` rendering, YAML decoding. */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseDocument } from "yaml";
import type { LoadContext } from "./context";
import { HelmfileLoadError, type LoadErrorLocation } from "./errors";
import { expandGlob, isGlob } from "./paths";
import { isPlainObject, type PlainMap } from "./plainObject";
import { renderText, type RenderContext } from "./render";

/** helmfile's missingFileHandler levels. */
export type MissingFileHandler = "Error" | "Warn" | "Info" | "Debug";

/** Validates a missingFileHandler value (default Error). */
export function missingFileHandler(v: string | undefined, where: LoadErrorLocation): MissingFileHandler {
  if (v === undefined || v === "") return "Error";
  if (v === "Error" || v === "Warn" || v === "Info" || v === "Debug") return v;
  throw new HelmfileLoadError(`invalid missingFileHandler "${v}": expected Error, Warn, Info or Debug`, where);
}

/**
 * Resolves a values path (relative to `baseDir`, globs allowed when `allowGlob`) to absolute files.
 * A missing file is an error under the `Error` handler and skipped otherwise (returns []).
 */
export function resolveValuesPath(
  entry: string,
  baseDir: string,
  handler: MissingFileHandler,
  what: string,
  where: LoadErrorLocation,
  allowGlob = true,
): string[] {
  if (/^[a-z0-9+.-]+::|^(https?|s3|git|gs):\/\//i.test(entry)) {
    throw new HelmfileLoadError(`remote ${what} "${entry}" is not supported by this loader (go-getter URLs)`, where);
  }
  const files = allowGlob && isGlob(entry) ? expandGlob(entry, baseDir) : [path.resolve(baseDir, entry)];
  const existing = files.filter((f) => fs.existsSync(f) && fs.statSync(f).isFile());
  if (existing.length === 0) {
    if (handler === "Error") {
      throw new HelmfileLoadError(`${what} file matching "${entry}" does not exist in "${baseDir}"`, where);
    }
    return [];
  }
  return existing;
}

/** Decodes YAML text into a map (empty document → {}); anything else is an error naming the file. */
export function decodeValuesYaml(text: string, file: string): PlainMap {
  const doc = parseDocument(text, { merge: true, uniqueKeys: true, prettyErrors: false, logLevel: "error" });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const line = text.slice(0, e.pos[0]).split("\n").length;
    throw new HelmfileLoadError(`invalid YAML in values file: ${e.message.split("\n")[0]}`, { file, line });
  }
  const v = doc.toJS({ maxAliasCount: -1 }) as unknown;
  if (v === null || v === undefined) return {};
  if (!isPlainObject(v)) throw new HelmfileLoadError("values file must contain a YAML map", { file });
  return v;
}

/**
 * Reads a values file; `.gotmpl` files are rendered with `data` (base dir = the file's directory).
 * Records the file in the load context.
 */
export function readValuesFile(file: string, data: unknown, ctx: LoadContext): PlainMap {
  if (file.endsWith(".hcl")) {
    throw new HelmfileLoadError("HCL values files are not supported by this loader", { file });
  }
  return decodeValuesYaml(readTemplatedFile(file, data, ctx), file);
}

/** A file's text; a `.gotmpl` file rendered with `data` (base dir = its directory). Records it in the load context. */
export function readTemplatedFile(file: string, data: unknown, ctx: LoadContext): string {
  ctx.files.add(file);
  const text = fs.readFileSync(file, "utf8");
  if (!file.endsWith(".gotmpl")) return text;
  return renderText(text, data, fileRenderContext(file, ctx));
}

/** How a `.gotmpl` values (or secrets) file renders: relative paths against its own directory. */
export function fileRenderContext(file: string, ctx: LoadContext): RenderContext {
  return { name: file, baseDir: path.dirname(file), env: ctx.processEnv, disableInsecureFeatures: ctx.disableInsecureFeatures, secrets: ctx.secrets };
}
