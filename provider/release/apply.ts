/**
 * create and update: resolve the chart through the shared cache, check who owns the release, recover or refuse
 * pending releases, then `helm install` (create) or `helm upgrade --install` (update), recording the owner as labels.
 */
import type { HelmDriver } from "../helm/driver";
import { HelmError, isNameInUse } from "../helm/errors";
import { HookError, runHooks } from "../hooks/driver";
import type { HookEvent } from "../hooks/types";
import type { ReleaseMetadata, ReleaseRef, ReleaseStatusInfo } from "../helm/types";
import { driverFor, progress, warn } from "./context";
import { failureMessage, PartialReleaseError, ReleaseOperationError } from "./failure";
import { helmOptionsOf, ReleaseInputs, releaseId, releaseRef } from "./inputs";
import { outputsAfterApply, ReleaseOutputs, stripUndefined } from "./outputs";
import { claimOf, ownerLabels } from "./ownership";
import { adoptAllows, OwnershipError, refusal } from "./ownership-errors";
import { handlePending, isPending } from "./pending";
import { withDeployChart } from "./deploy-chart";
import { restoreOptions } from "../drift/restore";
import { resolveReleaseChart } from "./release-chart";
import { setEntries, valuesObjects } from "./values";

/** Fields the SDK adds for the preview, not for helm. */
function helmInputs(i: ReleaseInputs): ReleaseInputs {
  return { ...i, namespace: i.namespace ?? "default", createNamespace: i.createNamespace ?? true };
}

type Mode = "install" | "upgrade";

/**
 * create (`prior` undefined) or update (`prior` = old outputs). create runs `helm install`, which refuses an existing
 * name without touching it; only then is the release looked at: ours (state lost) → upgraded, nobody's → adopted with
 * `adopt` or refused naming it, another stack's or resource's → refused. update first checks that the release is not
 * owned elsewhere. Either way a pending-* release is recovered (or explained) and the operation retried once.
 */
