/** Helm options of a release: the release's own value, else helmDefaults (state.go flag helpers). */
import type { HelmDefaults, ReleaseOptions, ReleaseSpec } from "../state/types";

function pick<T>(own: T | undefined, def: T | undefined): T | undefined {
  return own !== undefined ? own : def;
}

function pickList<T>(own: T[] | undefined, def: T[] | undefined): T[] | undefined {
  if (own && own.length) return own;
  return def && def.length ? def : undefined;
}

/** Computes {@link ReleaseOptions}; only options that are set appear (createNamespace always, default true). */
export function releaseOptions(r: ReleaseSpec, hd: HelmDefaults, state: { kubeVersion?: string; apiVersions?: string[] }): ReleaseOptions {
  const o: ReleaseOptions = {
    createNamespace: pick(r.createNamespace, hd.createNamespace) ?? true,
    wait: pick(r.wait, hd.wait),
    waitForJobs: pick(r.waitForJobs, hd.waitForJobs),
    timeout: pick(r.timeout, hd.timeout),
    atomic: pick(r.atomic, hd.atomic),
    rollbackOnFailure: pick(r.rollbackOnFailure, hd.rollbackOnFailure),
    cleanupOnFail: pick(r.cleanupOnFail, hd.cleanupOnFail),
    skipCrds: hd.skipCRDs,
    force: pick(r.force, hd.force),
    forceConflicts: pick(r.forceConflicts, hd.forceConflicts),
    historyMax: pick(r.historyMax, hd.historyMax),
    description: r.description || undefined,
    postRenderer: pick(r.postRenderer, hd.postRenderer),
    postRendererArgs: pickList(r.postRendererArgs, hd.postRendererArgs),
    recreatePods: pick(r.recreatePods, hd.recreatePods),
    reuseValues: pick(r.reuseValues, hd.reuseValues),
    devel: pick(r.devel, hd.devel),
    verify: pick(r.verify, hd.verify),
    keyring: r.keyring || hd.keyring || undefined,
    enableDNS: pick(r.enableDNS, hd.enableDNS),
    skipSchemaValidation: pick(r.skipSchemaValidation, hd.skipSchemaValidation),
    takeOwnership: pick(r.takeOwnership, hd.takeOwnership),
    serverSide: pick(r.serverSide, hd.serverSide),
    plainHttp: r.plainHttp || hd.plainHttp || undefined,
    insecureSkipTLSVerify: r.insecureSkipTLSVerify || hd.insecureSkipTLSVerify || undefined,
    deleteWait: pick(r.deleteWait, hd.deleteWait),
    deleteTimeout: pick(r.deleteTimeout, hd.deleteTimeout),
    cascade: pick(r.cascade, hd.cascade),
    skipDeps: pick(r.skipDeps, hd.skipDeps),
    skipRefresh: pick(r.skipRefresh, hd.skipRefresh),
    kubeVersion: r.kubeVersion || state.kubeVersion || undefined,
    apiVersions: pickList(r.apiVersions, state.apiVersions),
    disableValidation: pick(r.disableValidation, hd.disableValidation),
    disableOpenAPIValidation: pick(r.disableOpenAPIValidation, hd.disableOpenAPIValidation),
    disableValidationOnInstall: r.disableValidationOnInstall,
    syncReleaseLabels: pick(r.syncReleaseLabels, hd.syncReleaseLabels),
    args: pickList(undefined, hd.args),
    syncArgs: pickList(undefined, hd.syncArgs),
    diffArgs: pickList(undefined, hd.diffArgs),
    templateArgs: pickList(undefined, hd.templateArgs),
    updateStrategy: r.updateStrategy || undefined,
  };
  for (const k of Object.keys(o) as (keyof ReleaseOptions)[]) if (o[k] === undefined) delete o[k];
  return o;
}
