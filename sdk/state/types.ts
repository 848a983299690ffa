/**
 * The helmfile state model shared by the loader, the CLI and the Pulumi SDK.
 *
 * Two sides:
 * - the **input** side ({@link HelmfileSpec}, {@link ReleaseSpec}, …) mirrors helmfile.yaml key for key (camelCase as
 *   written in a helmfile), so a parsed file and a TypeScript-declared state are the same data;
 * - the **resolved** side ({@link HelmfileState}, {@link ResolvedRelease}) is what the loader returns after helmfile's
 *   resolution (environments, bases, sub-helmfiles, templates/inherit, release templating, needs, selectors).
 *
 * Values inside a spec may be arbitrary objects: class instances (e.g. Pulumi Outputs) are treated as opaque leaves.
 */
import type { HelmOptions } from "../../provider/helm/options";
import type { HookRun } from "../../provider/hooks/types";

/** A chart repository (`repositories:` entry), classic or OCI. Key names are helmfile's. */
export interface RepositorySpec {
  /** Repository name, used as the `repo/` prefix of charts. */
  name: string;
  /** Repository URL; for OCI repositories `host/path` without scheme. */
  url?: string;
  /** True for an OCI registry (`helm registry login`, charts pulled as `oci://<url>/<chart>`). */
  oci?: boolean;
  /** User name; falls back to the env var `<NAME>_USERNAME` (name upper-cased, `-` → `_`). */
  username?: string;
  /** Password; falls back to the env var `<NAME>_PASSWORD`. */
  password?: string;
  /** CA bundle file (absolute after resolution). */
  caFile?: string;
  /** Client certificate file (absolute after resolution). */
  certFile?: string;
  /** Client key file (absolute after resolution). */
  keyFile?: string;
  /** Skip TLS verification (`--insecure-skip-tls-verify`). */
  skipTLSVerify?: boolean;
  /** Plain HTTP for OCI registries (`--plain-http`). */
  plainHttp?: boolean;
  /** Pass credentials to all domains (`--pass-credentials`). */
  passCredentials?: boolean;
  /** Verify chart provenance. */
  verify?: boolean;
  /** Keyring for verification. */
  keyring?: string;
  /** Registry config file for OCI. */
  registryConfig?: string;
  /** Managed registry kind (only `acr`). */
  managed?: string;
}

/** `helmDefaults:` — defaults applied to every release that does not set the field itself. */
export interface HelmDefaults {
  /** Default kube context (copied into releases without one; part of the release id). */
  kubeContext?: string;
  /** Extra helm args for every command. */
  args?: string[];
  /** Extra args for helm-diff. */
  diffArgs?: string[];
  /** Extra args for `helm upgrade`. */
  syncArgs?: string[];
  /** Extra args for `helm template`. */
  templateArgs?: string[];
  /** `--verify`. */
  verify?: boolean;
  /** `--keyring`. */
  keyring?: string;
  /** `--enable-dns`. */
  enableDNS?: boolean;
  /** `--skip-schema-validation`. */
  skipSchemaValidation?: boolean;
  /** `--devel`. */
  devel?: boolean;
  /** `--wait`. */
  wait?: boolean;
  /** Ignored by helmfile (legacy). */
  waitRetries?: number;
  /** `--wait-for-jobs`. */
  waitForJobs?: boolean;
  /** `--timeout <N>s`. */
  timeout?: number;
  /** `--recreate-pods`. */
  recreatePods?: boolean;
  /** `--force`. */
  force?: boolean;
  /** `--atomic`. */
  atomic?: boolean;
  /** `--rollback-on-failure` (Helm 4). */
  rollbackOnFailure?: boolean;
  /** `--cleanup-on-fail`. */
  cleanupOnFail?: boolean;
  /** `--force-conflicts` (Helm 4). */
  forceConflicts?: boolean;
  /** `--history-max`. */
  historyMax?: number;
  /** `--create-namespace` (default true). */
  createNamespace?: boolean;
  /** `--skip-crds`. */
  skipCRDs?: boolean;
  /** Skip `helm dependency build` (and repo sync). */
  skipDeps?: boolean;
  /** Skip repository refresh. */
  skipRefresh?: boolean;
  /** Resolve OCI version ranges. */
  resolveOCIVersions?: boolean;
  /** `--reuse-values` (else `--reset-values`). */
  reuseValues?: boolean;
  /** `--post-renderer`. */
  postRenderer?: string;
  /** `--post-renderer-args`. */
  postRendererArgs?: string[];
  /** `--cascade` for uninstall. */
  cascade?: string;
  /** Regexes of output lines to suppress in diffs. */
  suppressOutputLineRegex?: string[];
  /** Do not pass the detected kube version to helm-diff. */
  disableAutoDetectedKubeVersionForDiff?: boolean;
  /** helm-diff `--disable-validation`. */
  disableValidation?: boolean;
  /** helm-diff `--disable-openapi-validation`. */
  disableOpenAPIValidation?: boolean;
  /** `--insecure-skip-tls-verify` for chart downloads. */
  insecureSkipTLSVerify?: boolean;
  /** `--plain-http` for chart downloads. */
  plainHttp?: boolean;
  /** `--wait` on uninstall. */
  deleteWait?: boolean;
  /** `--timeout` on uninstall (seconds). */
  deleteTimeout?: number;
  /** Sync release labels to helm storage. */
  syncReleaseLabels?: boolean;
  /** `--take-ownership`. */
  takeOwnership?: boolean;
  /** `--server-side` (Helm 4: `true|false|auto`). */
  serverSide?: string;
  /** Default track mode of the releases; only `helm` is supported (see {@link ReleaseTracking.trackMode}). */
  trackMode?: string;
  /** kubedog: default of {@link ReleaseTracking.helmStuckGrace}. */
  helmStuckGrace?: number;
}

