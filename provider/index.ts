/**
 * What the Pulumi engine runs: the HelmRelease dynamic provider's implementation. The serialized provider in each
 * resource is a thin shim (sdk/shim.ts) that requires this module by package name at call time, so the helm driver,
 * the chart cache and their locks live here, once per process.
 */
import * as handlers from "./release/handlers";

/** The provider object the shim delegates to (pulumi.dynamic.ResourceProvider shape). */
export const provider = {
  check: handlers.check,
  diff: handlers.diff,
  create: handlers.create,
  update: handlers.update,
  read: handlers.read,
  delete: handlers.remove,
};

/** The provider of global (state-level) hooks resources (provider/hooks/global.ts). */
export { stateHooksProvider } from "./hooks/global";
export type { StateHooksInputs } from "./hooks/global";
export type { HookRun } from "./hooks/types";
export { HELMFILE_LOCK_VERSION, updateLockFile } from "./deps";
export type { LockUpdate, LockDependency } from "./deps";
export { renderRelease, templateRelease, chartOf } from "./release/render";
export { setProgressSink, type ProgressSink } from "./release/context";
export type { ReleaseInputs, SetInput } from "./release/inputs";
export type { DependencyInput } from "./cache/dependencies";
export type { ReleaseOutputs, ReleaseState, ObjectRef } from "./release/outputs";
export type { DriftDetection, DriftIgnoreRule, DriftTarget } from "./drift/rules";
export type { ObjectDrift, DriftedField } from "./drift/compare";
export { createChartCache, ChartCache, ChartResolutionError } from "./cache";
export type { RepositorySpec, ChartRequest, ResolvedChart } from "./cache";
export { HelmError } from "./helm/errors";
