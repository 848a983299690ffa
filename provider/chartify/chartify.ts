/**
 * chartify's patch step (chartify v0.28.2 `Chartify` + `ReplaceWithRendered` + `Patch` +
 * `RewriteChartToPreventDoubleRendering`, as helmfile v1.8.0 uses it for `jsonPatches`, `strategicMergePatches` and
 * `transformers`): the release's chart is rendered once with its values into a private copy, kustomize applies the
 * patches, and the copy becomes a chart whose templates print the patched objects verbatim — what helm then templates
 * or installs, so the release record, `helm list` and `helm get manifest` stay those of a normal release.
 *
 * Files of the generated chart: `files/templates/patched_resources.yaml` (the patched objects) and
 * `templates/patched_resources.yaml` = `{{ .Files.Get "files/templates/patched_resources.yaml" }}`; patched
 * CustomResourceDefinitions in `crds/patched_crds.yaml` (or `templates/crds/` when the chart rendered them from
 * templates/crds/). Everything lives in a private temporary directory removed by `cleanup`, also on failure: the
 * rendered manifests may hold secrets.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { extractChartArchive } from "../cache/chart-extract";
import { PrivateTempDir } from "../helm/temp-files";
import type { KustomizeDriver } from "../kustomize/driver";
import { hasPatches, patchKustomization, type PatchInputs, splitPatched } from "./kustomization";

/** chartify's content directories. */
const CONTENT_DIRS = ["templates", "charts", "crds"] as const;

/** What a chartify run needs: the chart, the patches, and how to render and build (the drivers). */
export interface ChartifyRequest {
  /** The release's chart: a directory or an archive. */
  chartPath: string;
  patches: PatchInputs;
  /** `helm template --output-dir <outputDir>` of `chartDir` with the release's values and options. */
  render: (chartDir: string, outputDir: string) => Promise<void>;
  kustomize: KustomizeDriver;
  /** What is being chartified, for errors ("release apps/web"). */
  what: string;
  secrets?: readonly string[];
}

/** A generated chart and how to remove it. */
export interface ChartifiedChart {
  path: string;
  cleanup: () => void;
}

/** Runs `fn` with the chartified chart, removing it afterwards (whatever `fn` does). */
export async function withChartified<T>(r: ChartifyRequest, fn: (chartPath: string) => Promise<T>): Promise<T> {
  const c = await chartify(r);
  try {
    return await fn(c.path);
  } finally {
    c.cleanup();
  }
}

/** Builds the chartified chart in a private temporary directory. */
export async function chartify(r: ChartifyRequest): Promise<ChartifiedChart> {
  const tmp = new PrivateTempDir("chartify");
  try {
    const chartDir = path.join(tmp.path, "chart");
    if (fs.statSync(r.chartPath).isDirectory()) fs.cpSync(r.chartPath, chartDir, { recursive: true });
    else extractChartArchive(r.chartPath, chartDir);
    const resources = await replaceWithRendered(chartDir, r);
    if (hasPatches(r.patches) && resources.length > 0) await patch(chartDir, resources, r);
    rewriteToPreventDoubleRendering(chartDir);
    return { path: chartDir, cleanup: () => tmp.remove() };
  } catch (e) {
    tmp.remove();
    throw e;
  }
}

/**
 * The chart's templates, subcharts and CRDs replaced by what they render to; Chart.yaml without dependencies (they are
 * rendered in), no lock or requirements files. Returns the rendered files, relative to the chart.
 */
