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
import { parse, parseAllDocuments, stringify } from "yaml";
import { extractChartArchive } from "../cache/chart-extract";
import { PrivateTempDir } from "../helm/temp-files";
import { PulumiHelmfileError } from "../errors";
import { KustomizeError, type KustomizeDriver } from "../kustomize/driver";
import { setNamespace } from "./namespace";
import { hasPatches, PatchInputError, patchKustomization, type PatchInputs, smpTargets, splitPatched, type TargetedObject, targetMatches } from "./kustomization";

/** chartify's content directories. */
const CONTENT_DIRS = ["templates", "charts", "crds"] as const;

/** What a chartify run needs: the chart, what to change, and how to render and build (the drivers). */
export interface ChartifyRequest {
  /** The release's chart: a directory or an archive. */
  chartPath: string;
  /** The chart is a kustomization or a directory of manifests (a chart is generated from it). */
  generated?: "kustomization" | "manifests";
  /** The generated chart's version (the release's `version`). @default "1.0.0" */
  chartVersion?: string;
  /** The release's namespace: set on a manifests directory's objects that have none (chartify does). */
  namespace?: string;
  /** helmfile's `forceNamespace`: set on every rendered object that has no namespace. */
  forceNamespace?: string;
  /** What chartify takes from the values files for a kustomization (`kustomize edit set …`), and helm for `--enable-helm`. */
  kustomization?: KustomizationEdits;
  patches: PatchInputs;
  /** `helm template --output-dir <outputDir>` of `chartDir` with the release's values and options. */
  render: (chartDir: string, outputDir: string) => Promise<void>;
  /** Needed for patches and kustomizations. */
  kustomize?: KustomizeDriver;
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
    if (r.generated === "kustomization") await kustomizationChart(chartDir, r);
    else if (r.generated === "manifests") manifestsChart(chartDir, r);
    else if (fs.statSync(r.chartPath).isDirectory()) fs.cpSync(r.chartPath, chartDir, { recursive: true });
    else extractChartArchive(r.chartPath, chartDir);
    if (r.generated) {
      fs.writeFileSync(path.join(chartDir, "Chart.yaml"), `name: ${JSON.stringify(path.basename(path.resolve(r.chartPath)))}\nversion: ${r.chartVersion || "1.0.0"}\napiVersion: v2\n`);
      rewriteToPreventDoubleRendering(chartDir);
    }
    const resources = await replaceWithRendered(chartDir, r);
    const namespace = r.forceNamespace || (r.generated === "manifests" ? r.namespace : undefined);
    if (namespace) {
      for (const rel of resources) {
        const f = path.join(chartDir, rel);
        try {
          fs.writeFileSync(f, setNamespace(fs.readFileSync(f, "utf8"), namespace));
        } catch (e) {
          throw new ChartifyError(`${r.what}: setting namespace ${namespace} in ${rel}: ${(e as Error).message}`, { cause: e });
        }
      }
    }
    if (hasPatches(r.patches) && resources.length > 0) await patch(chartDir, resources, r);
    rewriteToPreventDoubleRendering(chartDir);
    return { path: chartDir, cleanup: () => tmp.remove() };
  } catch (e) {
    tmp.remove();
    throw e;
  }
}

function kustomizeOf(r: ChartifyRequest): KustomizeDriver {
  if (!r.kustomize) throw new ChartifyError(`${r.what}: kustomize is needed but was not given`);
  return r.kustomize;
}

/** A chartify failure that is not helm's or kustomize's (a bad manifests directory, an unparsable render). */
export class ChartifyError extends PulumiHelmfileError {
  override readonly name: string = "ChartifyError";
}

/**
 * A directory of manifests as a chart (chartify's `!isChart` branch): copied, every *.yaml/*.yml moved under
 * templates/ at the same relative path (a subdirectory emptied that way is removed).
 */
function manifestsChart(chartDir: string, r: ChartifyRequest): void {
  fs.cpSync(r.chartPath, chartDir, { recursive: true });
  const all = (fs.readdirSync(chartDir, { recursive: true, withFileTypes: true }) as fs.Dirent[]).filter((e) => e.isFile());
  const gotmpl = all.find((e) => e.name.endsWith(".gotmpl"));
  if (gotmpl) {
    throw new ChartifyError(`${r.what}: ${path.relative(chartDir, path.join(gotmpl.parentPath, gotmpl.name))} in the manifests directory ${r.chartPath}: .gotmpl manifests are not supported; render them into plain YAML`);
  }
  const templates = path.join(chartDir, "templates");
  fs.mkdirSync(templates, { recursive: true });
  const used = new Set<string>();
  for (const e of all.filter((x) => /\.ya?ml$/.test(x.name)).sort((a, b) => (path.join(a.parentPath, a.name) < path.join(b.parentPath, b.name) ? -1 : 1))) {
    const abs = path.join(e.parentPath, e.name);
    const rel = path.relative(chartDir, abs);
    const dst = path.join(templates, rel);
    if (!fs.existsSync(path.dirname(dst))) {
      fs.mkdirSync(path.dirname(dst), { recursive: true });
      used.add(path.dirname(abs));
    }
    fs.renameSync(abs, dst);
  }
  for (const d of used) fs.rmSync(d, { recursive: true, force: true });
}

