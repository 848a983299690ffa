/** The loader's entry points: `loadHelmfile` (files) and `resolveHelmfileSpec` (TypeScript-declared state). */
import * as path from "node:path";
import type { HelmfileSpec, HelmfileState, RepositorySpec, ResolvedRelease, StateGlobalHooks } from "../state/types";
import type { LoadContext } from "./context";
import { insecureTemplateFunctionsDisabled } from "../envFlags";
import { HelmfileLoadError } from "./errors";
import { type PlainMap, isPlainObject } from "./plainObject";
import { resolveNeeds } from "./needs";
import { renderContext, resolveRelease, scopeOf } from "./releases";
import { resolveGlobalHooks } from "./hooks";
import { parseSelector } from "./selectors";
import { markDerived } from "./secrets/derived";
import { SecretSource } from "./secrets/source";
import { emptyVisitResult, type VisitOptions, type VisitResult, visitPath, visitSpec } from "./visit";

/** Options of {@link loadHelmfile} and {@link resolveHelmfileSpec}. */
export interface LoadOptions {
  /** Environment name (default: `HELMFILE_ENVIRONMENT` from `env`, else "default"). */
  environment?: string;
  /** State values merged last, like `--state-values-set` (arrays merged by index). */
  stateValues?: Record<string, unknown>;
  /** Values files like `--state-values-file` (relative to the current directory). */
  stateValuesFiles?: string[];
  /** Selectors, each `k=v,k2!=v` (AND within, OR across). */
  selectors?: string[];
  /** Process environment for templates and credentials (default `process.env`). */
  env?: Record<string, string | undefined>;
  /**
   * Turns exec/envExec/readFile/readDir/readDirEntries template functions into errors.
   * @default HELMFILE_DISABLE_INSECURE_FEATURES or HELMFILE_DISABLE_INSECURE_TEMPLATE_FUNCTIONS in `env` is true
   * (Go strconv.ParseBool: 1, t, T, true, True, TRUE), as helmfile reads them
   */
  disableInsecureFeatures?: boolean;
  /**
   * Load for `deps` (writing helmfile.lock): no lock pins versions, and every release whose chart a lock manages
   * records which lock, under which name and repository, with which constraint (`ResolvedRelease.lockable`).
   * @default false
   */
  forDeps?: boolean;
}

/** Extra options of {@link resolveHelmfileSpec}. */
export interface ResolveSpecOptions extends LoadOptions {
  /** Directory relative paths in the spec resolve against (default: current directory). */
  baseDir?: string;
  /** Name recorded as `sourceFile` of its releases and in errors (default `<baseDir>/helmfile.ts`). */
  sourceFile?: string;
}

function contextOf(o: LoadOptions, secrets: SecretSource): LoadContext {
  const env = o.env ?? process.env;
  return {
    secrets,
    environment: o.environment || env.HELMFILE_ENVIRONMENT || "default",
    processEnv: env,
    disableInsecureFeatures: o.disableInsecureFeatures ?? insecureTemplateFunctionsDisabled(env),
    forDeps: o.forDeps,
    files: new Set(),
  };
}

function visitOptions(o: LoadOptions): VisitOptions {
  const selectors = o.selectors ?? [];
  selectors.forEach(parseSelector);
  return {
    overrideValues: o.stateValuesFiles,
    cliSet: o.stateValues,
    calleeDir: process.cwd(),
    selectors,
  };
}

function dedupeRepositories(result: VisitResult): RepositorySpec[] {
  const seen = new Map<string, RepositorySpec>();
  for (const st of result.states) for (const r of result.repositories.get(st.file) ?? []) if (!seen.has(r.name)) seen.set(r.name, r);
  return [...seen.values()];
}

