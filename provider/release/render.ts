/**
 * Rendering a release for preview: `helm template` with the release's values (chart from the shared cache), parsed
 * into objects and masked. Results are cached on disk by a digest of everything that shapes them (chart content,
 * values, options, helm major version), so an unchanged release costs no helm process and no network.
 */
import * as path from "node:path";
import { ChartRequest, ResolvedChart } from "../cache";
import { parseManifest } from "../manifest/objects";
import { RenderedPreview, summarize } from "../manifest/summary";
import { previewOptions } from "../helm/options";
import { patchKeyOf, withDeployChart } from "./deploy-chart";
import { templateRequest } from "./template-request";
import { RenderCache } from "./render-cache";
import { lookupReleaseChart, resolveReleaseChart } from "./release-chart";
import { chartCacheFor, driverFor } from "./context";
import { ReleaseInputs } from "./inputs";
import { setEntries, valuesObjects } from "./values";

/** The chart request of a release. */
export function chartRequestOf(i: ReleaseInputs): ChartRequest {
  return {
    chart: i.chart, version: i.version, repository: i.repository, baseDir: i.baseDir, plainHttp: i.plainHttp,
    insecureSkipTLSVerify: i.insecureSkipTLSVerify, devel: i.devel, skipDeps: i.skipDeps,
  };
}

/** The chart with no network and no process when possible (pinned + cached, or local), else resolved. */
export async function chartOf(i: ReleaseInputs): Promise<ResolvedChart> {
  // With its ad-hoc dependencies, if any (./release-chart.ts: the same resolution create/update uses).
  return (await lookupReleaseChart(i)) ?? resolveReleaseChart(i);
}

/** What a render depends on (plaintext values and secrets included: the cache keys it with an HMAC). */
function renderParts(i: ReleaseInputs, chart: ResolvedChart, major: number, secrets: readonly string[]): unknown {
  const patches = patchKeyOf(i, chart);
  return {
    v: 2,
    chart: chart.digest,
    name: i.name,
    namespace: i.namespace ?? "default",
    values: valuesObjects(i),
    set: setEntries(i),
    setString: i.setString ?? [],
    options: previewOptions(i),
    summary: [i.preview?.maxObjectBytes, i.preview?.digestOnlyCrds],
    ...(patches ? { patches } : {}),
    major,
    secrets: [...secrets].sort(),
  };
}

/** Result of a preview render. */
export interface RenderResult extends RenderedPreview {
  chart: ResolvedChart;
  /** Whether helm ran (false: served from the render cache). */
  rendered: boolean;
}

const renderCaches = new Map<string, RenderCache>();
function renderCacheFor(i: ReleaseInputs): RenderCache {
  const dir = path.join(chartCacheFor(i).dir, "v2", "renders");
  let c = renderCaches.get(dir);
  if (!c) {
    renderCaches.set(dir, (c = new RenderCache(dir)));
    c.prune();
  }
  return c;
}

/** Render (or fetch from the render cache) the masked summary of a release. `secrets`: plaintext secret values to hide. */
export async function renderRelease(i: ReleaseInputs, secrets: readonly string[] = []): Promise<RenderResult> {
  const chart = await chartOf(i);
  const helm = driverFor(i);
  const { major } = await helm.binary();
  const cache = renderCacheFor(i);
  const name = cache.entryName(renderParts(i, chart, major, secrets));
  const hit = cache.get(name);
  if (hit) return { chart, ...hit, rendered: false };
  const manifest = await withDeployChart(i, chart, { secrets }, (chartPath) => helm.template(templateRequest(i, chartPath, secrets)));
  const preview = summarize(parseManifest(manifest, i.namespace ?? "default"), secrets, i.preview);
  cache.put(name, preview);
  return { chart, ...preview, rendered: true };
}

/**
 * The release's manifests as `helm template` prints them (not masked: for the CLI, like `helmfile template`).
 * `extraArgs` end the `helm template` command line (the CLI's helmfile flags: `--skip-tests`, `--show-only`, `--args`…).
 */
export async function templateRelease(i: ReleaseInputs, extraArgs: readonly string[] = []): Promise<string> {
  const chart = await chartOf(i);
  return withDeployChart(i, chart, { secrets: [] }, (chartPath) => driverFor(i).template({ ...templateRequest(i, chartPath, []), extraArgs: [...extraArgs] }));
}

