/**
 * What becomes of every key of a helmfile state, one table per helmfile struct (HelmState, HelmSpec, ReleaseSpec,
 * EnvironmentSpec, RepositorySpec; helmfile v1.8.0). Each key is one of:
 * - `option`: a helm option of the release, passed to the provider under that input name (provider/helm/options.ts
 *   says which flag it becomes on which command, for helm 3 and 4);
 * - `release`: what the release is (name, chart, values…), used by the loader, the SDK and the provider;
 * - `loader`: it shapes loading itself (templating, selection, merging, file lookup);
 * - `ignored`: it only matters to a helmfile command this project does not run (helm-diff's validation, `helmfile
 *   unittest`, `helmfile doctor`…), or helmfile itself ignores it — the reason says which;
 * - `rejected`: not supported (yet); a value that would take effect ({@link isSet}, or the use's `when`) fails the load with file, line and key.
 * The tables are total over the state types (a key added to a type without a use does not compile), and the schema
 * walker (./schema.ts) applies the rejections, so "decoded and ignored" cannot happen silently.
 */
import type { ReleaseInputs } from "../../provider/release/inputs";
import type { EnvironmentSpec, HelmDefaults, HelmfileSpec, ReleaseSpec, RepositorySpec } from "../state/types";

/** The use of one key. */
export type KeyUse =
  | { use: "option"; input: keyof ReleaseInputs }
  | { use: "release" | "loader"; what: string }
  | { use: "ignored"; why: string }
  | { use: "rejected"; why: string; when?: (value: unknown) => boolean };

/** A value that would take effect: true, a non-empty string, list or map, any number. */
export function isSet(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === "object") return Object.keys(v).length > 0;
  return true;
}

const option = (input: keyof ReleaseInputs): KeyUse => ({ use: "option", input });
const release = (what: string): KeyUse => ({ use: "release", what });
const loader = (what: string): KeyUse => ({ use: "loader", what });
const ignored = (why: string): KeyUse => ({ use: "ignored", why });
const rejected = (why: string): KeyUse => ({ use: "rejected", why });

const DIFF_ONLY = ignored("used only by helm-diff in `helmfile diff`/`apply`; `pulumi preview` renders with `helm template`");
const KUBEDOG = loader("kubedog tracking: kept in the resolved state; a trackMode other than `helm` is refused (./tracking.ts)");
const NO_PROVENANCE = "chart provenance verification (--verify/--keyring) is not supported by the shared chart cache";
const PATCHES = release("read by the loader (./patches.ts); applied by the provider with kustomize to the rendered chart, as chartify does (provider/chartify/)");
const RELEASE_HOOKS = release("helmfile hooks: rendered by the loader (./hooks.ts), run by the provider around helm (provider/hooks/)");
/**
 * helmfile fires only prepare and cleanup for state-level hooks, once per command (pkg/app/run.go); they run as the
 * state's global hooks resources (./hooks.ts resolveGlobalHooks, provider/hooks/global.ts). A hook of any other event
 * there would never run: refused.
 */
const GLOBAL_HOOKS: KeyUse = {
  use: "rejected",
  why: "a global (state-level) hook of an event other than prepare or cleanup is not run: helmfile fires only prepare and cleanup at the top level; move it to the releases it belongs to",
  when: (v) => Array.isArray(v) && v.some((h) => isPlainObject(h) && Array.isArray(h.events) && h.events.some((e) => e !== "prepare" && e !== "cleanup")),
};
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const SOPS = (what: string) => loader(`sops files decrypted by the real sops (./secrets/), ${what}; everything derived is a Pulumi secret`);

