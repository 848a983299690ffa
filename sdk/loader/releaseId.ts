/** Release ids and `needs` normalisation (ReleaseToID, HelmState.reformat). */

import { releaseIdOf } from "../../provider/release/id";

/** helmfile's ReleaseToID: `[ctx/][ns/]name`, `ctx//name` when the namespace is empty (one definition: provider/release/id.ts). */
export const releaseId = releaseIdOf;

/** Resolves a need (`name`, `ns/name`, `ctx/ns/name`) to an id, defaulting ns/ctx to the needing release's. */
export function needToId(need: string, from: { namespace?: string; kubeContext?: string }): string {
  const c = need.split("/");
  const name = c[c.length - 1];
  const ns = c.length > 1 ? c[c.length - 2] : from.namespace;
  const ctx = c.length > 2 ? c.slice(0, c.length - 2).join("/") : from.kubeContext;
  return releaseId({ name, namespace: ns || undefined, kubeContext: ctx || undefined });
}
