/**
 * The chart a release deploys — one resolution for the preview render and for create/update, so what the preview
 * shows is what gets installed: the release's chart from the shared cache, composed with its ad-hoc `dependencies`
 * (../cache/dependencies.ts) when it has any.
 */
import type { ResolvedChart } from "../cache";
import { withDependencies } from "../cache/dependencies";
import { chartCacheFor } from "./context";
import type { ReleaseInputs } from "./inputs";
import { chartRequestOf } from "./render";

/** With no network and no helm process (pinned and cached, or local), or undefined. */
export async function lookupReleaseChart(i: ReleaseInputs): Promise<ResolvedChart | undefined> {
  return withDependencies(chartCacheFor(i), chartRequestOf(i), i.dependencies ?? [], "lookup").catch(() => undefined);
}

/** Resolved through the cache (downloading what is missing, each chart@version once). */
export async function resolveReleaseChart(i: ReleaseInputs): Promise<ResolvedChart> {
  return (await withDependencies(chartCacheFor(i), chartRequestOf(i), i.dependencies ?? [], "resolve")) as ResolvedChart;
}