/** The options every release shares with `helmDefaults` (the release's value wins; see ./releaseOptions.ts). */
const SHARED_OPTIONS = {
  kubeContext: release("where the release is deployed (`--kube-context`)"),
  verify: rejected(NO_PROVENANCE),
  keyring: rejected(NO_PROVENANCE),
  enableDNS: option("enableDNS"),
  skipSchemaValidation: option("skipSchemaValidation"),
  devel: option("devel"),
  wait: option("wait"),
  waitRetries: ignored("helmfile ignores it too (helm removed --wait-retries)"),
  waitForJobs: option("waitForJobs"),
  timeout: option("timeout"),
  recreatePods: rejected("--recreate-pods does not exist in helm 4 and does nothing in helm 3; use a checksum annotation to roll pods"),
  force: option("force"),
  atomic: option("atomic"),
  rollbackOnFailure: option("rollbackOnFailure"),
  cleanupOnFail: option("cleanupOnFail"),
  forceConflicts: option("forceConflicts"),
  historyMax: option("historyMax"),
  createNamespace: option("createNamespace"),
  skipDeps: option("skipDeps"),
  skipRefresh: ignored("dependency builds never refresh repositories here: the chart cache's helm homes hold none"),
  resolveOCIVersions: ignored("OCI version ranges are always resolved (once per process) by the chart cache"),
  reuseValues: option("reuseValues"),
  postRenderer: option("postRenderer"),
  postRendererArgs: option("postRendererArgs"),
  cascade: option("cascade"),
  suppressOutputLineRegex: DIFF_ONLY,
  disableAutoDetectedKubeVersionForDiff: DIFF_ONLY,
  disableValidation: DIFF_ONLY,
  disableOpenAPIValidation: option("disableOpenAPIValidation"),
  insecureSkipTLSVerify: option("insecureSkipTLSVerify"),
  plainHttp: option("plainHttp"),
  deleteWait: option("deleteWait"),
  deleteTimeout: option("deleteTimeout"),
  syncReleaseLabels: loader("the release's labels become helm release labels (`--labels`)"),
  takeOwnership: option("takeOwnership"),
  serverSide: option("serverSide"),
  trackMode: KUBEDOG,
  helmStuckGrace: KUBEDOG,
} as const satisfies Partial<Record<keyof HelmDefaults & keyof ReleaseSpec, KeyUse>>;

/** `helmDefaults` (HelmSpec). */
export const HELM_DEFAULTS_KEYS: { [K in keyof Required<HelmDefaults>]: KeyUse } = {
  ...SHARED_OPTIONS,
  args: option("args"),
  diffArgs: DIFF_ONLY,
  syncArgs: option("syncArgs"),
  templateArgs: option("templateArgs"),
  skipCRDs: option("skipCrds"),
};

/** `releases[]` and `templates.*` (ReleaseSpec). */
export const RELEASE_KEYS: { [K in keyof Required<ReleaseSpec>]: KeyUse } = {
  ...SHARED_OPTIONS,
  name: release("the helm release name"),
  chart: release("the chart: a local path, `repo/chart` or `oci://…`"),
  chartPath: rejected("chartPath is helmfile's internal field; use chart"),
  directory: rejected("directory has no effect in helmfile (chart is required); use chart"),
  version: release("the chart version or range"),
  namespace: release("the release namespace"),
  labels: loader("selectors (`-l`); helm release labels with syncReleaseLabels"),
  values: release("values files and inline values, in order"),
  secrets: SOPS("after the release's values"),
  set: release("--set / --set-file entries"),
  setString: release("--set-string entries"),
  valuesTemplate: loader("rendered with release data, prepended to values"),
  setTemplate: loader("rendered with release data, prepended to set"),
  needs: release("dependsOn between the releases' resources"),
  installed: release("false: the release is uninstalled (not deployed)"),
  installedTemplate: loader("rendered into installed"),
  condition: loader("a false condition leaves the release out of this run"),
  conditionTemplate: loader("rendered into condition"),
  waitTemplate: loader("rendered into wait"),
  verifyTemplate: loader("rendered into verify"),
  inherit: loader("merges the named templates into the release"),
  missingFileHandler: loader("what a missing values file does"),
  missingFileHandlerConfig: ignored("ignoreMissingGitBranch only concerns remote (git) values files, which are refused"),
  hooks: RELEASE_HOOKS,
  unitTests: ignored("used only by `helmfile unittest`"),
  description: option("description"),
  updateStrategy: option("updateStrategy"),
  disableValidationOnInstall: DIFF_ONLY,
  apiVersions: option("apiVersions"),
  kubeVersion: option("kubeVersion"),
  env: release("--set entries from environment variables (name=$value)"),
  valuesPathPrefix: loader("prefix of values file paths"),
  dependencies: release("ad-hoc chart dependencies: added to a copy of the chart, each fetched through the chart cache"),
  jsonPatches: PATCHES,
  strategicMergePatches: PATCHES,
  transformers: PATCHES,
  adopt: rejected("helm has no --adopt flag (helmfile passes it and helm fails); use takeOwnership"),
  forceGoGetter: rejected("remote (go-getter) charts are not supported"),
  forceNamespace: release("set on every rendered object without a namespace, by the provider's chartify step (provider/chartify/namespace.ts)"),
  suppressDiff: DIFF_ONLY,
  trackTimeout: KUBEDOG,
  trackLogs: KUBEDOG,
  trackFailedLogs: KUBEDOG,
  trackKinds: KUBEDOG,
  skipKinds: KUBEDOG,
  trackResources: KUBEDOG,
  kubedogQPS: KUBEDOG,
  kubedogBurst: KUBEDOG,
  trackFailOnError: KUBEDOG,
};

