/**
 * HelmRelease: one helm release as a Pulumi resource, served by the pulumi-helmfile dynamic provider.
 *
 * For `pulumi preview --diff`, the release is rendered in the program (`helm template` with the same values, chart from
 * the shared cache) and the masked objects are placed among the resource's inputs as `rendered`: the engine's diff of
 * inputs then shows, per Kubernetes object, the fields that change. Renders are cached by content, so an unchanged
 * release costs no helm process and no download.
 */
import * as pulumi from "@pulumi/pulumi";
import type { ObjectRef, ReleaseInputs, RepositorySpec } from "../provider";
import type { HookRun } from "../provider/hooks/types";
import type { HelmOptions } from "../provider/helm/options";
import type { DriftDetection } from "../provider/drift/rules";
import type { ObjectDrift } from "../provider/drift/compare";
import { releaseIdOf } from "../provider/release/id";
import { reportable } from "./errors";
import { secretStrings } from "./secrets";
import { startProviderEarly } from "./provider-start";
import { releaseProviderText, ShimResource } from "./shim";

type In<T> = pulumi.Input<T>;

/** A chart repository (helmfile's `repositories:` entry). */
export interface RepositoryArgs {
  /** Name used in `repo/chart` references. */
  name?: In<string>;
  /** Classic: http(s) URL. OCI (`oci: true`): `host/path`. */
  url: In<string>;
  /** @default false */
  oci?: In<boolean>;
  username?: In<string>;
  /** Use a secret: it never reaches argv, logs or error text. */
  password?: In<string>;
  caFile?: In<string>;
  certFile?: In<string>;
  keyFile?: In<string>;
  /** @default false */
  skipTLSVerify?: In<boolean>;
  /** @default false */
  plainHttp?: In<boolean>;
  /** @default false */
  passCredentials?: In<boolean>;
}

/** The helm options of a release (provider/helm/options.ts: one declaration, documented there), as Pulumi inputs. */
export type HelmOptionArgs = { [K in keyof HelmOptions]?: In<HelmOptions[K]> };