/** A `set:`/`setString:`/`setTemplate:` entry as written. */
export interface SetValueSpec {
  /** Value path (`a.b[0].c`). */
  name: string;
  /** Value (`--set name=value`); helmfile decodes it as a string. */
  value?: unknown;
  /** File whose content is the value (`--set-file`). */
  file?: string;
  /** List value (`--set name={a,b}`). */
  values?: unknown[];
}

/** One `inherit:` entry: a template name plus the fields not to inherit. */
export interface InheritSpec {
  /** Name of a `templates:` entry. */
  template: string;
  /** Fields not inherited: labels, values, valuesTemplate, setTemplate, set, setString, secrets. */
  except?: string[];
}

/** A release or global hook (kept opaque; executed by the SDK, not the loader). */
export interface HookSpec {
  /** Hook name. */
  name?: string;
  /** Events: prepare, preapply, presync, preuninstall, postuninstall, postsync, cleanup. */
  events?: string[];
  /** Command to run. */
  command?: string;
  /** Command arguments. */
  args?: string[];
  /** Show the command output. */
  showlogs?: boolean;
  /** `kubectl apply` target ({filename} or {kustomize}). */
  kubectlApply?: Record<string, string>;
}

/** `missingFileHandlerConfig:`. */
export interface MissingFileHandlerConfig {
  /** Ignore a missing git branch of a remote file. */
  ignoreMissingGitBranch?: boolean;
}

/**
 * helmfile's kubedog tracking fields of a release (ReleaseSpec, helmfile v1.8.0). They only act when the release's
 * track mode is `kubedog`, which pulumi-helmfile does not run: the loader refuses `trackMode` values other than `helm`
 * and keeps the rest, as written, in {@link ResolvedRelease.tracking}.
 */
export interface ReleaseTracking {
  /** `helm` (default), `helm-legacy` (Helm 4 `--wait=legacy`) or `kubedog`; only `helm` is supported. */
  trackMode?: string;
  /** kubedog: tracking timeout in seconds. */
  trackTimeout?: number;
  /** kubedog: stream the logs of tracked pods. */
  trackLogs?: boolean;
  /** kubedog: stream logs only of pods that fail. */
  trackFailedLogs?: boolean;
  /** kubedog: seconds to wait for a helm process stuck after every tracked resource converged, before interrupting it. */
  helmStuckGrace?: number;
  /** kubedog: resource kinds to track (allow list). */
  trackKinds?: string[];
  /** kubedog: resource kinds not to track. */
  skipKinds?: string[];
  /** kubedog: the resources to track (allow list). */
  trackResources?: { kind?: string; name?: string; namespace?: string }[];
  /** kubedog: Kubernetes client QPS. */
  kubedogQPS?: number;
  /** kubedog: Kubernetes client burst. */
  kubedogBurst?: number;
  /** kubedog: whether a tracking failure fails the release. */
  trackFailOnError?: boolean;
}

