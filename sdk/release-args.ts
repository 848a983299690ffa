/** A resolved helmfile release → the arguments of its HelmRelease. Pure. */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { ReleaseInputs } from "../provider";
import type { RepositorySpec as StateRepository, ResolvedRelease } from "./state";
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
function chartArgs(r: ResolvedRelease): Pick<ReleaseInputs, "chart" | "repository"> {
  switch (r.chartRef.kind) {
    case "local":
      return { chart: r.chartRef.path };
    case "oci":
      return { chart: r.chartRef.url, repository: r.chartRef.repository ? repository(r.chartRef.repository) : undefined };
    case "repository":
      return { chart: `${r.chartRef.repository.name}/${r.chartRef.chart}`, repository: repository(r.chartRef.repository) };
  }
}

/** HelmRelease arguments of a resolved release: plain inputs, with a repository password marked secret. */
export function releaseArgs(r: ResolvedRelease, shared: SharedReleaseOptions): HelmReleaseArgs {
  const inputs = releaseInputs(r);
  const repo = inputs.repository;
  const secretRepo: RepositoryArgs | undefined = repo && { ...repo, password: repo.password === undefined ? undefined : pulumi.secret(repo.password) };
  return { ...inputs, repository: secretRepo, ...shared };
}

/** The plain release inputs of a resolved release (helmDefaults already applied by the loader). */
export function releaseInputs(r: ResolvedRelease): ReleaseInputs & { baseDir: string } {
  const o = r.options;
  return {
    name: r.name,
    namespace: r.namespace || "default",
    ...chartArgs(r),
    version: r.version,
    values: r.values,
    set: r.set.map((s) => ({ name: s.name, value: s.value, file: s.file, values: s.values })),
    setString: r.setString,
    createNamespace: o.createNamespace,
    wait: o.wait,
    waitForJobs: o.waitForJobs,
    timeout: o.timeout,
    atomic: o.atomic,
    rollbackOnFailure: o.rollbackOnFailure,
    cleanupOnFail: o.cleanupOnFail,
    skipCrds: o.skipCrds,
    disableHooks: o.disableHooks,
    force: o.force,
    historyMax: o.historyMax,
    description: o.description,
    postRenderer: o.postRenderer,
    postRendererArgs: o.postRendererArgs,
    reuseValues: o.reuseValues,
    devel: o.devel,
    plainHttp: o.plainHttp,
    deleteWait: o.deleteWait,
    deleteTimeout: o.deleteTimeout,
    kubeContext: r.kubeContext,
    baseDir: path.dirname(r.sourceFile),
  };
}
