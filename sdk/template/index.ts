/**
 * Go text/template with sprig v3 and helmfile's template functions, in TypeScript.
 *
 * ```ts
 * import { renderTemplate } from "./template";
 * renderTemplate("{{ .Values.x | quote }}", { Values: { x: 1 } }, { name: "helmfile.yaml.gotmpl", baseDir: "/work" });
 * ```
 *
 * Values: plain JSON-like data; safe-integer JS numbers are Go ints, other numbers float64. {@link decodeYaml}
 * returns {@link GoFloat} for integral YAML floats (`1.0`) so that they keep printing and typing as float64, and
 * {@link GoTime} for unquoted YAML timestamps (yaml.v3 decodes them to time.Time). Both serialise through
 * JSON.stringify (number / RFC 3339 string); {@link toPlain} converts a tree back to plain JS and
 * {@link isGoScalar} tells deep-merge code which objects are scalars.
 */
import { TemplateError } from "./errors";
import { allFuncs } from "./funcs/registry";
import { render } from "./render";
import { GoValue, GoFloat, GoObject, toPlain } from "./value";
import { GoTime } from "./time";
import { decodeYaml, encodeYaml, YamlError } from "./yaml";
import { defaultExec } from "./funcs/exec-default";
import type { SecretRefs } from "./funcs/helmfile";
import { insecureTemplateFunctionsDisabled } from "../envFlags";

export type { SecretRefs };
export { TemplateError, YamlError, GoFloat, GoObject, GoTime, toPlain, decodeYaml, encodeYaml };

/**
 * True for the engine's scalar wrapper objects ({@link GoFloat}, and {@link GoObject}s such as {@link GoTime} for
 * yaml.v3 timestamps): values that look like JS objects but must be treated as scalars when deep-merging decoded
 * YAML (they are replaced, never merged into).
 */
export function isGoScalar(v: unknown): boolean {
  return v instanceof GoFloat || v instanceof GoObject;
}

/** Options of {@link renderTemplate}. */
export interface RenderOptions {
  /** Template name used in errors ("template: NAME:line:col: ..."), normally the file path. */
  name: string;
  /** Directory that relative paths (readFile, readDir, isFile, isDir, exec's cwd) resolve against: the helmfile's directory. */
  baseDir: string;
  /** Go's missingkey option. @default "error" (helmfile's setting) */
  missingKey?: "default" | "zero" | "error";
  /** Environment for env/requiredEnv/expandenv/envExec. @default process.env */
  env?: Record<string, string | undefined>;
  /**
   * exec/envExec/readFile/readDir/readDirEntries fail with a clear error.
   * @default HELMFILE_DISABLE_INSECURE_FEATURES or HELMFILE_DISABLE_INSECURE_TEMPLATE_FUNCTIONS in `env` is true in
   * Go's strconv.ParseBool spelling (1, t, T, true, True, TRUE; other text is false), like helmfile (see sdk/envFlags.ts).
   */
  disableInsecureFeatures?: boolean;
  /** Extra named templates (helmfile loads `_*.tpl` beside the state file) made available to `include`/`template`. */
  extraTemplates?: { name: string; text: string }[];
  /**
   * Runs a command for `exec`/`envExec` synchronously (args array, never a shell). The default uses
   * child_process.spawnSync with shell:false and cwd = baseDir, and fails naming the command, exit code and stderr.
   */
  exec?: (command: string, args: string[], opts: { cwd: string; env: Record<string, string | undefined>; stdin?: string }) => string;
  /** Resolves vals references for `fetchSecretValue`/`expandSecretRefs`. @default both functions fail */
  secretRefs?: SecretRefs;
}

/** Render `text` with `data` as the dot. Throws {@link TemplateError}. Synchronous. */
export function renderTemplate(text: string, data: unknown, options: RenderOptions): string {
  const env = options.env ?? process.env;
  const disable = options.disableInsecureFeatures ?? insecureTemplateFunctionsDisabled(env);
  const missingKey = options.missingKey ?? "error";
  const extraTemplates = options.extraTemplates ?? [];
  try {
    return render(options.name, text, data as GoValue, {
      missingKey,
      extraTemplates,
      makeFuncs: (ctx) =>
        allFuncs(ctx, {
          env,
          baseDir: options.baseDir,
          disableInsecureFeatures: disable,
          exec: options.exec ?? defaultExec,
          secretRefs: options.secretRefs,
        }),
    });
  } catch (e) {
    if (e instanceof TemplateError) throw e;
    if (e instanceof RangeError) {
      throw new TemplateError(
        `template: ${options.name}: exceeded maximum template depth (the JavaScript call stack ran out; template/include recursion is too deep)`,
        options.name,
      );
    }
    // Anything else is a bug in the engine; still report it as a TemplateError naming the template.
    const err = new TemplateError(`template: ${options.name}: internal error: ${e instanceof Error ? e.message : String(e)}`, options.name);
    (err as { cause?: unknown }).cause = e;
    throw err;
  }
}