/** A release as written in `releases:` (and `templates:`). Key names are helmfile's. */
export interface ReleaseSpec extends ReleaseTracking {
  /** Release name. */
  name?: string;
  /** Chart: `repo/chart`, local path, `oci://…`. */
  chart?: string;
  /** Internal chart path (helmfile's `chartPath`). */
  chartPath?: string;
  /** Alias of `chart` for manifest directories. */
  directory?: string;
  /** Version or semver range. */
  version?: string;
  /** Target namespace. */
  namespace?: string;
  /** Kube context (part of the id). */
  kubeContext?: string;
  /** Selector labels. */
  labels?: Record<string, string>;
  /** Values: file paths (relative to the state file) or inline maps. */
  values?: unknown[];
  /** helm-secrets files (not supported by this loader). */
  secrets?: unknown[];
  /** `--set` entries. */
  set?: SetValueSpec[];
  /** `--set-string` entries. */
  setString?: SetValueSpec[];
  /** Values rendered with release data, prepended to `values`. */
  valuesTemplate?: unknown[];
  /** Set entries rendered with release data, prepended to `set`. */
  setTemplate?: SetValueSpec[];
  /** Dependencies `[[ctx/]ns/]name`. */
  needs?: string[];
  /** Installed (default true); false means uninstall. */
  installed?: boolean;
  /** Templated `installed`. */
  installedTemplate?: string;
  /** `true`/`false` or a state-values path `x.enabled`. */
  condition?: string;
  /** Templated condition. */
  conditionTemplate?: string;
  /** Templated `wait`. */
  waitTemplate?: string;
  /** Templated `verify`. */
  verifyTemplate?: string;
  /** Templates to inherit. A single map is accepted as a one-element list (deprecated helmfile form). */
  inherit?: InheritSpec[] | InheritSpec;
  /** Missing values file handler: Error (default), Warn, Info, Debug. */
  missingFileHandler?: string;
  /** Missing file handler config. */
  missingFileHandlerConfig?: MissingFileHandlerConfig;
  /** Release hooks. */
  hooks?: HookSpec[];
  /** Unit test paths (helm-unittest). */
  unitTests?: string[];
  /** Release description. */
  description?: string;
  /** `--create-namespace`. */
  createNamespace?: boolean;
  /** `--verify`. */
  verify?: boolean;
  /** `--keyring`. */
  keyring?: string;
  /** `--enable-dns`. */
  enableDNS?: boolean;
  /** `--devel`. */
  devel?: boolean;
  /** `--wait`. */
  wait?: boolean;
  /** Ignored (legacy). */
  waitRetries?: number;
  /** `--wait-for-jobs`. */
  waitForJobs?: boolean;
  /** `--timeout` seconds. */
  timeout?: number;
  /** `--recreate-pods`. */
  recreatePods?: boolean;
  /** `--force`. */
  force?: boolean;
  /** Only `reinstallIfForbidden`. */
  updateStrategy?: string;
  /** `--atomic`. */
  atomic?: boolean;
  /** `--rollback-on-failure`. */
  rollbackOnFailure?: boolean;
  /** `--cleanup-on-fail`. */
  cleanupOnFail?: boolean;
  /** `--force-conflicts`. */
  forceConflicts?: boolean;
  /** `--history-max`. */
  historyMax?: number;
  /** `--reuse-values`. */
  reuseValues?: boolean;
  /** helm-diff validation off. */
  disableOpenAPIValidation?: boolean;
  /** helm-diff validation off. */
  disableValidation?: boolean;
  /** helm-diff validation off on first install. */
  disableValidationOnInstall?: boolean;
  /** `--api-versions`. */
  apiVersions?: string[];
  /** `--kube-version`. */
  kubeVersion?: string;
  /** Deprecated `--set n=$VAR` entries. */
  env?: SetValueSpec[];
  /** Prefix for values paths. */
  valuesPathPrefix?: string;
  /** `--insecure-skip-tls-verify`. */
  insecureSkipTLSVerify?: boolean;
  /** `--plain-http`. */
  plainHttp?: boolean;
  /** Ad-hoc chart dependencies (chartify). */
  dependencies?: { chart?: string; version?: string; alias?: string }[];
  /** JSON patches (chartify). */
  jsonPatches?: unknown[];
  /** Strategic merge patches (chartify). */
  strategicMergePatches?: unknown[];
  /** Kustomize transformers (chartify). */
  transformers?: unknown[];
  /** Legacy adopt list. */
  adopt?: string[];
  /** Force go-getter. */
  forceGoGetter?: boolean;
  /** Force namespace (chartify). */
  forceNamespace?: string;
  /** Skip `helm dependency build`. */
  skipDeps?: boolean;
  /** Skip repository refresh. */
  skipRefresh?: boolean;
  /** Resolve OCI version ranges. */
  resolveOCIVersions?: boolean;
  /** `--post-renderer`. */
  postRenderer?: string;
  /** `--skip-schema-validation`. */
  skipSchemaValidation?: boolean;
  /** `--post-renderer-args`. */
  postRendererArgs?: string[];
  /** `--cascade`. */
  cascade?: string;
  /** Diff output filters. */
  suppressOutputLineRegex?: string[];
  /** Do not pass the detected kube version to helm-diff. */
  disableAutoDetectedKubeVersionForDiff?: boolean;
  /** Suppress diff output. */
  suppressDiff?: boolean;
  /** `--wait` on uninstall. */
  deleteWait?: boolean;
  /** `--timeout` on uninstall. */
  deleteTimeout?: number;
  /** Sync release labels. */
  syncReleaseLabels?: boolean;
  /** `--take-ownership`. */
  takeOwnership?: boolean;
  /** `--server-side`. */
  serverSide?: string;
}