/** Arguments of a HelmRelease: helmfile's release fields, camelCase, and every helm option. */
export interface HelmReleaseArgs extends HelmOptionArgs {
  /** helm release name. @default the resource name */
  name?: In<string>;
  /** @default "default" */
  namespace?: In<string>;
  /**
   * `oci://host/path/chart`, `repo/chart` (with `repository`), or a local chart directory/archive.
   * @example "oci://registry.example.com/charts/web"
   */
  chart: In<string>;
  /** Exact version or semver range. Pinned versions that are cached cost no network on preview. */
  version?: In<string>;
  repository?: In<RepositoryArgs>;
  /** Values objects or YAML file paths (relative to `baseDir`), applied in order; may contain secrets. */
  values?: In<In<Record<string, unknown> | string>[]>;
  /** helm `--set` entries (written to a values file, never to argv). */
  set?: In<In<{ name: In<string>; value?: unknown; file?: In<string>; values?: unknown[] }>[]>;
  /** helm `--set-string` entries. */
  setString?: In<In<{ name: In<string>; value: In<string> }>[]>;
  /** Plain HTTP to an OCI registry given by `oci://` without a repository entry. */
  plainHttp?: In<boolean>;
  /** Skip TLS verification when fetching the chart. @default false */
  insecureSkipTLSVerify?: In<boolean>;
  /** Use a local chart as it is, without `helm dependency build`. @default false */
  skipDeps?: In<boolean>;
  /**
   * Ad-hoc chart dependencies (helmfile's release `dependencies:`): added to a copy of the chart's Chart.yaml (condition
   * `<alias or name>.enabled`), each chart fetched through the shared cache — `repo/chart` (with `repository`),
   * `oci://…`, or a local chart directory; `version` is a version or constraint. The preview renders with them, and
   * the chart digest changes when one does.
   * @example dependencies: [{ chart: "oci://registry.example.com/charts/redis", version: "1.2.0", alias: "cache" }]
   */
  dependencies?: In<In<{ chart: In<string>; version?: In<string>; alias?: In<string>; repository?: In<RepositoryArgs>; plainHttp?: In<boolean> }>[]>;
  /**
   * JSON patches (RFC 6902) applied to the rendered objects before helm installs them, as helmfile's `jsonPatches`
   * (chartify + kustomize): the chart is rendered with the release's values, kustomize patches the objects, and helm
   * installs a generated chart holding the result. The preview shows the patched objects. Needs kustomize.
   * @example jsonPatches: [{ target: { kind: "Deployment", name: "web" }, patch: [{ op: "replace", path: "/spec/replicas", value: 3 }] }]
   */
  jsonPatches?: In<In<{ target?: Record<string, string>; patch?: Record<string, unknown>[] }>[]>;
  /**
   * Strategic-merge patches of the rendered objects (helmfile's `strategicMergePatches`): partial objects naming
   * apiVersion, kind and metadata.name, or their YAML text. Needs kustomize.
   * @example strategicMergePatches: [{ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" }, spec: { replicas: 3 } }]
   */
  strategicMergePatches?: In<In<Record<string, unknown> | string>[]>;
  /**
   * kustomize transformers run over the rendered objects (helmfile's `transformers`), e.g. a LabelTransformer or an
   * AnnotationsTransformer configuration, or its YAML text. Needs kustomize.
   * @example transformers: [{ apiVersion: "builtin", kind: "LabelTransformer", metadata: { name: "team" }, labels: { team: "web" }, fieldSpecs: [{ path: "metadata/labels", create: true }] }]
   */
  transformers?: In<In<Record<string, unknown> | string>[]>;
  /**
   * Set this namespace on every rendered object that has none (helmfile's `forceNamespace`, through chartify), for a
   * chart whose templates leave `metadata.namespace` out.
   */
  forceNamespace?: In<string>;
  /** kustomize binary for patches and transformers. @default $PULUMI_HELMFILE_KUSTOMIZE, then $KUSTOMIZE_BIN, then `kustomize` on PATH */
  kustomizeBinary?: In<string>;
  kubeContext?: In<string>;
  /** Kubeconfig content, e.g. from a cluster resource; mark it secret. @default $KUBECONFIG / ~/.kube/config */
  kubeconfig?: In<string>;
  /**
   * Take over an existing release that no stack owns (installed by `helm` or `helmfile`) instead of failing: it is
   * upgraded in place (revision + 1, not reinstalled) and owned by this stack from then on. A release another stack
   * owns is never taken over, unless `adopt` names that stack — to move a release between stacks, after the owning
   * stack ran `pulumi state delete` on it. Without `adopt`, creating a release whose name is taken fails and changes
   * nothing.
   * @default false
   * @example adopt: true
   * @example adopt: "organization/platform/prod"
   */
  adopt?: boolean | string;
  /** Recover a release stuck in pending-install/-upgrade/-rollback. @default false */
  recoverPending?: In<boolean>;
  /** Keep the release history on delete (`helm uninstall --keep-history`). @default false */
  keepHistory?: In<boolean>;
  /** Base directory of relative paths (local chart, values files). @default process.cwd() */
  baseDir?: string;
  /** helm binary. @default $PULUMI_HELMFILE_HELM, then `helm` on PATH */
  helmBinary?: In<string>;
  /** Chart cache directory. @default $PULUMI_HELMFILE_CACHE_DIR, else ~/.cache/pulumi-helmfile/charts */
  cacheDir?: In<string>;
  /**
   * helmfile hooks as run, one entry per hook and event, already rendered (the `Helmfile` component builds them from
   * a state's `hooks:`; see provider/hooks/types.ts). They run in `baseDir` during `pulumi up` (create/update) and
   * `pulumi destroy` (delete), never in a preview; a changed hook is a diff.
   */
  hooks?: In<HookRun[]>;
  /**
   * The preview diff: render the release in the program and show per-object changes (`render`, default true); keep
   * only a digest for objects above `maxObjectBytes` (default 65536) and for CRDs (`digestOnlyCrds`, default true).
   */
  preview?: { render?: boolean; maxObjectBytes?: number; digestOnlyCrds?: boolean };
  /**
   * Drift of the release's objects, as Flux's helm-controller detects it: `pulumi refresh` compares every object of
   * the release's manifest with the cluster (a server-side-apply dry run, through kubectl) and lists what was deleted
   * or changed in `objectDrift` and `drift`; `pulumi preview --diff` then shows the fields going back and `pulumi up`
   * restores them. `mode: "warn"` only reports; `"disabled"` does not look (no kubectl run). `ignore`: JSON pointers
   * not to report, for the objects a target selects (its strings are anchored regular expressions). Always ignored:
   * status, managedFields and server bookkeeping, and the replicas of an object a HorizontalPodAutoscaler of the
   * release scales.
   * @default { mode: "enabled" }
   * @example driftDetection: { ignore: [{ paths: ["/spec/replicas"], target: { kind: "Deployment", name: "web" } }] }
   * @example driftDetection: { mode: "disabled" }
   */
  driftDetection?: In<DriftDetection>;
}

/** Inputs the SDK computes itself. */
type SdkComputed = "chartDigest" | "rendered" | "secretDigests" | "owner" | "secretValues";
/** Every provider input is an argument (compile-time check: a new input must be added to HelmReleaseArgs). */
type MissingArgs = Exclude<keyof ReleaseInputs, keyof HelmReleaseArgs | SdkComputed>;
const everyInputIsAnArg: [MissingArgs] extends [never] ? true : MissingArgs = true;
void everyInputIsAnArg;

/** Outputs that are digests of data which may hold secrets (values, the manifest with Secret objects). */
const DIGEST_OUTPUTS = ["manifestDigest", "valuesDigest", "appliedValuesDigest"];