async function replaceWithRendered(chartDir: string, r: ChartifyRequest): Promise<string[]> {
  const out = path.join(chartDir, "helmx.1.rendered");
  fs.mkdirSync(out);
  await r.render(chartDir, out);
  const entries = fs.readdirSync(out, { withFileTypes: true });
  const rendered = entries.length === 1 && entries[0].isDirectory() ? path.join(out, entries[0].name) : undefined;
  if (entries.length > 1 || (entries.length === 1 && !rendered)) throw new Error(`${r.what}: unexpected helm output under ${out}`);
  for (const d of CONTENT_DIRS) {
    fs.rmSync(path.join(chartDir, d), { recursive: true, force: true });
    if (rendered && fs.existsSync(path.join(rendered, d))) {
      fs.renameSync(path.join(rendered, d), path.join(chartDir, d));
      fs.rmSync(path.join(chartDir, "files", d), { recursive: true, force: true });
    }
  }
  fs.rmSync(out, { recursive: true, force: true });
  const chartYaml = path.join(chartDir, "Chart.yaml");
  if (fs.existsSync(chartYaml)) {
    const meta = (parse(fs.readFileSync(chartYaml, "utf8")) ?? {}) as Record<string, unknown>;
    delete meta.dependencies;
    fs.writeFileSync(chartYaml, stringify(meta));
  }
  for (const f of ["requirements.yaml", "requirements.lock", "Chart.lock"]) fs.rmSync(path.join(chartDir, f), { force: true });
  return CONTENT_DIRS.flatMap((d) => filesUnder(chartDir, d));
}

/** Files under `chartDir/sub`, relative to chartDir, sorted. */
function filesUnder(chartDir: string, sub: string): string[] {
  const root = path.join(chartDir, sub);
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(chartDir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

/** kustomize over the rendered files with the release's patches; the result replaces the content directories. */
async function patch(chartDir: string, resources: string[], r: ChartifyRequest): Promise<void> {
  const crdsFromTemplates = resources.some((f) => f.startsWith("templates/crds/"));
  const k = patchKustomization(resources, r.patches);
  for (const [rel, text] of Object.entries(k.files)) {
    fs.mkdirSync(path.dirname(path.join(chartDir, rel)), { recursive: true });
    fs.writeFileSync(path.join(chartDir, rel), text);
  }
  fs.writeFileSync(path.join(chartDir, "kustomization.yaml"), k.kustomization);
  const output = path.join(chartDir, "all.patched.yaml");
  await r.kustomize.build({ dir: chartDir, output, what: `${r.what}: patches`, secrets: r.secrets });
  const split = splitPatched(fs.readFileSync(output, "utf8"));
  for (const f of [...CONTENT_DIRS, "strategicmergepatches", "jsonpatches", "kustomization.yaml", "all.patched.yaml"]) {
    fs.rmSync(path.join(chartDir, f), { recursive: true, force: true });
  }
  if (split.crdCount > 0) {
    const dir = crdsFromTemplates ? path.join(chartDir, "templates", "crds") : path.join(chartDir, "crds");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "patched_crds.yaml"), split.crds);
  }
  if (split.resourceCount > 0) {
    fs.mkdirSync(path.join(chartDir, "templates"), { recursive: true });
    fs.writeFileSync(path.join(chartDir, "templates", "patched_resources.yaml"), split.resources);
  }
}

/**
 * templates/ and charts/ move under files/, and each file is replaced by a template that prints it unchanged
 * (`{{ .Files.Get "files/<path>" }}`), so the next helm render does not render the already rendered text again; the
 * rendered subcharts' templates end up under templates/charts/. crds/ stays as it is (helm does not template it).
 */
function rewriteToPreventDoubleRendering(chartDir: string): void {
  const filesDir = path.join(chartDir, "files");
  fs.mkdirSync(filesDir, { recursive: true });
  for (const d of ["templates", "charts"]) {
    const src = path.join(chartDir, d);
    if (!fs.existsSync(src)) continue;
    fs.renameSync(src, path.join(filesDir, d));
    for (const rel of filesUnder(filesDir, d)) {
      const f = path.join(chartDir, rel);
      fs.mkdirSync(path.dirname(f), { recursive: true });
      fs.writeFileSync(f, `{{ .Files.Get "files/${rel}" }}`);
    }
    if (d === "charts") {
      fs.mkdirSync(path.join(chartDir, "templates"), { recursive: true });
      fs.renameSync(path.join(chartDir, "charts"), path.join(chartDir, "templates", "charts"));
    }
  }
}
