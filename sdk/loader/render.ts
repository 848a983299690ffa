/** The one place where the loader meets the template engine (`sdk/template`): helmfile's render settings. */
import { renderTemplate, TemplateError } from "../template";
import { HelmfileLoadError } from "./errors";
import type { SecretSource } from "./secrets/source";

/** What a render call needs besides text and data. */
export interface RenderContext {
  /** Template name for error messages (usually the file path). */
  name: string;
  /** Directory relative paths (readFile, exec) resolve against. */
  baseDir: string;
  /** Process environment seen by `env`/`requiredEnv`. */
  env: Record<string, string | undefined>;
  /** Turns exec/readFile/readDir into errors. */
  disableInsecureFeatures?: boolean;
  /** `_*.tpl` helpers beside the state file. */
  extraTemplates?: { name: string; text: string }[];
  /** The text is one field's value, not a file: template line/column are not file positions and are dropped. */
  fieldLevel?: boolean;
  /** Resolves vals references for `fetchSecretValue`/`expandSecretRefs`. */
  secrets?: SecretSource;
}

/** True when the template engine is available (it is a static dependency; kept for callers that probe). */
export function templatingAvailable(): boolean {
  return typeof renderTemplate === "function";
}

/** True when a string contains a template action. */
export function hasTemplate(text: string): boolean {
  return text.includes("{{");
}

/**
 * Renders Go template text with helmfile's settings (`missingkey=error`). Texts without `{{` are returned as is.
 * Template errors become {@link HelmfileLoadError}s naming the file, line, column and key.
 */
export function renderText(text: string, data: unknown, ctx: RenderContext, keyPath?: string): string {
  if (!hasTemplate(text)) return text;
  try {
    return renderTemplate(text, data, {
      name: ctx.name,
      baseDir: ctx.baseDir,
      missingKey: "error",
      env: ctx.env,
      disableInsecureFeatures: ctx.disableInsecureFeatures ?? false,
      extraTemplates: ctx.extraTemplates,
      ...(ctx.secrets ? { secretRefs: { expand: (tree: unknown) => ctx.secrets!.expand(tree, { file: ctx.name, keyPath }) } } : {}),
    });
  } catch (err) {
    if (err instanceof TemplateError) {
      throw new HelmfileLoadError(`template error: ${err.message}`, ctx.fieldLevel
        ? { file: ctx.name, keyPath }
        : { file: ctx.name, line: err.line, column: err.column === undefined ? undefined : err.column + 1, keyPath }, { cause: err });
    }
    throw err;
  }
}
