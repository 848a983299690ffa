/**
 * pulumi-helmfile: helmfile releases as Pulumi resources.
 *
 * - {@link Helmfile}: an existing helmfile.yaml (or the same state in TypeScript), one HelmRelease per release.
 * - {@link HelmRelease}: one helm release (create, per-object preview diff, update, refresh, delete via helm).
 * - {@link loadHelmfile}: resolve a helmfile with helmfile's semantics, as data (no cluster, no Pulumi).
 */
export { HelmRelease } from "./release";
export type { HelmReleaseArgs, RepositoryArgs } from "./release";
export type { DriftDetection, DriftIgnoreRule, DriftTarget, ObjectDrift, DriftedField } from "../provider";
export { Helmfile } from "./helmfile";
export type { HelmfileArgs, HelmfileFileArgs, HelmfileSpecArgs } from "./helmfile";
export { loadHelmfile, resolveHelmfileSpec, HelmfileLoadError } from "./loader";
export type { LoadOptions, ResolveSpecOptions } from "./loader";
export type * from "./state";
