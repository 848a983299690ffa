/** A resolved helmfile release → the arguments of its HelmRelease (pure, but for a look at whether a local chart is a chart). */
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { ReleaseInputs } from "../provider";
import { collectArgs } from "./loader/collectArgs";
import { envFlag } from "./envFlags";
import type { HelmfileState, ReleaseOptions, RepositorySpec as StateRepository, ResolvedRelease } from "./state";
import { mapSecrets } from "./state/secret";
import type { HelmReleaseArgs, RepositoryArgs } from "./release";

/** Options every release of a Helmfile component shares. */
export interface SharedReleaseOptions {
  kubeconfig?: pulumi.Input<string>;
  helmBinary?: pulumi.Input<string>;
  cacheDir?: pulumi.Input<string>;
  recoverPending?: pulumi.Input<boolean>;
  /**
   * Take over existing releases no stack owns (a migration from helmfile: the releases it installed are upgraded in
   * place, not reinstalled) — see `HelmReleaseArgs.adopt`.
   * @default false
   */
  adopt?: HelmReleaseArgs["adopt"];
  preview?: HelmReleaseArgs["preview"];
  /** Drift detection of every release (see `HelmReleaseArgs.driftDetection`); `{ mode: "disabled" }` turns it off. @default { mode: "enabled" } */
  driftDetection?: HelmReleaseArgs["driftDetection"];
  /**
   * Run the releases' helmfile hooks (`hooks:`). `false` turns them off, as does HELMFILE_DISABLE_HOOKS=true in the
   * program's environment (helmfile then fails every event that has hooks; here they are left out).
   * @default true
   */
  hooks?: boolean;
}

/** Every SharedReleaseOptions key, once: the Helmfile component passes exactly these on (checked below at compile time). */
export const SHARED_RELEASE_OPTIONS = ["kubeconfig", "helmBinary", "cacheDir", "recoverPending", "adopt", "preview", "driftDetection", "hooks"] as const;
type UnlistedShared = Exclude<keyof SharedReleaseOptions, (typeof SHARED_RELEASE_OPTIONS)[number]>;
const everySharedOptionListed: [UnlistedShared] extends [never] ? true : UnlistedShared = true;
void everySharedOptionListed;

/** The shared release options of a Helmfile component's arguments (undefined ones left out). */
export function sharedOptionsOf(args: SharedReleaseOptions): SharedReleaseOptions {
  const out: Record<string, unknown> = {};
  for (const k of SHARED_RELEASE_OPTIONS) if (args[k] !== undefined) out[k] = args[k];
  return out as SharedReleaseOptions;
}

type Repository = NonNullable<ReleaseInputs["repository"]>;

function repository(r: StateRepository): Repository {
  return {
    name: r.name,
    url: r.url ?? "",
    oci: r.oci,
    username: r.username,
    password: r.password,
    caFile: r.caFile,
    certFile: r.certFile,
    keyFile: r.keyFile,
    skipTLSVerify: r.skipTLSVerify,
    plainHttp: r.plainHttp,
    passCredentials: r.passCredentials,
  };
}

/** The chart reference and repository HelmRelease expects for a resolved chartRef. */
function chartArgs(r: Pick<ResolvedRelease, "chartRef">): Pick<ReleaseInputs, "chart" | "repository"> {
  switch (r.chartRef.kind) {
    case "local":
      return { chart: r.chartRef.path };
    case "oci":
      return { chart: r.chartRef.url, repository: r.chartRef.repository ? repository(r.chartRef.repository) : undefined };
    case "repository":
      return { chart: `${r.chartRef.repository.name}/${r.chartRef.chart}`, repository: repository(r.chartRef.repository) };
  }
}

/** What a local chart directory is to chartify: a kustomization, plain manifests, or (undefined) a chart or no directory. */
function localDirKind(r: Pick<ResolvedRelease, "chartRef">): "kustomization" | "manifests" | undefined {
  if (r.chartRef.kind !== "local") return undefined;
  const dir = r.chartRef.path;
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory() || fs.existsSync(path.join(dir, "Chart.yaml"))) return undefined;
  return fs.existsSync(path.join(dir, "kustomization.yaml")) ? "kustomization" : "manifests";
}

/** The provider's `dependencies` of a resolved release (each chart resolved like the release's). */
function dependencyInputs(r: ResolvedRelease): Pick<ReleaseInputs, "dependencies"> {
  if (!r.dependencies?.length) return {};
  return {
    dependencies: r.dependencies.map((d) => {
      const { chart, repository } = chartArgs(d);
      return { chart, ...(repository ? { repository } : {}), ...(d.version ? { version: d.version } : {}), ...(d.alias ? { alias: d.alias } : {}) };
    }),
  };
}

const secretPassword = (repo: Repository): RepositoryArgs => ({ ...repo, password: repo.password === undefined ? undefined : pulumi.secret(repo.password) });

/**
 * HelmRelease arguments of a resolved release: plain inputs, with a repository password and every value derived from
 * a secret (sops `secrets:`, vals references: the loader's SecretValue leaves) as Pulumi secrets.
 */
