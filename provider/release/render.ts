/**
 * Rendering a release for preview: `helm template` with the release's values (chart from the shared cache), parsed
 * into objects and masked. Results are cached on disk by a digest of everything that shapes them (chart content,
 * values, options, helm major version), so an unchanged release costs no helm process and no network.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { ChartRequest, ResolvedChart } from "../cache";
import type { TemplateRequest } from "../helm/driver";
import { parseManifest } from "../manifest/objects";
import { RenderedSummary, summarize } from "../manifest/summary";
import { chartCacheFor, driverFor } from "./context";
import { ReleaseInputs } from "./inputs";
import { setEntries, valuesObjects } from "./values";

/** The chart request of a release. */
export function chartRequestOf(i: ReleaseInputs): ChartRequest {
  return { chart: i.chart, version: i.version, repository: i.repository, baseDir: i.baseDir, plainHttp: i.plainHttp, devel: i.devel, skipDeps: i.skipDeps };
}

/** The chart with no network and no process when possible (pinned + cached, or local), else resolved. */
export async function chartOf(i: ReleaseInputs): Promise<ResolvedChart> {
  const cache = chartCacheFor(i);
  return cache.lookup(chartRequestOf(i)) ?? cache.resolve(chartRequestOf(i));
}

const sha = (s: string) => crypto.createHash("sha256").update(s).digest("hex");

/** What a render depends on, hashed. Plaintext values only ever leave this function as a digest. */
function renderKey(i: ReleaseInputs, chart: ResolvedChart, major: number, secrets: readonly string[]): string {
  return sha(
    JSON.stringify({
      v: 1,
      chart: chart.digest,
      name: i.name,
      namespace: i.namespace ?? "default",
      values: valuesObjects(i),
      set: setEntries(i),
      setString: i.setString ?? [],
      opts: [i.skipCrds, i.disableHooks, i.postRenderer, i.postRendererArgs, i.devel, i.preview?.maxObjectBytes, i.preview?.digestOnlyCrds],
      major,
      secrets: sha(JSON.stringify([...secrets].sort())),
    }),
  );
}

/** Result of a preview render. */
export interface RenderResult {
  chart: ResolvedChart;
  summary: RenderedSummary;
  /** Whether helm ran (false: served from the render cache). */
  rendered: boolean;
}

/** Render (or fetch from the render cache) the masked summary of a release. `secrets`: plaintext secret values to hide. */
export async function renderRelease(i: ReleaseInputs, secrets: readonly string[] = []): Promise<RenderResult> {
  const chart = await chartOf(i);
  const helm = driverFor(i);
  const { major } = await helm.binary();
  const cacheDir = chartCacheFor(i).dir;
  const dir = path.join(cacheDir, "v1", "renders");
  const file = path.join(dir, `${renderKey(i, chart, major, secrets)}.json`);
  try {
    return { chart, summary: JSON.parse(fs.readFileSync(file, "utf8")) as RenderedSummary, rendered: false };
  } catch {
    /* not cached */
  }
  const manifest = await helm.template(templateRequest(i, chart, secrets));
  const summary = summarize(parseManifest(manifest, i.namespace ?? "default"), secrets, i.preview);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(summary), { mode: 0o600 });
  fs.renameSync(tmp, file);
  return { chart, summary, rendered: true };
}

/**
 * The release's manifests as `helm template` prints them (not masked: for the CLI, like `helmfile template`).
 * `extraArgs` end the `helm template` command line (the CLI's helmfile flags: `--skip-tests`, `--show-only`, `--args`…).
 */
export async function templateRelease(i: ReleaseInputs, extraArgs: readonly string[] = []): Promise<string> {
  return driverFor(i).template({ ...templateRequest(i, await chartOf(i), []), extraArgs: [...extraArgs] });
}

/** The `helm template` request of a release; `secrets` are redacted from anything helm reports. */
function templateRequest(i: ReleaseInputs, chart: ResolvedChart, secrets: readonly string[]): TemplateRequest {
  return {
    releaseName: i.name,
    namespace: i.namespace ?? "default",
    chartPath: chart.path,
    values: valuesObjects(i),
    set: setEntries(i),
    setString: i.setString,
    skipCrds: i.skipCrds,
    disableHooks: i.disableHooks,
    postRenderer: i.postRenderer,
    postRendererArgs: i.postRendererArgs,
    devel: i.devel,
    secrets: [...secrets],
  };
}