/** `environments.<name>:`. */
export interface EnvironmentSpec {
  /** Values files (relative to the state file; globs, `.gotmpl`) or inline maps, merged in order. */
  values?: unknown[];
  /** Encrypted values files (not supported by this loader). */
  secrets?: string[];
  /** Kube context for this environment. */
  kubeContext?: string;
  /** Missing values file handler: Error (default), Warn, Info, Debug. */
  missingFileHandler?: string;
  /** Missing file handler config. */
  missingFileHandlerConfig?: MissingFileHandlerConfig;
  /** `override` (later file wins, default) or `fallback` (earlier wins). */
  mergeStrategy?: string;
}

/** A `helmfiles:` entry: a path/glob string or the full form. */
export interface SubHelmfileSpec {
  /** Path or glob, relative to the parent state file. */
  path: string;
  /** Selectors for the sub-helmfile's releases. */
  selectors?: string[];
  /** Use the parent's selectors. */
  selectorsInherited?: boolean;
  /** Parent configuration to inherit: repositories, helmDefaults, commonLabels, apiVersions, kubeVersion, templates, environments. */
  inherits?: string[];
  /** State values for the sub-helmfile (files relative to the parent, or inline maps). */
  values?: unknown[];
}

/** A whole state (`helmfile.yaml` document), key names as helmfile's. */
export interface HelmfileSpec {
  /** Helm binary (informational). */
  helmBinary?: string;
  /** Kustomize binary (informational). */
  kustomizeBinary?: string;
  /** State-value defaults (lowest precedence). */
  values?: unknown[];
  /** Environments. */
  environments?: Record<string, EnvironmentSpec | null>;
  /** Base state files merged before this one (lists appended). */
  bases?: string[];
  /** Defaults for every release. */
  helmDefaults?: HelmDefaults;
  /** Sub-helmfiles, processed before this state's releases. */
  helmfiles?: (string | SubHelmfileSpec)[];
  /** State-wide kube context override. */
  kubeContext?: string;
  /** State-wide namespace override. */
  namespace?: string;
  /** State-wide chart override. */
  chart?: string;
  /** Chart repositories. */
  repositories?: RepositorySpec[];
  /** Labels added to every release. */
  commonLabels?: Record<string, string>;
  /** Releases. */
  releases?: ReleaseSpec[];
  /** `helmfile doctor` config (opaque). */
  llm?: Record<string, unknown>;
  /** `--api-versions` for every release. */
  apiVersions?: string[];
  /** `--kube-version` for every release. */
  kubeVersion?: string;
  /** Global hooks. */
  hooks?: HookSpec[];
  /** Release templates for `inherit:`. */
  templates?: Record<string, ReleaseSpec>;
  /** Templates every release inherits. */
  defaultInherit?: string | string[];
  /** Missing sub-helmfile / values handler. */
  missingFileHandler?: string;
  /** Missing file handler config. */
  missingFileHandlerConfig?: MissingFileHandlerConfig;
  /** Lock file path. */
  lockFilePath?: string;
  /**
   * Printed by `helmfile build`; accepted so that its output loads again, and, as in helmfile, without effect: the
   * state's path is always the file's own.
   */
  filepath?: string;
  /**
   * Printed by `helmfile build`; accepted, and, as in helmfile, without effect: state values are always computed from
   * `values`, the environment and the CLI.
   */
  renderedvalues?: Record<string, unknown>;
}