export async function applyRelease(raw: ReleaseInputs, prior?: ReleaseOutputs): Promise<{ id: string; outs: ReleaseOutputs }> {
  const i = helmInputs(raw);
  const id = releaseId(i);
  const helm = driverFor(i);
  const ref = releaseRef(i);
  const hook = (event: HookEvent, error?: string) => runReleaseHooks(i, event, "up", error);
  // Ownership before anything runs: no hook (which may change the cluster) for a release this resource may not touch.
  if (prior) await checkUpdate(helm, ref, i, prior);
  else if (i.hooks?.length) {
    const existing = await helm.getMetadata(ref);
    if (existing) takeOver(existing, i, { quiet: true });
  }
  await hook("prepare");
  const chart = await resolveReleaseChart(i).catch((e: unknown) => {
    throw new ReleaseOperationError(failureMessage(id, prior ? "upgrade" : "install", e), { cause: e });
  });
  const run = async (mode: Mode): Promise<ReleaseStatusInfo> => {
    const started = Date.now();
    const verb = mode === "install" ? "helm install" : "helm upgrade --install";
    const heartbeat = setInterval(() => progress(`release ${id}: ${verb} still running (${Math.round((Date.now() - started) / 1000)}s${i.wait ? ", waiting for resources to become ready" : ""})`), 15_000);
    try {
      // A patched release installs its chartified chart, rendered against the cluster as helmfile's sync does.
      return await withDeployChart(i, chart, { secrets: secretsOf(i), cluster: ref }, (chartPath) => {
        const request = { ...ref, ...helmRequest(i), ...restore, chartPath };
        return mode === "install" ? helm.install(request) : helm.upgradeInstall(request);
      });
    } finally {
      clearInterval(heartbeat);
    }
  };
  // Objects changed by hand since the last up (seen by refresh): what the upgrade needs to put them back.
  const restore = prior ? restoreOptions({ ...prior, major: (await helm.binary()).major, options: i, driftDetection: i.driftDetection }) : {};
  let adopted = prior?.adopted ?? false;
  // What helm reported once it succeeded: a later failure (a postsync or cleanup hook) records the full outputs.
  let done: ReleaseStatusInfo | undefined;
  const onSynced = (r: ReleaseStatusInfo) => void (done = r);
  await hook("preapply");
  try {
    let installed: ReleaseStatusInfo;
    if (prior) {
      installed = await synced(i, onSynced, () => withPendingRecovery(helm, ref, i, () => reinstallIfForbidden(helm, ref, i, () => run("upgrade"))));
    } else installed = await synced(i, onSynced, async () => {
      let installed: ReleaseStatusInfo;
      try {
        installed = await run("install");
      } catch (e) {
        if (!isNameInUse(e)) throw e;
        const existing = await helm.getMetadata(ref);
        if (!existing) throw e;
        adopted = takeOver(existing, i);
        if (isPending(existing.status)) await handlePending(helm, ref, existing.status, i.recoverPending);
        installed = await withPendingRecovery(helm, ref, i, () => run("upgrade"));
        if (adopted) progress(`release ${id}: adopted the existing release (now revision ${installed.revision}, ${installed.status}; adopt: true); this stack owns it from now on`);
      }
      return installed;
    });
    return { id, outs: outputsAfterApply(raw, chart, installed, adopted) };
  } catch (e) {
    // A failed pre-hook changed nothing helm knows of; an ownership refusal changed nothing at all.
    if (e instanceof OwnershipError || (e instanceof HookError && e.event === "presync")) throw e;
    // If a release of ours exists now, record what is there so the engine keeps it (partial state) and the next up retries.
    const now = await helm.getMetadata(ref).catch(() => undefined);
    const message = failureMessage(id, prior || adopted ? "upgrade" : "install", e);
    if (done) throw new PartialReleaseError(message, id, stripUndefined({ ...outputsAfterApply(raw, chart, done, adopted) }), [message]);
    if (now && (prior || !i.owner || claimOf(now.labels, i.owner).kind === "ours")) {
      const props = stripUndefined({ ...(prior ?? {}), ...raw, status: now.status, revision: now.revision, appliedRevision: prior?.appliedRevision ?? 0, adopted });
      throw new PartialReleaseError(message, id, props, [message]);
    }
    throw new ReleaseOperationError(message, { cause: e });
  }
}

/** Every secret string of a release's inputs (for redaction): secret values, repository passwords. */
export function secretsOf(i: ReleaseInputs): string[] {
  const passwords = [i.repository?.password, ...(i.dependencies ?? []).map((d) => d.repository?.password)].filter((p): p is string => !!p);
  return [...(i.secretValues ?? []), ...passwords];
}

/** Run the release's hooks of `event` (hook driver, provider/hooks/); messages as progress lines. */
export function runReleaseHooks(i: ReleaseInputs, event: HookEvent, operation: "up" | "destroy", error?: string): Promise<number> {
  if (!i.hooks?.length) return Promise.resolve(0);
  const secrets = secretsOf(i);
  return runHooks(i.hooks, event, operation, { releaseId: releaseId(i), kubeconfig: i.kubeconfig, kubeContext: i.kubeContext, dir: i.baseDir, secrets }, { error, log: progress });
}

/**
 * helmfile's sync of one release (pkg/state/state.go SyncReleases): presync (a failure: helm does not run), helm,
 * postsync — also after a failed presync or helm, with `.Event.Error` (then a postsync failure is only a warning) —
 * then cleanup. `onSynced` gets helm's result before postsync runs.
 */
async function synced<T>(i: ReleaseInputs, onSynced: (r: T) => void, op: () => Promise<T>): Promise<T> {
  let result: T;
  try {
    await runReleaseHooks(i, "presync", "up");
    result = await op();
  } catch (e) {
    if (e instanceof OwnershipError) throw e; // refused before helm ran: nothing was synced
    const error = e instanceof HookError ? e.message : failureMessage(releaseId(i), "sync", e);
    for (const event of ["postsync", "cleanup"] as const) {
      await runReleaseHooks(i, event, "up", event === "postsync" ? error : undefined).catch((h: unknown) => warn((h as Error).message));
    }
    throw e;
  }
  onSynced(result);
  await runReleaseHooks(i, "postsync", "up");
  await runReleaseHooks(i, "cleanup", "up");
  return result;
}

