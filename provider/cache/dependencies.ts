/**
 * A release's ad-hoc chart dependencies (helmfile's release `dependencies:`, done by chartify v0.28.2): a copy of the
 * release's chart whose Chart.yaml lists them, with each dependency chart under charts/ — what chartify's
 * `helm dependency up` leaves, built here from the shared chart cache instead (each chart@version pulled once, no
 * helm process). helm itself would not help: `helm dependency build` downloads every locked dependency whose
 * repository is not `file://` again, into tmpcharts/, whatever charts/ already holds (pkg/downloader/manager.go
 * downloadAll), and install/template only check that each listed dependency is present under charts/ by name.
 *
 * chartify (requirements.go, chartify.go ReadAdhocDependencies/UpdateRequirements): each dependency becomes
 * `{name, repository, condition: <alias or name>.enabled, alias, version}` — name the chart's last path element,
 * repository `file://<absolute dir>` (local), `oci://host/path` (the reference without `/name`) or the URL of the
 * `repositories:` entry — appended after the chart's own Chart.yaml and requirements.yaml dependencies (re-written with
 * chartify's fields only: name, repository, condition, alias, version, import-values); requirements.yaml is removed.
 *
 * The composed chart is published once per content digest under the cache directory (immutable; an atomic rename),
 * so the preview render and create/update — in different processes — use the same directory, and its digest (the
 * chart's identity) changes when the base chart or any dependency archive, version or alias does.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import * as semver from "semver";
import { isMap, isScalar, isSeq, parse, parseDocument, stringify } from "yaml";
import type { ChartCache, ChartRequest, ResolvedChart } from "./chart-cache";
import { ChartReferenceError, ChartSource, chartSource, RepositorySpec } from "./chart-source";
import { extractChartArchive, readArchiveFile } from "./chart-extract";

/** One `dependencies:` entry as the provider receives it. */
export interface DependencyInput {
  /** `repo/chart` (with `repository`), `oci://host/path/chart`, or a local chart directory. */
  chart: string;
  /** Version constraint (helm's `dependencies[].version`). */
  version?: string;
  alias?: string;
  /** The `repositories:` entry of a `repo/chart` (or of an `oci://` reference's registry: credentials). */
  repository?: RepositorySpec;
  /** Plain HTTP to the dependency's OCI registry. */
  plainHttp?: boolean;
}

/** A Chart.yaml dependency as chartify writes it (its Dependency struct, in its field order). */
export interface ChartDependencyEntry {
  name: string;
  repository?: string;
  condition?: string;
  alias?: string;
  version?: string;
  "import-values"?: unknown[];
}

/** Problems of a release's `dependencies` input, as {property, reason}. */
export function dependencyProblems(deps: unknown): { property: string; reason: string }[] {
  if (deps === undefined) return [];
  if (!Array.isArray(deps)) return [{ property: "dependencies", reason: "dependencies is a list of {chart, version, alias}" }];
  return deps.flatMap((d: Partial<DependencyInput>, j) => {
    const at = `dependencies[${j}]`;
    if (!d || typeof d.chart !== "string" || !d.chart) return [{ property: "dependencies", reason: `${at}: a chart is required` }];
    // helm dependency update refuses an empty constraint (Masterminds semver: "improper constraint").
    if (typeof d.version !== "string" || !d.version) return [{ property: "dependencies", reason: `${at} (${d.chart}): a version or constraint is required (helm refuses an empty one)` }];
    return [];
  });
}

/** chartify's Chart.yaml entry for an ad-hoc dependency resolved to `src`. */
export function adhocEntry(d: Pick<DependencyInput, "version" | "alias" | "repository">, src: ChartSource): ChartDependencyEntry {
  let name: string;
  let repository: string;
  switch (src.kind) {
    case "local":
      name = path.basename(src.path);
      repository = `file://${src.path}`;
      break;
    case "oci":
      name = src.chart;
      repository = src.url.slice(0, src.url.length - name.length - 1);
      break;
    case "repository":
      name = src.chart;
      // What `helm repo list` prints for the repository helmfile added: its URL as written.
      repository = d.repository?.url ?? src.url;
      break;
  }
  const e: ChartDependencyEntry = { name, repository, condition: `${d.alias || name}.enabled` };
  if (d.alias) e.alias = d.alias;
  if (d.version) e.version = d.version;
  return e;
}