function finish(result: VisitResult, ctx: LoadContext, rootName: string): HelmfileState {
  if (!result.root && result.states.length === 0) {
    throw new HelmfileLoadError(`environment "${ctx.environment}" is not defined`, { file: result.skipped[0] ?? rootName, keyPath: "environments" });
  }
  const graph = resolveNeeds(result.candidates);
  const selected = result.candidates.filter((c) => c.selected);
  const ids = new Set<string>();
  for (const c of selected) {
    if (ids.has(c.id)) {
      throw new HelmfileLoadError(`duplicate release "${c.id}" found: releases must be unique across the loaded state files`, {
        file: c.state.file,
        keyPath: `releases[${c.index}].name`,
      });
    }
    ids.add(c.id);
  }
  const allRepositories = dedupeRepositories(result);
  const releases: ResolvedRelease[] = selected.map((c) => {
    // A state's own repositories first; then any loaded state's, as helm's repository list is global (a parent's
    // `helm repo add` serves a sub-helmfile's `repo/chart` in helmfile too).
    const repos = [...(result.repositories.get(c.state.file) ?? []), ...allRepositories];
    const r = resolveRelease(c, repos, ctx);
    r.needs = (graph.get(c.id) ?? []).filter((n) => ids.has(n));
    return r;
  });
  const root = result.root ?? result.states[result.states.length - 1];
  const globalHooks = result.states.flatMap((st): StateGlobalHooks[] => {
    const hooks = resolveGlobalHooks(st.spec.hooks, scopeOf(st), renderContext(st, ctx));
    return hooks ? [{ file: st.file, baseDir: st.baseDir, hooks }] : [];
  });
  return {
    environment: ctx.environment,
    stateValues: root.values,
    repositories: allRepositories,
    helmDefaults: root.spec.helmDefaults ?? {},
    ...(root.spec.helmBinary ? { helmBinary: root.spec.helmBinary } : {}),
    ...(root.spec.kustomizeBinary ? { kustomizeBinary: root.spec.kustomizeBinary } : {}),
    releases,
    ...(globalHooks.length ? { globalHooks } : {}),
    files: [...ctx.files],
  };
}

/**
 * Loads a helmfile (`helmfile.yaml`, `helmfile.yaml.gotmpl`, or a directory with one of them or `helmfile.d/`)
 * with helmfile's semantics and returns the resolved state. Pure: reads files, renders templates, runs no helm.
 * Throws {@link HelmfileLoadError} naming file, line and key.
 */
export async function loadHelmfile(fileOrDir: string, options: LoadOptions = {}): Promise<HelmfileState> {
  return withSecretsMarked(options, (ctx) => {
    const result = emptyVisitResult();
    visitPath(fileOrDir, visitOptions(options), ctx, result, true);
    return finish(result, ctx, path.resolve(fileOrDir));
  });
}

/**
 * Runs a load; when it read secrets, runs it again with canaries and marks what derives from them
 * (./secrets/derived.ts). Each secret is decrypted once: the canary load reuses the first load's plaintexts.
 */
function withSecretsMarked(options: LoadOptions, load: (ctx: LoadContext) => HelmfileState): HelmfileState {
  const secrets = SecretSource.create(options.env ?? process.env, process.cwd());
  const real = load(contextOf(options, secrets));
  if (!secrets.used) return real;
  let canary: HelmfileState | undefined;
  try {
    canary = load(contextOf(options, secrets.canaries()));
  } catch {
    canary = undefined; // a template needing the real text: ./secrets/derived.ts marks every value secret
  }
  return markDerived(real, canary, secrets.plaintexts());
}

/**
 * Resolves a TypeScript-declared state exactly like {@link loadHelmfile} resolves a file (the spec is treated as a
 * one-part, non-templated state file located at `sourceFile`). Class instances inside values are kept as opaque
 * values, never inspected or cloned.
 */
export async function resolveHelmfileSpec(spec: HelmfileSpec, options: ResolveSpecOptions = {}): Promise<HelmfileState> {
  if (!isPlainObject(spec)) throw new HelmfileLoadError("a HelmfileSpec must be a plain object");
  const baseDir = path.resolve(options.baseDir ?? process.cwd());
  const file = options.sourceFile ? path.resolve(baseDir, options.sourceFile) : path.join(baseDir, "helmfile.ts");
  return withSecretsMarked(options, (ctx) => {
    const result = emptyVisitResult();
    visitSpec(spec as HelmfileSpec & PlainMap, file, visitOptions(options), ctx, result);
    return finish(result, ctx, file);
  });
}
