/** From a loaded state to its releases: inheritance, templating, overrides, selection, values and options. */
import * as fs from "node:fs";
import * as path from "node:path";
import type { RepositorySpec, ReleaseSpec, ResolvedDependency, ResolvedRelease, ResolvedSetValue } from "../state/types";
import type { LoadContext } from "./context";
import { HelmfileLoadError } from "./errors";
import { InheritError, inheritList, releaseWithInheritedTemplate, withDefaultInherit } from "./inherit";
import { isPlainObject, type PlainMap } from "./plainObject";
import { lockDependency, lockedVersion, lockFilePathOf, readLockFile } from "./lockFile";
import { releaseId } from "./releaseId";
import { releaseOptions } from "./releaseOptions";
import { releaseTemplateData, renderRelease, type ReleaseTemplateScope } from "./releaseTemplating";
import type { RenderContext } from "./render";
import { ChartRefError, resolveChartRef, resolveDependencyRef } from "./repositories";
import { type LabelFilter, selectorLabels, selectorsMatch } from "./selectors";
import type { LoadedState } from "./stateFile";
import { missingFileHandler, readValuesFile } from "./valuesFiles";
import { conditionEnabled } from "./condition";
import { releaseTracking } from "./tracking";
import { rejectVals } from "./vals";
import { resolveHooks } from "./hooks";
import { mergeMaps } from "./merge";
import { resolvePatches } from "./patches";

/** A release after templating, before values are read. */
export interface CandidateRelease {
  /** The rendered release with state overrides applied. */
  spec: ReleaseSpec & { name: string; chart: string };
  /** Index in the state's `releases:`. */
  index: number;
  /** helmfile id. */
  id: string;
  /** Whether the selectors select it. */
  selected: boolean;
  /** The state defining it. */
  state: LoadedState;
}

export function scopeOf(st: LoadedState): ReleaseTemplateScope {
  return {
    environment: { Name: st.env.name, KubeContext: st.env.kubeContext ?? "", Values: st.env.values },
    values: st.values,
    kubeContext: st.spec.kubeContext ?? "",
    namespace: st.spec.namespace ?? "",
    chart: st.spec.chart ?? "",
  };
}

export function renderContext(st: LoadedState, ctx: LoadContext): RenderContext {
  return {
    name: st.file,
    baseDir: st.baseDir,
    env: ctx.processEnv,
    disableInsecureFeatures: ctx.disableInsecureFeatures,
    extraTemplates: st.helpers,
    fieldLevel: true,
  };
}

function canDecideStatically(r: ReleaseSpec): boolean {
  const texts = [r.name, r.namespace, r.chart, ...Object.values(r.labels ?? {})];
  return texts.every((t) => t === undefined || !String(t).includes("{{"));
}

/**
 * Templates every release of a state (ExecuteTemplates). With selectors, a release whose rendering fails but whose
 * name/namespace/chart/labels are literal and not selected is dropped instead of failing the load (so an unselected
 * release's `requiredEnv` does not break a selected run); helmfile fails in that case.
 */
export function templateReleases(st: LoadedState, filters: LabelFilter[], ctx: LoadContext): CandidateRelease[] {
  const spec = st.spec;
  const scope = scopeOf(st);
  const rc = renderContext(st, ctx);
  const out: CandidateRelease[] = [];
  (spec.releases ?? []).forEach((raw, i) => {
    const keyPrefix = `releases[${i}]`;
    let merged: ReleaseSpec;
    try {
      merged = releaseWithInheritedTemplate(raw, withDefaultInherit(inheritList(raw), spec.defaultInherit as string[] | undefined), spec.templates ?? {});
    } catch (e) {
      if (e instanceof InheritError) {
        throw new HelmfileLoadError(`unable to load release "${raw.name ?? ""}" with template: ${e.message}`, { file: st.file, keyPath: `${keyPrefix}.inherit` });
      }
      throw e;
    }
    if (!merged.kubeContext && spec.helmDefaults?.kubeContext) merged.kubeContext = spec.helmDefaults.kubeContext;
    merged.labels = { ...(merged.labels ?? {}), ...(spec.commonLabels ?? {}) };
    let rendered: ReleaseSpec;
    try {
      rendered = renderRelease(merged, scope, rc, keyPrefix);
    } catch (e) {
      if (filters.length > 0 && canDecideStatically(merged)) {
        const labels = selectorLabels(applyOverrides(merged, st), undefined);
        if (!selectorsMatch(filters, labels)) return;
      }
      throw e;
    }
    if (!rendered.chart) {
      throw new HelmfileLoadError(`encountered empty chart while reading release "${rendered.name ?? ""}"`, { file: st.file, keyPath: `${keyPrefix}.chart` });
    }
    if (!rendered.name) throw new HelmfileLoadError("release has no name", { file: st.file, keyPath: `${keyPrefix}.name` });
    const final = applyOverrides(rendered, st) as CandidateRelease["spec"];
    const selected = selectorsMatch(filters, selectorLabels(final, undefined));
    out.push({ spec: final, index: i, id: releaseId(final), selected, state: st });
  });
  return out;
}