/** A scalar as Go's yaml.v3 decodes it into a string field: its text as written. */
function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  if (node.value === null || node.value === undefined) return undefined;
  return typeof node.value === "string" ? node.value : (node.source ?? String(node.value));
}

/** The `dependencies` of a Chart.yaml or requirements.yaml text, re-written with chartify's fields. */
function dependencyEntries(text: string | undefined): ChartDependencyEntry[] {
  if (!text) return [];
  const doc = parseDocument(text);
  const deps = doc.get("dependencies", true);
  if (!isSeq(deps)) return [];
  return deps.items.flatMap((item) => {
    if (!isMap(item)) return [];
    const e: Partial<ChartDependencyEntry> = {};
    for (const k of ["name", "repository", "condition", "alias", "version"] as const) {
      const v = scalarText(item.get(k, true));
      if (v) e[k] = v;
    }
    const iv = item.get("import-values", true);
    if (isSeq(iv) && iv.items.length) e["import-values"] = iv.toJSON() as unknown[];
    return [e as ChartDependencyEntry];
  });
}

/**
 * The Chart.yaml of the composed chart: the chart's fields as they were, and `dependencies` = its own, then
 * requirements.yaml's, then the ad-hoc ones (chartify's UpdateRequirements, both passes).
 */
export function mergeChartYaml(chartYaml: string, requirementsYaml: string | undefined, adhoc: ChartDependencyEntry[]): string {
  const meta = (parse(chartYaml) ?? {}) as Record<string, unknown>;
  const all = [...dependencyEntries(chartYaml), ...dependencyEntries(requirementsYaml), ...adhoc];
  const { dependencies: _old, ...rest } = meta;
  void _old;
  // yaml.v3 marshals the struct field first, then the inline map's keys sorted.
  const sorted = Object.fromEntries(Object.keys(rest).sort().map((k) => [k, rest[k]]));
  return stringify(all.length ? { dependencies: all, ...sorted } : sorted);
}

/** The composed chart's identity: the base chart's digest, the merged Chart.yaml, and every dependency's content. */
export function composedDigest(baseDigest: string, chartYaml: string, parts: { file: string; digest: string }[]): string {
  const h = crypto.createHash("sha256");
  h.update("pulumi-helmfile composed chart v1\0").update(baseDigest).update("\0").update(chartYaml).update("\0");
  for (const p of [...parts].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) h.update(p.file).update("\0").update(p.digest).update("\0");
  return h.digest("hex");
}

/** The chart request of a dependency: the release's TLS/devel settings, the dependency's own repository and version. */
export function dependencyRequest(d: DependencyInput, base: ChartRequest): ChartRequest {
  return {
    chart: d.chart, version: d.version, repository: d.repository, baseDir: base.baseDir, plainHttp: d.plainHttp ?? base.plainHttp,
    insecureSkipTLSVerify: base.insecureSkipTLSVerify, devel: base.devel,
  };
}

/** Where a dependency's chart goes under charts/: helm's `<name>-<version>.tgz`, a local chart as its directory. */
function placement(entry: ChartDependencyEntry, chart: ResolvedChart): string {
  return chart.origin === "local" && fs.statSync(chart.path).isDirectory() ? entry.name : `${chart.name}-${chart.version}.tgz`;
}

/** helm's check of a local (`file://`) dependency: its version satisfies the constraint. */
function checkLocalVersion(entry: ChartDependencyEntry, chart: ResolvedChart): void {
  if (chart.origin !== "local" || !entry.version) return;
  const range = semver.validRange(entry.version.replace(/,/g, " "));
  if (range && !semver.satisfies(chart.version, range, { includePrerelease: true })) {
    throw new ChartReferenceError(`can't get a valid version for dependency ${entry.name}: ${chart.path} is version ${chart.version}, not ${entry.version}`);
  }
}

