/**
 * The dynamic provider's handlers for HelmRelease. check and diff are pure and cheap (the engine runs them one at a
 * time): no helm process, no network. create/update/read/delete call helm through the driver.
 */
import { isDeepStrictEqual } from "node:util";
import type { ReleaseInputs } from "./inputs";
import { helmOptionsOf, releaseId, releaseRef, validateInputs } from "./inputs";
import { applyRelease, secretsOf, runReleaseHooks } from "./apply";
import { driverFor, progress, warn } from "./context";
import { claimOf, describeOwner } from "./ownership";
import { liveState, ReleaseOutputs, stripUndefined } from "./outputs";
import { objectDriftOf, refreshedInputs } from "./drift";

/** The engine's placeholder for values unknown during preview. */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Output-only keys: never compared as inputs. */
export const STATE_KEYS = new Set([
  "status", "revision", "appliedRevision", "chartName", "chartVersion", "appVersion", "objects", "manifestDigest",
  "valuesDigest", "appliedValuesDigest", "firstDeployed", "lastDeployed", "adopted", "drift", "objectDrift", "applyMethod", "__provider",
]);
/** Inputs that only matter when a release is first created (taking over an existing one): never a reason to update. */
const CREATE_ONLY = new Set(["adopt"]);
/** Inputs that only the provider reads (on refresh): a change is stored without running helm. */
const PROVIDER_ONLY = new Set(["driftDetection"]);
/** Changing these means another release: replace. */
const IDENTITY = ["name", "namespace", "kubeContext"] as const;

function containsUnknown(v: unknown): boolean {
  if (v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (v && typeof v === "object") return Object.values(v).some(containsUnknown);
  return false;
}

export interface CheckFailure {
  property: string;
  reason: string;
}

export async function check(_olds: unknown, news: Record<string, unknown>): Promise<{ inputs: Record<string, unknown>; failures: CheckFailure[] }> {
  const failures = containsUnknown(news.name) || containsUnknown(news.namespace) || containsUnknown(news.chart) ? [] : validateInputs(news as Partial<ReleaseInputs>);
  return { inputs: news, failures };
}

/** The inputs that differ between old outputs and new inputs. */
function changedInputs(olds: Record<string, unknown>, news: Record<string, unknown>): string[] {
  const norm = (o: Record<string, unknown>, k: string) => (k === "namespace" ? (o[k] ?? "default") : k === "createNamespace" ? (o[k] ?? true) : o[k]);
  const keys = new Set([...Object.keys(olds), ...Object.keys(news)].filter((k) => !STATE_KEYS.has(k) && !CREATE_ONLY.has(k)));
  return [...keys].filter((k) => containsUnknown(news[k]) || !isDeepStrictEqual(norm(olds, k), norm(news, k)));
}

/** Drift seen by refresh (out-of-band upgrade/rollback, objects changed by hand) or a failed release. */
function drifted(olds: Record<string, unknown>): boolean {
  return (!!olds.drift && olds.drift !== "") || (olds.status !== undefined && olds.status !== "deployed");
}

export async function diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
  const changed = changedInputs(olds, news);
  const replaces = IDENTITY.filter((k) => changed.includes(k));
  // Converge on drift even when inputs are equal.
  // Only the kube context changed: it may name the same cluster, where create-before-delete would upgrade the release
  // in place and then uninstall it. Delete first.
  const contextOnly = replaces.length === 1 && replaces[0] === "kubeContext";
  return { changes: changed.length > 0 || drifted(olds), replaces: [...replaces], deleteBeforeReplace: contextOnly };
}

export async function create(inputs: ReleaseInputs) {
  return applyRelease(inputs);
}

export async function update(_id: string, olds: ReleaseOutputs, news: ReleaseInputs) {
  const changed = changedInputs(olds as unknown as Record<string, unknown>, news as unknown as Record<string, unknown>);
  if (changed.length && changed.every((k) => PROVIDER_ONLY.has(k)) && !drifted(olds as unknown as Record<string, unknown>)) {
    return { outs: stripUndefined({ ...olds, ...Object.fromEntries(changed.map((k) => [k, news[k as keyof ReleaseInputs]])) }) };
  }
  const { outs } = await applyRelease(news, olds);
  return { outs };
}

