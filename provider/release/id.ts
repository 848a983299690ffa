/**
 * The one release id format: helmfile's ReleaseToID, `[kubeContext/][namespace/]name` (`ctx//name` when the namespace
 * is empty). The loader uses it for `needs`; the provider for resource ids and messages, with the namespace defaulted.
 */
export function releaseIdOf(r: { name: string; namespace?: string; kubeContext?: string }): string {
  let id = "";
  if (r.kubeContext) id += `${r.kubeContext}/`;
  if (r.namespace) id += `${r.namespace}/`;
  if (r.kubeContext && !r.namespace) id += "/";
  return id + r.name;
}
