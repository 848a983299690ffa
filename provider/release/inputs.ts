/**
 * The inputs of one helm release as the provider receives them (Pulumi Outputs already resolved): helmfile's release
 * fields in camelCase, plus what the SDK computes (`chartDigest`, `rendered`).
 */
import type { RepositorySpec } from "../cache/chart-source";
import { type DependencyInput, dependencyProblems } from "../cache/dependencies";
import { type JsonPatchInput, type PatchDocument, patchProblems } from "../chartify/kustomization";
import { type DriftDetection, driftProblems } from "../drift/rules";
import type { HookRun } from "../hooks/types";
import type { ReleaseRef } from "../helm/types";
import { HelmOptions, OPTION_NAMES } from "../helm/options";
import type { RenderedSummary, SecretDigests, SummaryOptions } from "../manifest/summary";
import { OWNER_LABEL_PREFIX, Owner, ownerProblems } from "./ownership";
import { releaseIdOf } from "./id";

/** One `set` entry (helmfile's shape). */
export interface SetInput {
  name: string;
  value?: unknown;
  /** Path of a file whose content is the value (helm's --set-file), relative to `baseDir`. */
  file?: string;
  /** A list value. */
  values?: unknown[];
}

/** A release's inputs: what it is (name, chart, values, cluster), its helm options (./helm/options.ts), and the SDK's. */
export interface ReleaseInputs extends HelmOptions {
  name: string;
  /** @default "default" */
  namespace?: string;
  chart: string;
  version?: string;
  repository?: RepositorySpec;
  /** Base directory of relative local chart paths, values files and set files. @default the program's directory */
  baseDir?: string;
  /** Values objects or values file paths, applied in order. */
  values?: (Record<string, unknown> | string)[];
  set?: SetInput[];
  setString?: { name: string; value: string }[];
  /** Plain HTTP to the OCI registry of `chart` (helmfile's release `plainHttp`). */
  plainHttp?: boolean;
  /** Skip TLS verification when fetching the chart (helmfile's release `insecureSkipTLSVerify`). */
  insecureSkipTLSVerify?: boolean;
  /** Use a local chart without `helm dependency build`. */
  skipDeps?: boolean;
  /**
   * Ad-hoc chart dependencies (helmfile's release `dependencies:`): added to a copy of the chart's Chart.yaml, each
   * fetched through the shared cache into its charts/ (../cache/dependencies.ts).
   */
  dependencies?: DependencyInput[];
  /**
   * JSON patches applied to the rendered objects before helm installs them (helmfile's `jsonPatches`, through
   * chartify and kustomize): `{target: {kind, name, …}, patch: [{op, path, value}, …]}` each.
   */
  jsonPatches?: JsonPatchInput[];
  /** Strategic-merge patches of the rendered objects (helmfile's `strategicMergePatches`): partial objects or YAML text. */
  strategicMergePatches?: PatchDocument[];
  /** kustomize transformers run over the rendered objects (helmfile's `transformers`): configurations or YAML text. */
  transformers?: PatchDocument[];
  /** Set this namespace on every rendered object that has none (helmfile's `forceNamespace`, through chartify). */
  forceNamespace?: string;
  /** kustomize binary for the patch step. @default $PULUMI_HELMFILE_KUSTOMIZE, $KUSTOMIZE_BIN, else `kustomize` on PATH */
  kustomizeBinary?: string;
  kubeContext?: string;
  /** Kubeconfig file content (may be a secret). Without it helm uses $KUBECONFIG or ~/.kube/config. */
  kubeconfig?: string;
  /**
   * The stack and resource that own the release (set by the SDK): recorded as release labels on every install and
   * upgrade, and checked before any change, so no other stack installs over, upgrades or uninstalls it.
   */
  owner?: Owner;
  /**
   * Take over an existing release that no stack owns (installed by helm or helmfile) instead of failing: it is
   * upgraded in place (revision + 1, not reinstalled) and owned by this stack from then on. A release another stack
   * owns is never taken over — unless `adopt` names that stack (`"org/project/stack"`), to move a release between
   * stacks after the owning stack dropped it from its state.
   * @default false
   */
  adopt?: boolean | string;
  /** Roll a release stuck in pending-* back to its last deployed revision (or uninstall a never-deployed one). */
  recoverPending?: boolean;
  /** `helm uninstall --keep-history` on delete. */
  keepHistory?: boolean;
  /** helm binary for this release. */
  helmBinary?: string;
  /** Chart cache directory. */
  cacheDir?: string;
  /** Identity of the chart's content (SDK-computed): changes when a local chart is edited. */
  chartDigest?: string;
  /** The rendered objects, masked (SDK-computed): what `pulumi preview --diff` shows. */
  rendered?: RenderedSummary;
  /** The plaintext of the secret inputs (SDK-computed; a Pulumi secret): redacted from helm's and hooks' output and errors. */
  secretValues?: string[];
  /** Digests of the rendered Secret objects' data (SDK-computed; always a Pulumi secret). */
  secretDigests?: SecretDigests;
  /**
   * helmfile hooks, rendered (one entry per hook and event; the Helmfile component builds them from `hooks:`). Run in
   * `baseDir` by create/update (prepare, preapply, presync, postsync, cleanup) and delete (preuninstall,
   * postuninstall, cleanup); never in a preview. Part of the inputs: a changed hook is a diff.
   */
  hooks?: HookRun[];
  /** How the preview summary is built. */
  preview?: SummaryOptions & { render?: boolean };
  /**
   * Drift of the release's objects (Flux's `driftDetection`): on refresh, the live objects are compared with the
   * release's manifest (../drift/detect.ts); `up` restores what differs. @default { mode: "enabled" }
   */
  driftDetection?: DriftDetection;
}

