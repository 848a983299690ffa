/** create and update: resolve the chart through the shared cache, recover or refuse pending releases, helm upgrade --install. */
import type { ReleaseStatusInfo } from "../helm/types";
import { chartCacheFor, driverFor, progress } from "./context";
import { failureMessage, PartialReleaseError } from "./failure";
import { ReleaseInputs, releaseId, releaseRef } from "./inputs";
import { outputsAfterApply, ReleaseOutputs, stripUndefined } from "./outputs";
import { handlePending, isPending } from "./pending";
import { chartRequestOf } from "./render";
import { setEntries, valuesObjects } from "./values";

/** Fields the SDK adds for the preview, not for helm. */
function helmInputs(i: ReleaseInputs): ReleaseInputs {
  return { ...i, namespace: i.namespace ?? "default", createNamespace: i.createNamespace ?? true };
}

/**
 * helm upgrade --install of the release; `prior` = old outputs on update. helm is not asked first whether the release
 * exists: `upgrade --install` handles both cases, a release that existed before a create shows as revision > 1
 * afterwards (adopted), and only when helm fails is the release looked at — to recover from (or explain) a stuck
 * pending-* state and retry once, or to record a release that a failed operation left behind.
 */
export async function applyRelease(raw: ReleaseInputs, prior?: ReleaseOutputs): Promise<{ id: string; outs: ReleaseOutputs }> {
  const i = helmInputs(raw);
  const id = releaseId(i);
  const helm = driverFor(i);
  const ref = releaseRef(i);
  const chart = await chartCacheFor(i).resolve(chartRequestOf(i)).catch((e: unknown) => {
    throw new Error(failureMessage(id, prior ? "upgrade" : "install", e));
  });
  const upgrade = async (): Promise<ReleaseStatusInfo> => {
    const started = Date.now();
    const heartbeat = setInterval(() => progress(`release ${id}: helm upgrade --install still running (${Math.round((Date.now() - started) / 1000)}s${i.wait ? ", waiting for resources to become ready" : ""})`), 15_000);
    try {
      return await helm.upgradeInstall({
        ...ref,
        chartPath: chart.path,
        values: valuesObjects(i),
        set: setEntries(i),
        setString: i.setString,
        createNamespace: i.createNamespace,
        wait: i.wait,
        waitForJobs: i.waitForJobs,
        timeout: i.timeout ?? 300,
        atomic: i.atomic || i.rollbackOnFailure,
        cleanupOnFail: i.cleanupOnFail,
        skipCrds: i.skipCrds,
        disableHooks: i.disableHooks,
        force: i.force,
        historyMax: i.historyMax,
        description: i.description,
        postRenderer: i.postRenderer,
        postRendererArgs: i.postRendererArgs,
        reuseValues: i.reuseValues,
        devel: i.devel,
        labels: i.labels,
      });
    } finally {
      clearInterval(heartbeat);
    }
  };
  try {
    let installed: ReleaseStatusInfo;
    try {
      installed = await upgrade();
    } catch (e) {
      const existing = await helm.getMetadata(ref).catch(() => undefined);
      if (!existing || !isPending(existing.status)) throw e;
      await handlePending(helm, ref, existing.status, i.recoverPending);
      installed = await upgrade();
    }
    const outs = outputsAfterApply(raw, chart, prior, installed);
    if (!prior && outs.adopted) progress(`release ${id}: adopted the existing release (now revision ${outs.revision}, ${outs.status}) instead of installing it`);
    return { id, outs };
  } catch (e) {
    // If a release exists now, record what is there so the engine keeps it (partial state) and the next up retries.
    const now = await helm.getMetadata(ref).catch(() => undefined);
    const adopted = !prior && !!now && now.revision > 1;
    const message = failureMessage(id, prior || adopted ? "upgrade" : "install", e);
    if (now) {
      const props = stripUndefined({ ...(prior ?? {}), ...raw, status: now.status, revision: now.revision, appliedRevision: prior?.appliedRevision ?? 0, adopted });
      throw new PartialReleaseError(message, id, props, [message]);
    }
    throw new Error(message);
  }
}