/** The helm request fields of a release's inputs: values, and every helm option (the owner recorded as labels). */
function helmRequest(i: ReleaseInputs) {
  return {
    ...helmOptionsOf(i),
    values: valuesObjects(i),
    set: setEntries(i),
    setString: i.setString,
    timeout: i.timeout ?? 300,
    secrets: secretsOf(i),
    labels: { ...(i.labels ?? {}), ...(i.owner ? ownerLabels(i.owner) : {}) },
  };
}

/**
 * On create, an existing release: whether it is taken over as adopted (true), continued as ours (false), or refused
 * (throws OwnershipError, nothing changed).
 */
function takeOver(existing: ReleaseMetadata, i: ReleaseInputs, o: { quiet?: boolean } = {}): boolean {
  if (!i.owner) throw refusal("install", releaseId(i), existing, { kind: "unowned" }, i);
  const claim = claimOf(existing.labels, i.owner);
  if (claim.kind === "ours") {
    if (!o.quiet) progress(`release ${releaseId(i)} already exists and is owned by this resource (its state was lost?): upgrading it`);
    return false;
  }
  if (adoptAllows(i.adopt, claim)) return true;
  throw refusal("install", releaseId(i), existing, claim, i);
}

/** Before an upgrade: a release owned by another stack or resource is not touched. */
async function checkUpdate(helm: HelmDriver, ref: ReleaseRef, i: ReleaseInputs, prior: ReleaseOutputs): Promise<void> {
  if (!i.owner) return;
  const existing = await helm.getMetadata(ref);
  if (!existing) return; // gone (uninstalled out of band): reinstalled as ours
  const claim = claimOf(existing.labels, i.owner);
  if (claim.kind === "ours" || adoptAllows(i.adopt, claim)) return;
  // Unlabelled: ours only if this stack's state predates owner labels (no `owner` recorded) and the release is the
  // revision this stack applied; with an owner recorded, our apply labelled it, so someone reinstalled or relabelled it.
  if (claim.kind === "unowned" && prior.owner === undefined && existing.revision === prior.appliedRevision) return;
  throw refusal("upgrade", releaseId(i), existing, claim, i);
}

/**
 * `updateStrategy: reinstallIfForbidden` (helmfile's): when Kubernetes forbids the update (an immutable field, helm
 * says "Forbidden: updates"), uninstall the release — waiting, `deleteTimeout` — and install it again.
 */
async function reinstallIfForbidden(helm: HelmDriver, ref: ReleaseRef, i: ReleaseInputs, op: () => Promise<ReleaseStatusInfo>): Promise<ReleaseStatusInfo> {
  try {
    return await op();
  } catch (e) {
    if (i.updateStrategy !== "reinstallIfForbidden" || !(e instanceof HelmError) || !/Forbidden: updates/.test(e.stderr)) throw e;
    progress(`release ${releaseId(i)}: Kubernetes forbids this update; reinstalling (updateStrategy: reinstallIfForbidden)`);
    await helm.uninstall({ ...ref, deleteWait: true, deleteTimeout: i.deleteTimeout, cascade: i.cascade });
    return op();
  }
}

/** Run `op`; if it fails because the release is stuck pending-*, recover (or explain) and run it once more. */
async function withPendingRecovery(helm: HelmDriver, ref: ReleaseRef, i: ReleaseInputs, op: () => Promise<ReleaseStatusInfo>): Promise<ReleaseStatusInfo> {
  try {
    return await op();
  } catch (e) {
    const existing = await helm.getMetadata(ref).catch(() => undefined);
    if (!existing || !isPending(existing.status)) throw e;
    await handlePending(helm, ref, existing.status, i.recoverPending);
    return op();
  }
}