/** Top-level keys (HelmState). */
export const STATE_KEYS: { [K in keyof Required<HelmfileSpec>]: KeyUse } = {
  helmBinary: release("the helm binary of every release, unless the program or the CLI names one"),
  kustomizeBinary: release("the kustomize binary of the releases with patches (provider/kustomize/driver.ts)"),
  values: loader("state values (defaults of .Values)"),
  environments: loader("environment values and kubeContext"),
  bases: loader("merged under this file"),
  helmDefaults: loader("defaults of every release's options"),
  helmfiles: loader("sub-helmfiles"),
  kubeContext: loader("overrides every release's kubeContext"),
  namespace: loader("overrides every release's namespace"),
  chart: loader("overrides every release's chart"),
  repositories: loader("chart repositories (classic and OCI), credentials"),
  commonLabels: loader("labels of every release"),
  releases: loader("the releases"),
  llm: ignored("used only by `helmfile doctor`"),
  apiVersions: loader("default apiVersions of every release"),
  kubeVersion: loader("default kubeVersion of every release"),
  hooks: GLOBAL_HOOKS,
  templates: loader("release templates for inherit"),
  defaultInherit: loader("templates every release inherits"),
  missingFileHandler: loader("what a missing values file does"),
  missingFileHandlerConfig: ignored("ignoreMissingGitBranch only concerns remote (git) values files, which are refused"),
  lockFilePath: release("the lock file (default `<file>.lock`) whose versions are installed (./lockFile.ts)"),
  filepath: ignored("helmfile overwrites it with the file's own path"),
  renderedvalues: ignored("helmfile overwrites it with the computed state values"),
};

/** `environments.<name>` (EnvironmentSpec). */
export const ENVIRONMENT_KEYS: { [K in keyof Required<EnvironmentSpec>]: KeyUse } = {
  values: loader("environment values"),
  secrets: SOPS("merged over the environment's values"),
  kubeContext: loader("the environment's kubeContext"),
  missingFileHandler: loader("what a missing values file does"),
  missingFileHandlerConfig: ignored("ignoreMissingGitBranch only concerns remote (git) values files, which are refused"),
  mergeStrategy: loader("how values files merge"),
};

/** `repositories[]` (RepositorySpec). */
export const REPOSITORY_KEYS: { [K in keyof Required<RepositorySpec>]: KeyUse } = {
  name: loader("the `name/` prefix of charts"),
  url: release("the repository or registry"),
  oci: release("an OCI registry"),
  username: release("credentials (or <NAME>_USERNAME)"),
  password: release("credentials (or <NAME>_PASSWORD), kept secret"),
  caFile: release("TLS CA"),
  certFile: release("TLS client certificate"),
  keyFile: release("TLS client key"),
  skipTLSVerify: release("no TLS verification"),
  plainHttp: release("plain HTTP"),
  passCredentials: release("credentials passed to all domains"),
  verify: rejected(NO_PROVENANCE),
  keyring: rejected(NO_PROVENANCE),
  registryConfig: rejected("a registry config file per repository is not supported: give username/password (the chart cache logs in)"),
  managed: rejected("managed repositories (`az acr helm repo add`) are not supported: declare the registry as an OCI repository"),
};

/** The tables by the schema's struct name (./schema.ts). */
export const KEY_USES: Record<string, Record<string, KeyUse>> = {
  HelmState: STATE_KEYS,
  HelmSpec: HELM_DEFAULTS_KEYS,
  ReleaseSpec: RELEASE_KEYS,
  EnvironmentSpec: ENVIRONMENT_KEYS,
  RepositorySpec: REPOSITORY_KEYS,
};

/** Why `value` of `key` in struct `struct` cannot be loaded, or undefined when it can. */
export function rejection(struct: string, key: string, value: unknown): string | undefined {
  const u = KEY_USES[struct]?.[key];
  if (!u || u.use !== "rejected") return undefined;
  return (u.when ?? isSet)(value) ? u.why : undefined;
}