/** A helm release managed by Pulumi through the helm CLI. */
export class HelmRelease extends ShimResource {
  /** helm's status: deployed, failed, pending-upgrade, … */
  declare readonly status: pulumi.Output<string>;
  declare readonly revision: pulumi.Output<number>;
  declare readonly chartName: pulumi.Output<string>;
  declare readonly chartVersion: pulumi.Output<string>;
  declare readonly appVersion: pulumi.Output<string>;
  /** Objects of the release (apiVersion, kind, namespace, name). */
  declare readonly objects: pulumi.Output<ObjectRef[]>;
  declare readonly manifestDigest: pulumi.Output<string>;
  declare readonly firstDeployed: pulumi.Output<string>;
  declare readonly lastDeployed: pulumi.Output<string>;
  /** The release existed, owned by no stack, and was taken over (`adopt`) instead of installed. */
  declare readonly adopted: pulumi.Output<boolean>;
  /** Out-of-band changes seen by the last refresh, of the release and of its objects, in words ("" when none). */
  declare readonly drift: pulumi.Output<string>;
  /** The objects the last refresh found deleted or changed outside Pulumi: per object, the fields (JSON pointer, expected, live; masked). */
  declare readonly objectDrift: pulumi.Output<ObjectDrift[]>;
  /** The release name (helm's). */
  declare readonly name: pulumi.Output<string>;
  declare readonly namespace: pulumi.Output<string>;

  constructor(name: string, args: HelmReleaseArgs, opts?: pulumi.CustomResourceOptions) {
    startProviderEarly();
    const baseDir = args.baseDir ?? process.cwd();
    // The owner recorded on the release; `formerly`: names from `aliases`, so a renamed resource keeps its release.
    const formerly = pulumi.output(opts?.aliases ?? []).apply((as) =>
      as.flatMap((a) => (typeof a === "string" ? [a.slice(a.lastIndexOf("::") + 2)] : typeof a?.name === "string" ? [a.name] : [])),
    );
    const owner = { organization: pulumi.getOrganization(), project: pulumi.getProject(), stack: pulumi.getStack(), resource: name, formerly };
    const inputs: Record<string, unknown> = { ...args, name: args.name ?? name, namespace: args.namespace ?? "default", baseDir, owner };
    // The plaintext of every secret input: what helm's output, errors and hook output must never show.
    const secretValues = secretStrings([args.values, args.set, args.setString, args.repository, args.dependencies, args.hooks]);
    const renderable = pulumi.output({ ...inputs, kubeconfig: undefined }) as pulumi.Output<ReleaseInputs>;
    const preview = pulumi
      .all([renderable, secretValues])
      .apply(async ([r, secrets]) => {
        if (args.preview?.render === false) return { chartDigest: undefined, rendered: undefined, secretDigests: undefined };
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { renderRelease } = require("../provider") as typeof import("../provider");
        let result: Awaited<ReturnType<typeof renderRelease>>;
        try {
          result = await renderRelease(r, secrets);
        } catch (e) {
          // A user error (a missing chart, a bad values file, …) is reported as its message, naming the release
          // (sdk/errors.ts); a programming error keeps its stack. Not a ResourceError on this resource: its inputs
          // failed, so it never gets a URN, and Pulumi logs a ResourceError only once the URN is known.
          const id = releaseIdOf({ name: r.name, namespace: r.namespace ?? "default", kubeContext: r.kubeContext });
          throw reportable(e, { prefix: `release ${id}: ` });
        }
        const hasSecrets = Object.keys(result.secretDigests).length > 0;
        return { chartDigest: result.chart.digest, rendered: result.summary, secretDigests: hasSecrets ? result.secretDigests : undefined };
      });
    // The summary is masked (secret inputs and Secret data hidden): plain. The Secret data digests are not: they
    // travel only as a Pulumi secret (encrypted in the state, `[secret]` in previews), so nobody can test a guess.
    const masked = pulumi.unsecret(preview);
    super(
      releaseProviderText,
      "HelmRelease",
      name,
      {
        ...inputs,
        chartDigest: masked.apply((p) => p.chartDigest),
        rendered: masked.apply((p) => p.rendered),
        secretDigests: pulumi.secret(masked.apply((p) => p.secretDigests)),
        // For redaction in create/update/delete only; a Pulumi secret, like the inputs it comes from.
        secretValues: pulumi.secret(secretValues),
        status: undefined,
        revision: undefined,
        chartName: undefined,
        chartVersion: undefined,
        appVersion: undefined,
        objects: undefined,
        manifestDigest: undefined,
        firstDeployed: undefined,
        lastDeployed: undefined,
        adopted: undefined,
        drift: undefined,
        objectDrift: undefined,
      },
      // Digests over values and manifests that may hold secrets: kept encrypted.
      { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...DIGEST_OUTPUTS] },
    );
  }
}

export type { RepositorySpec };