/**
 * The version helmfile.lock pins for a release (./lockFile.ts), with the lock file; undefined when the state has no
 * lock or the chart is not lock-managed. A state declared in TypeScript has a lock only through `lockFilePath`.
 */
function lockOf(st: LoadedState, spec: ReleaseSpec, ctx: LoadContext, where: { file: string; keyPath: string }): { version: string; file: string } | undefined {
  if (!st.spec.lockFilePath && !fs.existsSync(st.file)) return undefined;
  const file = lockFilePathOf(st.file, st.spec.lockFilePath);
  const lock = readLockFile(file);
  if (!lock) return undefined;
  ctx.files.add(file);
  const version = lockedVersion(lock, spec.chart ?? "", spec.version, st.spec.repositories ?? [], where);
  return version === undefined ? undefined : { version, file };
}

/** For `deps`: the lock managing a release's chart, the chart's name and repository URL in it (helmfile's rules). */
function lockableOf(st: LoadedState, spec: ReleaseSpec): ResolvedRelease["lockable"] {
  const repos = st.spec.repositories ?? [];
  const dep = lockDependency(spec.chart ?? "", repos);
  if (!dep) return undefined;
  return { file: lockFilePathOf(st.file, st.spec.lockFilePath), ...dep, ...(spec.version ? { constraint: spec.version } : {}) };
}

function applyOverrides(r: ReleaseSpec, st: LoadedState): ReleaseSpec {
  const o = { ...r };
  if (st.spec.kubeContext) o.kubeContext = st.spec.kubeContext;
  if (st.spec.namespace) o.namespace = st.spec.namespace;
  return o;
}