export function releaseArgs(r: ResolvedRelease, shared: SharedReleaseOptions, state?: Pick<HelmfileState, "helmBinary" | "kustomizeBinary">): HelmReleaseArgs {
  const { values, set, setString, ...plain } = releaseInputs(r, state);
  const secret = (v: unknown) => mapSecrets(v, (p) => pulumi.secret(p));
  const inputs = { ...plain, values: secret(values) as typeof values, set: secret(set) as typeof set, setString: secret(setString) as typeof setString };
  const repo = inputs.repository;
  const secretRepo: RepositoryArgs | undefined = repo && secretPassword(repo);
  const dependencies = inputs.dependencies?.map((d) => ({ ...d, repository: d.repository && secretPassword(d.repository) }));
  const { hooks: runHooks, ...rest } = shared;
  const given = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  const hooks = r.hooks && runHooks !== false && !envFlag(process.env, "HELMFILE_DISABLE_HOOKS") ? { hooks: r.hooks } : {};
  return { ...inputs, repository: secretRepo, ...(dependencies ? { dependencies } : {}), ...given, ...hooks };
}

/**
 * Which provider input each resolved helmfile option becomes (the option table, provider/helm/options.ts, says what it
 * does), or `null` when it takes effect elsewhere: `syncReleaseLabels` (the labels below), `verify`/`keyring` (refused by
 * the loader when set), and options only helmfile commands we do not run read (./loader/keyUses.ts says which and why).
 */
const RESOLVED_OPTIONS: { [K in keyof Required<ReleaseOptions>]: keyof ReleaseInputs | null } = {
  createNamespace: "createNamespace", wait: "wait", waitForJobs: "waitForJobs", timeout: "timeout", atomic: "atomic",
  rollbackOnFailure: "rollbackOnFailure", cleanupOnFail: "cleanupOnFail", skipCrds: "skipCrds", disableHooks: "disableHooks",
  force: "force", forceConflicts: "forceConflicts", historyMax: "historyMax", description: "description",
  postRenderer: "postRenderer", postRendererArgs: "postRendererArgs", recreatePods: null, reuseValues: "reuseValues",
  devel: "devel", verify: null, keyring: null, enableDNS: "enableDNS", skipSchemaValidation: "skipSchemaValidation",
  takeOwnership: "takeOwnership", serverSide: "serverSide", plainHttp: "plainHttp", insecureSkipTLSVerify: "insecureSkipTLSVerify",
  deleteWait: "deleteWait", deleteTimeout: "deleteTimeout", cascade: "cascade", skipDeps: "skipDeps", skipRefresh: null,
  kubeVersion: "kubeVersion", apiVersions: "apiVersions", disableValidation: null, disableOpenAPIValidation: "disableOpenAPIValidation",
  disableValidationOnInstall: null, syncReleaseLabels: null, args: "args", syncArgs: "syncArgs", diffArgs: null,
  templateArgs: "templateArgs", updateStrategy: "updateStrategy",
};

/** Extra-args options: helmfile joins the list and splits it again (pkg/argparser). */
const EXTRA_ARGS = new Set<keyof ReleaseOptions>(["args", "syncArgs", "templateArgs"]);

/** helm's own storage labels, which `--labels` may not set (helmfile drops them too). */
const HELM_SYSTEM_LABELS = new Set(["name", "owner", "status", "version", "createdAt", "modifiedAt"]);

/** The provider inputs of a resolved release's options. */
export function optionInputs(o: ReleaseOptions): Partial<ReleaseInputs> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o) as [keyof ReleaseOptions, unknown][]) {
    const input = RESOLVED_OPTIONS[k];
    if (input === null || v === undefined) continue;
    out[input] = EXTRA_ARGS.has(k) ? collectArgs((v as string[]).join(" ")) : v;
  }
  return out as Partial<ReleaseInputs>;
}

/** The plain release inputs of a resolved release (helmDefaults already applied by the loader). */
export function releaseInputs(r: ResolvedRelease, state?: Pick<HelmfileState, "helmBinary" | "kustomizeBinary">): ReleaseInputs & { baseDir: string } {
  const labels = Object.fromEntries(Object.entries(r.labels).filter(([k]) => !HELM_SYSTEM_LABELS.has(k)));
  return {
    ...optionInputs(r.options),
    name: r.name,
    // A kustomization or a directory of manifests gets the namespace only when the release names one (chartify sets
    // it on the objects then, and only then).
    ...(r.namespace || !localDirKind(r) ? { namespace: r.namespace || "default" } : {}),
    ...chartArgs(r),
    version: r.version,
    ...dependencyInputs(r),
    ...(r.jsonPatches ? { jsonPatches: r.jsonPatches } : {}),
    ...(r.strategicMergePatches ? { strategicMergePatches: r.strategicMergePatches } : {}),
    ...(r.transformers ? { transformers: r.transformers } : {}),
    ...(r.forceNamespace ? { forceNamespace: r.forceNamespace } : {}),
    values: r.values,
    set: r.set.map((s) => ({ name: s.name, value: s.value, file: s.file, values: s.values })),
    setString: r.setString,
    kubeContext: r.kubeContext,
    ...(r.options.syncReleaseLabels && Object.keys(labels).length ? { labels } : {}),
    ...(state?.helmBinary ? { helmBinary: state.helmBinary } : {}),
    ...(state?.kustomizeBinary && (r.jsonPatches || r.strategicMergePatches || r.transformers || localDirKind(r) === "kustomization") ? { kustomizeBinary: state.kustomizeBinary } : {}),
    baseDir: path.dirname(r.sourceFile),
  };
}
