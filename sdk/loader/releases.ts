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
import { decodeValuesYaml, fileRenderContext, missingFileHandler, readValuesFile } from "./valuesFiles";
import { conditionEnabled } from "./condition";
import { releaseTracking } from "./tracking";
import { hasRef } from "./secrets/refs";
import { renderText } from "./render";
import { stringify } from "yaml";
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
    secrets: ctx.secrets,
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

/** A values file's content after vals (helmfile's renderValuesFileToBytesWithData). */
function expandFile(m: PlainMap, file: string, ctx: LoadContext): PlainMap {
  return ctx.secrets.expand(m, { file }) as PlainMap;
}

/** A `set` value after vals: helmfile passes `--set name=%v` of the resolved value, so it is always a string. */
function expandSetValue(v: unknown, ctx: LoadContext, where: { file: string; keyPath: string }): unknown {
  if (typeof v !== "string" || !hasRef(v)) return v;
  const r = ctx.secrets.expand(v, where);
  return r === null || r === undefined ? "<nil>" : typeof r === "object" ? JSON.stringify(r) : String(r);
}

/**
 * A release's `secrets:` (pkg/state/state.go generateSecretValuesFiles): each a sops file (`valuesPathPrefix`
 * applied; the release's own missingFileHandler, default Error; no globs) or an inline sops-encrypted map, decrypted;
 * a `.gotmpl` file is rendered after decryption with the release's template data, and vals runs over the result.
 */
function readReleaseSecrets(
  spec: CandidateRelease["spec"],
  st: LoadedState,
  data: unknown,
  ctx: LoadContext,
  where: (k: string) => { file: string; keyPath: string },
): { values: PlainMap; source: string }[] {
  const handler = missingFileHandler(spec.missingFileHandler, where("missingFileHandler"));
  const out: { values: PlainMap; source: string }[] = [];
  (spec.secrets ?? []).forEach((entry, j) => {
    const at = where(`secrets[${j}]`);
    let file: string;
    let content: string | undefined;
    if (typeof entry === "string") {
      file = path.resolve(st.baseDir, (spec.valuesPathPrefix ?? "") + entry);
      if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
        if (handler === "Error") throw new HelmfileLoadError(`secrets file matching "${entry}" does not exist in "${st.baseDir}"`, at);
        return;
      }
      ctx.files.add(file);
    } else if (isPlainObject(entry)) {
      file = `${st.file}:${at.keyPath}`;
      content = stringify(entry);
    } else {
      throw new HelmfileLoadError("a secrets entry must be a file path or an inline sops-encrypted map", at);
    }
    let values: PlainMap;
    if (file.endsWith(".gotmpl")) {
      const text = renderText(ctx.secrets.decryptText(file, at, content), data, fileRenderContext(file, ctx));
      values = decodeValuesYaml(text, file);
    } else {
      values = ctx.secrets.decryptValues(file, at, content);
    }
    out.push({ values: ctx.secrets.expand(values, at) as PlainMap, source: `${file} (secrets)` });
  });
  return out;
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
  // helmfile runs vals over the values list first (a path may be a reference too), then over each file that holds one.
  const entries = ctx.secrets.expand(spec.values ?? [], where("values")) as unknown[];
  entries.forEach((entry, j) => {
    const key = `values[${j}]`;
    if (typeof entry === "string") {
      const file = path.resolve(st.baseDir, (spec.valuesPathPrefix ?? "") + entry);
      if (!fs.existsSync(file)) {
        if (handler === "Error") throw new HelmfileLoadError(`values file "${entry}" does not exist`, where(key));
        return;
      }
      values.push(expandFile(readValuesFile(file, data, ctx), file, ctx));
      valuesSources.push(file);
    } else if (isPlainObject(entry)) {
      values.push(entry);
      valuesSources.push(`${st.file}:${keyPrefix}.${key}`);
    } else if (entry !== null && entry !== undefined) {
      throw new HelmfileLoadError("values entry must be a file path or a map", where(key));
    }
  });
  // Release secrets come after its values (helmfile's generateValuesFiles), before set.
  readReleaseSecrets(spec, st, data, ctx, where).forEach((s) => {
    values.push(s.values);
    valuesSources.push(s.source);
  });
  const set: ResolvedSetValue[] = (spec.set ?? []).map((s, j) => {
    const out: ResolvedSetValue = { name: s.name };
    if (s.value !== undefined) out.value = expandSetValue(s.value, ctx, where(`set[${j}].value`));
    if (s.file) out.file = path.resolve(st.baseDir, s.file);
    if (s.values) out.values = s.values.map((v, k) => (typeof v === "string" ? expandSetValue(v, ctx, where(`set[${j}].values[${k}]`)) : v));
    return out;
  });
  const setString = (spec.setString ?? []).map((s, j) => {
    if (s.value !== null && typeof s.value === "object") {
      throw new HelmfileLoadError("setString values must be strings", where(`setString[${j}].value`));
    }
    const value = s.value === undefined ? "" : String(s.value);
    return { name: s.name, value: hasRef(value) ? (expandSetValue(value, ctx, where(`setString[${j}].value`)) as string) : value };
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
