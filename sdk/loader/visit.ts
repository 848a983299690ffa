/**
 * Walking state files the way helmfile's visitStates does: each file loaded (or skipped when it lacks the
 * environment), its sub-helmfiles visited first, then its releases templated and selected.
 */
import * as path from "node:path";
import type { HelmfileSpec, RepositorySpec } from "../state/types";
import type { LoadContext } from "./context";
import { loadValuesEntries } from "./envValues";
import { type Env, newEnv } from "./envOps";
import { HelmfileLoadError } from "./errors";
import { findStateFiles } from "./paths";
import type { PlainMap } from "./plainObject";
import { type CandidateRelease, templateReleases } from "./releases";
import { resolveRepository } from "./repositories";
import { type LabelFilter, parseSelector, selectorsCompatible } from "./selectors";
import { type LoadedState, type StateLoadResult, loadSpecState, loadStateFile } from "./stateFile";
import { buildInherited, expandSubHelmfiles, type InheritedConfig, mergeInherited } from "./subHelmfiles";

/** Options for one visited state (LoadOpts). */
export interface VisitOptions {
  /** `--state-values-file` / sub-helmfile `values:` entries (files relative to `calleeDir`, or maps). */
  overrideValues?: unknown[];
  /** `--state-values-set` values (root only). */
  cliSet?: PlainMap;
  /** Directory override values files resolve against. */
  calleeDir: string;
  /** Selectors in effect for this state. */
  selectors: string[];
  /** Parent configuration requested with `inherits:`. */
  inherited?: InheritedConfig;
}

/** Everything collected while visiting. */
export interface VisitResult {
  /** Every templated release of every loaded state, in processing order. */
  candidates: CandidateRelease[];
  /** Loaded states in processing order (sub-helmfiles first). */
  states: LoadedState[];
  /** The first top-level state loaded (root values/helmDefaults). */
  root?: LoadedState;
  /** Files skipped because they do not define the environment. */
  skipped: string[];
  /** Resolved repositories per state file. */
  repositories: Map<string, RepositorySpec[]>;
}

/** Creates an empty result. */
export function emptyVisitResult(): VisitResult {
  return { candidates: [], states: [], skipped: [], repositories: new Map() };
}

function overrodeEnv(opts: VisitOptions, ctx: LoadContext): Env | undefined {
  const hasFiles = opts.overrideValues && opts.overrideValues.length > 0;
  const hasSet = opts.cliSet && Object.keys(opts.cliSet).length > 0;
  if (!hasFiles && !hasSet) return undefined;
  const env = newEnv(ctx.environment);
  if (hasFiles) {
    env.values = loadValuesEntries(opts.overrideValues, { baseDir: opts.calleeDir, file: path.join(opts.calleeDir, "<state values>"), keyPath: "values" }, "Error", newEnv(ctx.environment), ctx);
  }
  if (hasSet) env.cliOverrides = opts.cliSet as PlainMap;
  return env;
}

/** Visits a `-f` argument (file or directory). */
export function visitPath(fileOrDir: string, opts: VisitOptions, ctx: LoadContext, out: VisitResult, top: boolean): void {
  const files = findStateFiles(fileOrDir);
  if (files.length === 0) {
    throw new HelmfileLoadError(`no state file found at "${fileOrDir}" (looked for helmfile.yaml, helmfile.yaml.gotmpl, helmfile.d/*.yaml)`, { file: path.resolve(fileOrDir) });
  }
  for (const f of files) {
    const r = loadStateFile(f, opts.inherited?.env, overrodeEnv(opts, ctx), true, ctx);
    visitLoaded(r, opts, ctx, out, top);
  }
}

/** Visits a TypeScript-declared spec as a top-level state. */
export function visitSpec(spec: HelmfileSpec, file: string, opts: VisitOptions, ctx: LoadContext, out: VisitResult): void {
  const r = loadSpecState(spec, file, path.dirname(file), opts.inherited?.env, overrodeEnv(opts, ctx), ctx);
  visitLoaded(r, opts, ctx, out, true);
}

function visitLoaded(r: StateLoadResult, opts: VisitOptions, ctx: LoadContext, out: VisitResult, top: boolean): void {
  if (r.kind === "undefinedEnv") {
    out.skipped.push(r.file);
    return;
  }
  const st = r.state;
  if (opts.inherited) st.spec = mergeInherited(st.spec, opts.inherited);
  if (top && !out.root) out.root = st;
  for (const sub of expandSubHelmfiles(st)) {
    const subSelectors = sub.selectors ?? [];
    if (!sub.selectorsInherited && subSelectors.length > 0 && !selectorsCompatible(opts.selectors, subSelectors)) continue;
    const nested: VisitOptions = {
      overrideValues: sub.values,
      calleeDir: st.baseDir,
      selectors: sub.selectors === undefined || sub.selectorsInherited ? opts.selectors : subSelectors,
      inherited: sub.inherits && sub.inherits.length ? buildInherited(st, sub.inherits) : undefined,
    };
    visitPath(sub.path, nested, ctx, out, false);
  }
  const filters: LabelFilter[] = opts.selectors.map(parseSelector);
  out.repositories.set(st.file, (st.spec.repositories ?? []).map((repo) => resolveRepository(repo, st.baseDir, ctx.processEnv)));
  out.candidates.push(...templateReleases(st, filters, ctx));
  out.states.push(st);
}
