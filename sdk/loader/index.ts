/**
 * The helmfile state loader: reads helmfile.yaml / helmfile.yaml.gotmpl (or a TypeScript-declared spec) and
 * resolves it with helmfile's semantics into a {@link HelmfileState}. Pure: no Pulumi, no helm, no cluster.
 */
export { loadHelmfile, resolveHelmfileSpec, type LoadOptions, type ResolveSpecOptions } from "./load";
export { HelmfileLoadError, type LoadErrorLocation } from "./errors";
export { findStateFiles } from "./paths";
export { parseSelector, selectorLabels, selectorsMatch, type LabelFilter } from "./selectors";
export { releaseId } from "./releaseId";
export { templatingAvailable } from "./render";
