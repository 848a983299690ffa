/** Environment and default values of one state document (create.go LoadEnvValues / loadEnvValues). */
import type { EnvironmentSpec } from "../state/types";
import type { LoadContext } from "./context";
import { type Env, envTemplateData, mergedValues, newEnv } from "./envOps";
import { HelmfileLoadError } from "./errors";
import { mergeMaps, mergeValuesOverride } from "./merge";
import { isPlainObject, type PlainMap } from "./plainObject";
import { missingFileHandler, readValuesFile, resolveValuesPath, type MissingFileHandler } from "./valuesFiles";

/** Where values entries come from, for paths and error messages. */
export interface ValuesEntriesSource {
  /** Directory relative paths resolve against. */
  baseDir: string;
  /** State file naming the entries. */
  file: string;
  /** Key path of the list, e.g. `environments.prod.values`. */
  keyPath: string;
}

/**
 * Loads a `values:` list (files, globs, `.gotmpl`, inline maps) into one map, later entries winning
 * (`mergeStrategy: fallback`: earlier entries win). `.gotmpl` files see `ctxEnv` as `.Environment` and its merged
 * values as `.Values` (pkg/state/envvals_loader.go).
 */
export function loadValuesEntries(
  entries: unknown[] | undefined,
  src: ValuesEntriesSource,
  handler: MissingFileHandler,
  ctxEnv: Env,
  ctx: LoadContext,
  mergeStrategy?: string,
): PlainMap {
  const fallback = mergeStrategy === "fallback";
  if (mergeStrategy && mergeStrategy !== "override" && !fallback) {
    throw new HelmfileLoadError(`invalid mergeStrategy "${mergeStrategy}" (must be "override" or "fallback")`, {
      file: src.file,
      keyPath: src.keyPath.replace(/\.values$/, ".mergeStrategy"),
    });
  }
  const merge = (acc: PlainMap, m: PlainMap) => (fallback ? mergeMaps(m, acc) : mergeValuesOverride(acc, m));
  let result: PlainMap = {};
  (entries ?? []).forEach((entry, j) => {
    const where = { file: src.file, keyPath: `${src.keyPath}[${j}]` };
    if (typeof entry === "string") {
      for (const f of resolveValuesPath(entry, src.baseDir, handler, "environment values", where)) {
        // .gotmpl files see the merged values of the context; under fallback also the files loaded so far.
        let values = mergedValues(ctxEnv);
        if (fallback && Object.keys(result).length > 0) values = mergeValuesOverride(result, values);
        result = merge(result, readValuesFile(f, envTemplateData(ctxEnv, values), ctx));
      }
    } else if (isPlainObject(entry)) {
      result = merge(result, entry);
    } else if (entry !== null && entry !== undefined) {
      throw new HelmfileLoadError(`unexpected type of value: expected a file path or a map, got ${JSON.stringify(entry)}`, where);
    }
  });
  return result;
}

/**
 * An environment's `secrets:`: sops files (globs and missingFileHandler as for its values), each decrypted and
 * decoded as YAML — not rendered, as helmfile does not render environment secrets — merged in order
 * (pkg/state/create.go scatterGatherEnvSecretFiles).
 */
function loadEnvSecrets(entries: unknown[] | undefined, src: ValuesEntriesSource, handler: MissingFileHandler, ctx: LoadContext): PlainMap {
  let result: PlainMap = {};
  (entries ?? []).forEach((entry, j) => {
    const where = { file: src.file, keyPath: `${src.keyPath}[${j}]` };
    if (typeof entry !== "string") throw new HelmfileLoadError(`an environment secrets entry must be a file path, got ${typeof entry}`, where);
    for (const f of resolveValuesPath(entry, src.baseDir, handler, "environment values", where)) {
      ctx.files.add(f);
      result = mergeValuesOverride(result, ctx.secrets.decryptValues(f, where));
    }
  });
  return result;
}

/** Inputs of {@link loadDocumentEnv}. */
export interface DocumentEnvInput {
  /** `environments:` of the document (after bases). */
  environments: Record<string, EnvironmentSpec> | undefined;
  /** Top-level `values:` of the document. */
  defaultValues: unknown[] | undefined;
  /** Top-level `missingFileHandler`. */
  missingFileHandler: string | undefined;
  /** Environment carried from previous parts / the parent (already merged with overrides). */
  ctxEnv: Env | undefined;
}

/**
 * Builds the environment after one document: the selected environment's values (+ previous layers), the top-level
 * `values:` as defaults; the environment's `secrets:` (sops) are merged over its values.
 */
export function loadDocumentEnv(input: DocumentEnvInput, src: Omit<ValuesEntriesSource, "keyPath">, ctx: LoadContext): Env {
  const name = ctx.environment;
  const spec = input.environments?.[name];
  const ctxEnv = input.ctxEnv;
  const dataEnv = ctxEnv ?? newEnv(name);
  let values: PlainMap = {};
  if (spec) {
    const handler = missingFileHandler(spec.missingFileHandler ?? input.missingFileHandler, {
      file: src.file,
      keyPath: `environments.${name}.missingFileHandler`,
    });
    // helmfile decrypts the secrets first (failing faster), loads the values, then merges the secrets over them.
    const secrets = loadEnvSecrets(spec.secrets, { ...src, keyPath: `environments.${name}.secrets` }, handler, ctx);
    values = loadValuesEntries(spec.values, { ...src, keyPath: `environments.${name}.values` }, handler, dataEnv, ctx, spec.mergeStrategy);
    values = mergeValuesOverride(values, secrets);
  }
  const env: Env = { ...newEnv(name), values, kubeContext: spec?.kubeContext || undefined };
  if (ctxEnv) {
    env.defaults = mergeMaps(ctxEnv.defaults, env.defaults);
    env.values = mergeMaps(ctxEnv.values, env.values);
    env.cliOverrides = mergeMaps(env.cliOverrides, ctxEnv.cliOverrides, "merge");
    if (ctxEnv.name) env.name = ctxEnv.name;
    if (ctxEnv.kubeContext) env.kubeContext = ctxEnv.kubeContext;
  }
  const defaults = loadValuesEntries(input.defaultValues, { ...src, keyPath: "values" }, "Error", dataEnv, ctx);
  env.defaults = mergeValuesOverride(env.defaults, defaults);
  return env;
}