/**
 * refresh: a release gone from the cluster leaves the state; out-of-band changes show as drift, a change of owner
 * included (the next `up` then refuses to touch a release another stack took), and so do its objects changed or
 * deleted by hand (./drift.ts). The stored inputs are replaced too, so that `pulumi preview --diff` shows what `up`
 * changes back.
 */
export async function read(id: string, props: ReleaseOutputs) {
  const helm = driverFor(props);
  const ref = releaseRef(props);
  const found = await liveState(helm, ref);
  if (!found) {
    progress(`release ${releaseId(props)} no longer exists in the cluster; removing it from the stack state`);
    return { id: "", props: {} };
  }
  const live = found.state;
  const why: string[] = [];
  if (live.revision !== props.appliedRevision) why.push(`revision ${props.appliedRevision} → ${live.revision}`);
  if (live.chartVersion !== props.chartVersion) why.push(`chart version ${props.chartVersion} → ${live.chartVersion}`);
  if (live.valuesDigest !== props.appliedValuesDigest) why.push("values changed");
  if (live.status !== "deployed") why.push(`status ${live.status}`);
  const owner = ownerDrift(found.labels, props);
  if (owner) why.push(owner);
  const objects = await objectDriftOf(props, found.manifest);
  if (objects.words) why.push(objects.words);
  const drift = why.length ? `changed outside Pulumi: ${why.join(", ")}` : "";
  if (drift) progress(`release ${releaseId(props)}: ${drift}`);
  const outs = stripUndefined({ ...props, ...live, drift, objectDrift: objects.drift });
  return { id, props: outs, ...(objects.checked ? { inputs: refreshedInputs(outs, STATE_KEYS) } : {}) };
}

/** The owner recorded on the release, compared with this resource's: words for the drift report, or "". */
function ownerDrift(labels: Record<string, string>, props: ReleaseOutputs): string {
  if (!props.owner) return "";
  const claim = claimOf(labels, props.owner);
  if (claim.kind === "other-stack" || claim.kind === "other-resource") return `now owned by ${describeOwner(claim.owner)}`;
  // Every apply with an owner records it, so an unlabelled release was relabelled (or replaced) out of band.
  if (claim.kind === "unowned") return "owner labels removed";
  return "";
}

/**
 * delete: `helm uninstall` — only of a release this resource owns. A release owned by another stack or resource, or
 * an unlabelled one that changed since this stack deployed it, is left installed and dropped from this stack's state
 * with a warning (destroy completes; the owner is not affected).
 */
export async function remove(_id: string, props: ReleaseOutputs) {
  const helm = driverFor(props);
  const ref = releaseRef(props);
  const id = releaseId(props);
  const existing = await helm.getMetadata(ref);
  if (!existing) {
    progress(`release ${id} was already gone`);
    // helmfile destroy: prepare for every release, cleanup for one it did not delete (pkg/app/app.go `delete`).
    await runReleaseHooks(props, "prepare", "destroy");
    await runReleaseHooks(props, "cleanup", "destroy");
    return;
  }
  const claim = props.owner ? claimOf(existing.labels, props.owner) : { kind: "unowned" as const };
  // Unlabelled: ours only if this state predates owner labels and the release is the revision this stack applied.
  const unchanged = props.owner === undefined && existing.revision === props.appliedRevision;
  if (claim.kind === "other-stack" || claim.kind === "other-resource" || (claim.kind === "unowned" && !unchanged)) {
    const who = claim.kind === "unowned" ? `it carries no owner labels although this stack recorded them, or changed since (revision ${existing.revision}, this stack's was ${props.appliedRevision}): someone reinstalled or relabelled it` : `it is owned by ${describeOwner(claim.owner)}`;
    warn(`release ${id} was NOT uninstalled: ${who}. It is removed from this stack's state only.`);
    return;
  }
  // helmfile destroy: prepare (pkg/app/run.go, chart preparation), then pkg/state/state.go DeleteReleases:
  // preuninstall (a failure: nothing uninstalled), uninstall, postuninstall after a successful uninstall. No cleanup:
  // helmfile v1.8.0 fires it only for the releases it did not delete.
  await runReleaseHooks(props, "prepare", "destroy");
  await runReleaseHooks(props, "preuninstall", "destroy");
  const existed = await helm.uninstall({ ...helmOptionsOf(props), ...ref, keepHistory: props.keepHistory, secrets: secretsOf(props) });
  if (!existed) progress(`release ${id} was already gone`);
  await runReleaseHooks(props, "postuninstall", "destroy");
}