/**
 * A release's helm options with helmDefaults applied (only options that are set appear): the provider's options (provider/helm/options.ts, documented
 * there) with helmfile's names, plus the helmfile keys that are not helm options of the provider (sdk/loader/keyUses.ts
 * says what becomes of each).
 */
export interface ReleaseOptions extends Omit<HelmOptions, "labels" | "createNamespace"> {
  /** `--create-namespace` (default true). */
  createNamespace: boolean;
  /** `--recreate-pods`. */
  recreatePods?: boolean;
  /** `--verify`. */
  verify?: boolean;
  /** `--keyring`. */
  keyring?: string;
  /** `--plain-http`. */
  plainHttp?: boolean;
  /** `--insecure-skip-tls-verify`. */
  insecureSkipTLSVerify?: boolean;
  /** Skip `helm dependency build`. */
  skipDeps?: boolean;
  /** Skip repository refresh. */
  skipRefresh?: boolean;
  /** helm-diff validation off. */
  disableValidation?: boolean;
  /** helm-diff validation off on first install. */
  disableValidationOnInstall?: boolean;
  /** Sync release labels. */
  syncReleaseLabels?: boolean;
  /** Extra helm-diff args. */
  diffArgs?: string[];
}

/** Where the chart of a release comes from. */
export type ChartRef =
  /** A chart directory on disk. */
  | { kind: "local"; path: string }
  /** `repo/chart` from a classic repository declared in `repositories:`. */
  | { kind: "repository"; repository: RepositorySpec; chart: string }
  /** An OCI chart: `oci://…` written directly, or `repo/chart` with an `oci: true` repository. */
  | { kind: "oci"; url: string; repository?: RepositorySpec };

/** A release `dependencies:` entry after resolution. */
export interface ResolvedDependency {
  /** Chart as written. */
  chart: string;
  chartRef: ChartRef;
  /** Version constraint as written. */
  version?: string;
  alias?: string;
}

/** A `set:` entry after templating. */
export interface ResolvedSetValue {
  /** Value path. */
  name: string;
  /** Value (string when read from a file; any value from a TypeScript spec). */
  value?: unknown;
  /** Absolute path of the `--set-file` source. */
  file?: string;
  /** List value (`--set name={a,b}`). */
  values?: unknown[];
}

