/**
 * The one place where the loader meets the template engine (`sdk/template`). The engine is loaded lazily so the
 * plain-YAML pipeline works (and type-checks) on its own; templated inputs fail with a clear error if it is absent.
 */
import { HelmfileLoadError } from "./errors";

/** The subset of the template engine's API the loader uses. */
export interface TemplateEngine {
  renderTemplate(text: string, data: unknown, options: EngineRenderOptions): string;
  decodeYaml?(text: string, fileName?: string): unknown;
}

/** Options passed to the engine's renderTemplate. */
export interface EngineRenderOptions {
  name: string;
  baseDir: string;
  missingKey?: "default" | "zero" | "error";
  env?: Record<string, string | undefined>;
  disableInsecureFeatures?: boolean;
  extraTemplates?: { name: string; text: string }[];
}

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
}

let cached: TemplateEngine | null | undefined;

function engine(): TemplateEngine | null {
  if (cached !== undefined) return cached;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require("../template") as Partial<TemplateEngine>;
    cached = typeof mod.renderTemplate === "function" ? (mod as TemplateEngine) : null;
  } catch {
    cached = null;
  }
  return cached;
}

/** True when the template engine is available. */
export function templatingAvailable(): boolean {
  return engine() !== null;
}

/** True when a string contains a template action. */
export function hasTemplate(text: string): boolean {
  return text.includes("{{");
}

/** Error thrown by the engine, with its position, when it provides one. */
interface EngineError extends Error {
  line?: number;
  column?: number;
}

/**
 * Renders Go template text with helmfile's settings (`missingkey=error`). Texts without `{{` are returned as is,
 * so plain inputs never need the engine.
 */
export function renderText(text: string, data: unknown, ctx: RenderContext, keyPath?: string): string {
  if (!hasTemplate(text)) return text;
  const e = engine();
  if (!e) {
    throw new HelmfileLoadError("template rendering is not available (the sdk/template engine could not be loaded)", {
      file: ctx.name,
      keyPath,
    });
  }
  try {
    return e.renderTemplate(text, data, {
      name: ctx.name,
      baseDir: ctx.baseDir,
      missingKey: "error",
      env: ctx.env,
      disableInsecureFeatures: ctx.disableInsecureFeatures,
      extraTemplates: ctx.extraTemplates,
    });
  } catch (err) {
    if (err instanceof HelmfileLoadError) throw err;
    const ee = err as EngineError;
    throw new HelmfileLoadError(`template error: ${ee.message ?? String(err)}`, {
      file: ctx.name,
      line: typeof ee.line === "number" ? ee.line : undefined,
      column: typeof ee.column === "number" ? ee.column : undefined,
      keyPath,
    }, { cause: err });
  }
}