/** Reads the values of a selected release and builds its {@link ResolvedRelease} (needs filled in later). */
export function resolveRelease(c: CandidateRelease, repos: RepositorySpec[], ctx: LoadContext): ResolvedRelease {
  const { spec, state: st } = c;
  const keyPrefix = `releases[${c.index}]`;
  const where = (k: string) => ({ file: st.file, keyPath: `${keyPrefix}.${k}` });
  if (spec.updateStrategy && spec.updateStrategy !== "reinstallIfForbidden") {
    throw new HelmfileLoadError(`updateStrategy "${spec.updateStrategy}" is invalid, valid values are: reinstallIfForbidden or not set`, where("updateStrategy"));
  }
  let chartRef: ResolvedRelease["chartRef"];
  try {
    chartRef = resolveChartRef(spec.chart, repos, st.baseDir);
  } catch (e) {
    if (e instanceof ChartRefError) throw new HelmfileLoadError(e.message, where("chart"));
    throw e;
  }
  const locked = ctx.forDeps ? undefined : lockOf(st, spec, ctx, where("version"));
  const lockable = ctx.forDeps ? lockableOf(st, spec) : undefined;
  const dependencies: ResolvedDependency[] = (spec.dependencies ?? []).map((d, j) => {
    if (!d?.chart) throw new HelmfileLoadError("a dependency needs a chart", where(`dependencies[${j}].chart`));
    try {
      const ref = resolveDependencyRef(d.chart, repos, st.baseDir);
      return { chart: d.chart, chartRef: ref, ...(d.version ? { version: d.version } : {}), ...(d.alias ? { alias: d.alias } : {}) };
    } catch (e) {
      if (e instanceof ChartRefError) throw new HelmfileLoadError(e.message, where(`dependencies[${j}].chart`));
      throw e;
    }
  });
  const handler = missingFileHandler(spec.missingFileHandler ?? st.spec.missingFileHandler, where("missingFileHandler"));
  const data = releaseTemplateData(spec, scopeOf(st));
  const values: PlainMap[] = [];
  const valuesSources: string[] = [];
  (spec.values ?? []).forEach((entry, j) => {
    const key = `values[${j}]`;
    if (typeof entry === "string") {
      const file = path.resolve(st.baseDir, (spec.valuesPathPrefix ?? "") + entry);
      if (!fs.existsSync(file)) {
        if (handler === "Error") throw new HelmfileLoadError(`values file "${entry}" does not exist`, where(key));
        return;
      }
      const m = readValuesFile(file, data, ctx);
      rejectVals(m, file, "");
      values.push(m);
      valuesSources.push(file);
    } else if (isPlainObject(entry)) {
      rejectVals(entry, st.file, `${keyPrefix}.${key}`);
      values.push(entry);
      valuesSources.push(`${st.file}:${keyPrefix}.${key}`);
    } else if (entry !== null && entry !== undefined) {
      throw new HelmfileLoadError("values entry must be a file path or a map", where(key));
    }
  });
  const set: ResolvedSetValue[] = (spec.set ?? []).map((s, j) => {
    const out: ResolvedSetValue = { name: s.name };
    if (s.value !== undefined) out.value = s.value;
    if (s.file) out.file = path.resolve(st.baseDir, s.file);
    if (s.values) out.values = s.values;
    rejectVals(out.value, st.file, `${keyPrefix}.set[${j}].value`);
    return out;
  });
  const setString = (spec.setString ?? []).map((s, j) => {
    if (s.value !== null && typeof s.value === "object") {
      throw new HelmfileLoadError("setString values must be strings", where(`setString[${j}].value`));
    }
    return { name: s.name, value: s.value === undefined ? "" : String(s.value) };
  });
  // helmfile's `env:`: each entry's value names an environment variable; one `--set name=$VAR` each, after `set`.
  (spec.env ?? []).forEach((e, j) => {
    const variable = e.value === undefined || e.value === null ? "" : String(e.value);
    const value = ctx.processEnv[variable];
    if (value === undefined) throw new HelmfileLoadError(`environment variable "${variable}" is not set`, where(`env[${j}].value`));
    set.push({ name: e.name, value });
  });
  let condition: ResolvedRelease["condition"];
  if (spec.condition) {
    try {
      condition = { expression: spec.condition, value: conditionEnabled(spec.condition, st.values) };
    } catch (e) {
      throw new HelmfileLoadError(`failed to parse condition in release ${spec.name}: ${(e as Error).message}`, where("condition"));
    }
  }
  const patchData = { ...data, Values: values.reduce((acc, v) => mergeMaps(acc, v), data.Values as PlainMap) };
  const patches = resolvePatches(spec, { file: st.file, baseDir: st.baseDir, keyPrefix, handler, data: patchData, ctx });
  const kubeContext = spec.kubeContext || st.env.kubeContext || undefined;
  const tracking = releaseTracking(spec);
  const hooks = resolveHooks(spec, scopeOf(st), renderContext(st, ctx), keyPrefix);
  const r: ResolvedRelease = {
    id: c.id,
    name: spec.name,
    ...(spec.namespace ? { namespace: spec.namespace } : {}),
    ...(kubeContext ? { kubeContext } : {}),
    chart: spec.chart,
    chartRef,
    ...(dependencies.length ? { dependencies } : {}),
    ...patches,
    ...(spec.forceNamespace ? { forceNamespace: spec.forceNamespace } : {}),
    ...(lockable ? { lockable } : {}),
    ...(locked ? { version: locked.version, locked: { file: locked.file, ...(spec.version ? { constraint: spec.version } : {}) } } : spec.version ? { version: spec.version } : {}),
    labels: spec.labels ?? {},
    needs: [],
    installed: spec.installed !== false,
    ...(condition ? { condition } : {}),
    values,
    valuesSources,
    set,
    setString,
    options: releaseOptions(spec, st.spec.helmDefaults ?? {}, st.spec),
    ...(tracking ? { tracking } : {}),
    ...(hooks ? { hooks } : {}),
    sourceFile: st.file,
  };
  return r;
}