/**
 * The release's chart with its ad-hoc dependencies. `mode: "lookup"` uses only what needs no network and no helm
 * process (undefined otherwise); `"resolve"` fetches what is missing through the cache.
 */
export async function withDependencies(cache: ChartCache, base: ChartRequest, deps: DependencyInput[], mode: "lookup" | "resolve"): Promise<ResolvedChart | undefined> {
  const get = async (r: ChartRequest) => (mode === "lookup" ? cache.lookup(r) : cache.resolve(r));
  const chart = await get(base);
  if (!chart || deps.length === 0) return chart;
  const resolved: { entry: ChartDependencyEntry; chart: ResolvedChart }[] = [];
  for (const d of deps) {
    const req = dependencyRequest(d, base);
    const dep = await get(req);
    if (!dep) return undefined;
    const entry = adhocEntry(d, chartSource(req.chart, req.repository, req.baseDir ?? process.cwd()));
    checkLocalVersion(entry, dep);
    resolved.push({ entry, chart: dep });
  }
  return compose(cache, chart, resolved);
}

/** A file of the base chart (directory or archive), or undefined. */
function baseFile(chart: ResolvedChart, file: string): string | undefined {
  if (!fs.statSync(chart.path).isDirectory()) return readArchiveFile(chart.path, file);
  const p = path.join(chart.path, file);
  return fs.existsSync(p) ? fs.readFileSync(p, "utf8") : undefined;
}

const notGit = (src: string) => path.basename(src) !== ".git";

/** Build (once per digest, atomically) the composed chart directory and describe it. */
function compose(cache: ChartCache, chart: ResolvedChart, deps: { entry: ChartDependencyEntry; chart: ResolvedChart }[]): ResolvedChart {
  const chartYaml = mergeChartYaml(baseFile(chart, "Chart.yaml") ?? "", baseFile(chart, "requirements.yaml"), deps.map((d) => d.entry));
  const parts = new Map<string, string>();
  for (const d of deps) parts.set(placement(d.entry, d.chart), d.chart.digest);
  const digest = composedDigest(chart.digest, chartYaml, [...parts].map(([file, digest]) => ({ file, digest })));
  const root = path.join(cache.dir, "v1");
  const dest = path.join(root, "composed", digest.slice(0, 32));
  const published = path.join(dest, chart.name);
  const result: ResolvedChart = { ...chart, path: published, digest };
  if (fs.existsSync(published)) return result;
  fs.mkdirSync(path.join(root, "composed"), { recursive: true, mode: 0o700 });
  fs.mkdirSync(path.join(root, "tmp"), { recursive: true, mode: 0o700 });
  const staging = fs.mkdtempSync(path.join(root, "tmp", `${process.pid}-compose-`));
  try {
    const dir = path.join(staging, chart.name);
    if (fs.statSync(chart.path).isDirectory()) fs.cpSync(chart.path, dir, { recursive: true, filter: notGit });
    else extractChartArchive(chart.path, dir);
    fs.writeFileSync(path.join(dir, "Chart.yaml"), chartYaml);
    fs.rmSync(path.join(dir, "requirements.yaml"), { force: true });
    const charts = path.join(dir, "charts");
    fs.mkdirSync(charts, { recursive: true });
    for (const d of deps) {
      const target = path.join(charts, placement(d.entry, d.chart));
      fs.rmSync(target, { recursive: true, force: true });
      if (fs.statSync(d.chart.path).isDirectory()) fs.cpSync(d.chart.path, target, { recursive: true, filter: notGit });
      else fs.copyFileSync(d.chart.path, target);
    }
    try {
      fs.renameSync(staging, dest);
    } catch (e) {
      // Another process published the same content first: use theirs.
      if (!fs.existsSync(published)) throw e;
    }
    return result;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
