/**
 * pulumi-helmfile: helmfile releases as Pulumi resources.
 *
 * - {@link HelmRelease}: one helm release (create, diff with a per-object preview, update, refresh, delete via helm).
 */
export { HelmRelease } from "./release";
export type { HelmReleaseArgs, RepositoryArgs } from "./release";