/** The helm options among a release's inputs (exactly the keys of the option table that are set). */
export function helmOptionsOf(i: HelmOptions): HelmOptions {
  return Object.fromEntries(OPTION_NAMES.filter((k) => i[k] !== undefined).map((k) => [k, i[k]]));
}

/** Release identity: `[kubeContext/]namespace/name` (helmfile's id of the release, namespace defaulted). */
export function releaseId(i: Pick<ReleaseInputs, "name" | "namespace" | "kubeContext">): string {
  return releaseIdOf({ name: i.name, namespace: i.namespace ?? "default", kubeContext: i.kubeContext });
}

/** Where helm finds the release: name, namespace (default "default"), kubeconfig and context. */
export function releaseRef(i: Pick<ReleaseInputs, "name" | "namespace" | "kubeconfig" | "kubeContext">): ReleaseRef {
  return { name: i.name, namespace: i.namespace ?? "default", kubeconfig: i.kubeconfig, kubeContext: i.kubeContext };
}

/** helm flags choosing the cluster or namespace: in extra args, they would act where the provider does not look. */
const RETARGETING = /^(--kube-context|--kubeconfig|--namespace|--kube-apiserver|--kube-token|--kube-as-user|--kube-as-group|--kube-ca-file|--kube-tls-server-name|--kube-insecure-skip-tls-verify)(=|$)|^-n/;

/** Validation problems of inputs, as {property, reason} (an empty list when valid). */
export function validateInputs(i: Partial<ReleaseInputs>): { property: string; reason: string }[] {
  const f: { property: string; reason: string }[] = [];
  const dns = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
  if (typeof i.name !== "string" || !i.name) f.push({ property: "name", reason: "a release name is required" });
  else if (i.name.length > 53) f.push({ property: "name", reason: `release name '${i.name}' is longer than helm's limit of 53 characters` });
  else if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(i.name)) {
    f.push({ property: "name", reason: `release name '${i.name}' is invalid: helm accepts lowercase letters, digits, '-' and '.', starting and ending alphanumeric` });
  }
  if (i.namespace !== undefined && (typeof i.namespace !== "string" || i.namespace.length > 63 || !dns.test(i.namespace))) {
    f.push({ property: "namespace", reason: `namespace '${String(i.namespace)}' is not a valid Kubernetes namespace name` });
  }
  for (const k of Object.keys(i.labels ?? {})) {
    if (k.startsWith(OWNER_LABEL_PREFIX)) f.push({ property: "labels", reason: `label '${k}': the '${OWNER_LABEL_PREFIX}' labels record the release's owner and are set by pulumi-helmfile` });
  }
  for (const reason of ownerProblems(i.owner)) f.push({ property: "owner", reason });
  if (typeof i.chart !== "string" || !i.chart) f.push({ property: "chart", reason: "a chart is required" });
  f.push(...dependencyProblems(i.dependencies));
  f.push(...patchProblems(i));
  for (const k of ["args", "syncArgs"] as const) {
    const a = (i[k] ?? []).find((x) => RETARGETING.test(x));
    if (a) f.push({ property: k, reason: `${k}: '${a}' points helm at another cluster or namespace than the one the ownership checks and refresh read the release from; set kubeContext, kubeconfig or namespace instead` });
  }
  f.push(...driftProblems(i.driftDetection));
  if (i.timeout !== undefined && !(Number.isInteger(i.timeout) && i.timeout > 0)) f.push({ property: "timeout", reason: "timeout is a positive number of seconds" });
  if (i.historyMax !== undefined && !(Number.isInteger(i.historyMax) && i.historyMax >= 0)) f.push({ property: "historyMax", reason: "historyMax is a non-negative integer" });
  return f;
}