/** chartify's kustomization edits: from the release's values files, and the helm binary for `--enable-helm`. */
export interface KustomizationEdits {
  images: { name: string; newName?: string; newTag?: string; digest?: string }[];
  namePrefix?: string;
  nameSuffix?: string;
  namespace?: string;
  helmBinary: string;
}

/**
 * A kustomization as a chart (chartify's KustomizeBuild): a kustomization whose base is the release's directory, edited
 * with the values' images, name prefix/suffix and namespace, built into templates/kustomized.yaml.
 */
async function kustomizationChart(chartDir: string, r: ChartifyRequest): Promise<void> {
  const k = r.kustomization!;
  fs.mkdirSync(path.join(chartDir, "templates"), { recursive: true });
  const file = path.join(chartDir, "kustomization.yaml");
  fs.writeFileSync(file, `bases:\n- ${path.relative(fs.realpathSync(chartDir), path.resolve(r.chartPath))}\n`);
  const what = `${r.what}: kustomization ${r.chartPath}`;
  if (k.images.length) {
    await kustomizeOf(r).editSet(chartDir, "image", k.images.map((i) => `${i.name}${i.newName ? `=${i.newName}` : ""}${i.newTag ? `:${i.newTag}` : ""}${i.digest ? `@${i.digest}` : ""}`), what);
  }
  if (k.namePrefix) await kustomizeOf(r).editSet(chartDir, "nameprefix", [k.namePrefix], what);
  if (k.nameSuffix) await kustomizeOf(r).editSet(chartDir, "namesuffix", [k.nameSuffix], what);
  if (k.namespace) await kustomizeOf(r).editSet(chartDir, "namespace", [k.namespace], what);
  const flags = ["--load-restrictor=LoadRestrictionsNone", "--enable-helm", `--helm-command=${k.helmBinary}`];
  await kustomizeOf(r).build({ dir: chartDir, output: path.join(chartDir, "templates", "kustomized.yaml"), what, secrets: r.secrets, flags });
  fs.rmSync(file);
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
  if (entries.length > 1 || (entries.length === 1 && !rendered)) throw new ChartifyError(`${r.what}: unexpected helm output under ${out}`);
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
    fs.writeFileSync(chartYaml, stringify(meta, { version: "1.1" }));
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
  const objects = resources.flatMap((rel) => renderedObjects(path.join(chartDir, rel)));
  (r.patches.jsonPatches ?? []).forEach((j, n) => {
    // kustomize applies a JSON patch whose target selects nothing silently: say so instead of installing unpatched.
    if (!objects.some((o) => targetMatches(j.target ?? {}, o))) {
      throw new PatchInputError(`${r.what}: jsonPatches[${n}] matches none of the rendered objects (target ${JSON.stringify(j.target ?? {})})`);
    }
  });
  (r.patches.strategicMergePatches ?? []).forEach((d, n) => {
    const missing = smpTargets(d).find((t) => !objects.some((o) => targetMatches(t, o)));
    if (missing) throw new PatchInputError(`${r.what}: strategicMergePatches[${n}] patches ${missing.kind.replace(/\\/g, "")} ${missing.name.replace(/\\/g, "")}, which is not among the rendered objects`);
  });
  const k = patchKustomization(resources, r.patches);
  for (const [rel, text] of Object.entries(k.files)) {
    fs.mkdirSync(path.dirname(path.join(chartDir, rel)), { recursive: true });
    fs.writeFileSync(path.join(chartDir, rel), text);
  }
  fs.writeFileSync(path.join(chartDir, "kustomization.yaml"), k.kustomization);
  const output = path.join(chartDir, "all.patched.yaml");
  await kustomizeOf(r).build({ dir: chartDir, output, what: `${r.what}: patches`, secrets: r.secrets }).catch((e: unknown) => {
    throw new KustomizeError(namePatchFiles(e instanceof Error ? e.message : String(e)), { cause: e });
  });
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

/** The objects of a rendered file (documents that are maps). */
function renderedObjects(file: string): TargetedObject[] {
  const docs = parseAllDocuments(fs.readFileSync(file, "utf8"));
  return (Array.isArray(docs) ? docs : [docs]).map((d) => d.toJS() as unknown).filter((o): o is TargetedObject => typeof o === "object" && o !== null && !Array.isArray(o));
}

/** kustomize names the generated patch files; say which release input each is. */
function namePatchFiles(message: string): string {
  return message
    .replace(/(?:\S*\/)?strategicmergepatches\/patch\.(\d+)\.yaml/g, "strategicMergePatches[$1]")
    .replace(/(?:\S*\/)?jsonpatches\/patch\.(\d+)\.yaml/g, "jsonPatches[$1]")
    .replace(/(?:\S*\/)?transformers\/transformer\.(\d+)\.yaml/g, "transformers[$1]");
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