/** A release after resolution. */
export interface ResolvedRelease {
  /** helmfile's ReleaseToID: `[ctx/][ns/]name` (`ctx//name` when the namespace is empty). */
  id: string;
  /** Release name. */
  name: string;
  /** Namespace, when set. */
  namespace?: string;
  /** Kube context: release, else helmDefaults, else the environment's `kubeContext`. */
  kubeContext?: string;
  /** Chart as written after templating. */
  chart: string;
  /** Resolved chart source. */
  chartRef: ChartRef;
  /**
   * Ad-hoc chart dependencies (`dependencies:`), when set: each chart as written, resolved like a release's chart
   * (a local directory, `repo/chart` of `repositories:`, or `oci://…`).
   */
  dependencies?: ResolvedDependency[];
  /** `jsonPatches`, read (sdk/loader/patches.ts): `{target, patch}` each. Present only when set. */
  jsonPatches?: { target: Record<string, string>; patch: Record<string, unknown>[] }[];
  /** `strategicMergePatches`: inline maps, or the (rendered) text of each file. Present only when set. */
  strategicMergePatches?: (string | Record<string, unknown>)[];
  /** `forceNamespace`, when set. */
  forceNamespace?: string;
  /** `transformers`: inline maps, or the (rendered) text of each file. Present only when set. */
  transformers?: (string | Record<string, unknown>)[];
  /** Version or semver range as written; the locked version when helmfile.lock pins it (see `locked`). */
  version?: string;
  /** helmfile.lock pinned `version`: the lock file, and the constraint the release wrote. */
  locked?: { file: string; constraint?: string };
  /** Only when loaded `forDeps`: the lock that manages this release's chart, its name and repository URL there. */
  lockable?: { file: string; name: string; repository: string; constraint?: string };
  /** Labels including commonLabels (implicit name/namespace/chart labels are not included). */
  labels: Record<string, string>;
  /** Resolved ids of the releases this release needs (validated). */
  needs: string[];
  /** False when the release is to be uninstalled. */
  installed: boolean;
  /** The `condition:` and its value; a false value means "not managed in this run" (neither deployed nor uninstalled). */
  condition?: { expression: string; value: boolean };
  /** Values in the order helm receives them: valuesTemplate entries, then values. */
  values: Record<string, unknown>[];
  /** Same length as `values`: absolute file path, or `<state file>:releases[i].values[j]` for inline maps. */
  valuesSources: string[];
  /** `--set`/`--set-file` entries, setTemplate first. */
  set: ResolvedSetValue[];
  /** `--set-string` entries. */
  setString: { name: string; value: string }[];
  /** Helm options with helmDefaults applied. */
  options: ReleaseOptions;
  /** The kubedog fields that are set, as written (after `inherit`); present only when one is set. */
  tracking?: ReleaseTracking;
  /**
   * The release's `hooks:`, rendered with helmfile's hook template data: one entry per hook and event it runs in
   * (sdk/loader/hooks.ts). Present only when the release has hooks.
   */
  hooks?: HookRun[];
  /** Absolute path of the state file defining the release. */
  sourceFile: string;
}

/** A state file's global (state-level) `hooks:`, rendered per event and operation (sdk/loader/hooks.ts). */
export interface StateGlobalHooks {
  /** Absolute path of the state file (the `sourceFile` of its releases). */
  file: string;
  /** Its directory: where the hooks run. */
  baseDir: string;
  /** One run per hook, event (`prepare`, `cleanup`) and `.HelmfileCommand` (`apply` on up, `destroy` on destroy). */
  hooks: HookRun[];
}

/** The whole resolved state. */
export interface HelmfileState {
  /** Selected environment name. */
  environment: string;
  /** Merged state values of the root state file (defaults ← environment ← CLI overrides). */
  stateValues: Record<string, unknown>;
  /** Repositories of all loaded state files (deduplicated by name, first wins), credentials filled from env. */
  repositories: RepositorySpec[];
  /** helmDefaults of the root state file. */
  helmDefaults: HelmDefaults;
  /** The root state file's `helmBinary:` (every release's helm, unless the program or the CLI names one). */
  helmBinary?: string;
  /** The root state file's `kustomizeBinary:` (the kustomize of releases with patches, unless the CLI names one). */
  kustomizeBinary?: string;
  /** Selected releases, sub-helmfiles' releases before the parent's. */
  releases: ResolvedRelease[];
  /** The global hooks of each loaded state file that has some, sub-helmfiles first. */
  globalHooks?: StateGlobalHooks[];
  /** Absolute paths of every state/values file read. */
  files: string[];
}
