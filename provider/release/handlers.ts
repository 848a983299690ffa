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

/** The engine's placeholder for values unknown during preview. */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Output-only keys: never compared as inputs. */
const STATE_KEYS = new Set([
  "status", "revision", "appliedRevision", "chartName", "chartVersion", "appVersion", "objects", "manifestDigest",
  "valuesDigest", "appliedValuesDigest", "firstDeployed", "lastDeployed", "adopted", "drift", "__provider",
]);
/** Inputs that only matter when a release is first created (taking over an existing one): never a reason to update. */
const CREATE_ONLY = new Set(["adopt"]);
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

export async function diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
  const norm = (o: Record<string, unknown>, k: string) => (k === "namespace" ? (o[k] ?? "default") : k === "createNamespace" ? (o[k] ?? true) : o[k]);
  const keys = new Set([...Object.keys(olds), ...Object.keys(news)].filter((k) => !STATE_KEYS.has(k) && !CREATE_ONLY.has(k)));
  const changed = [...keys].filter((k) => containsUnknown(news[k]) || !isDeepStrictEqual(norm(olds, k), norm(news, k)));
  const replaces = IDENTITY.filter((k) => changed.includes(k));
  // Drift seen by refresh (out-of-band upgrade/rollback) or a failed release: converge even when inputs are equal.
  const drifted = (olds.drift && olds.drift !== "") || (olds.status !== undefined && olds.status !== "deployed");
  // Only the kube context changed: it may name the same cluster, where create-before-delete would upgrade the release
  // in place and then uninstall it. Delete first.
  const contextOnly = replaces.length === 1 && replaces[0] === "kubeContext";
  return { changes: changed.length > 0 || !!drifted, replaces: [...replaces], deleteBeforeReplace: contextOnly };
}

export async function create(inputs: ReleaseInputs) {
  return applyRelease(inputs);
}

export async function update(_id: string, olds: ReleaseOutputs, news: ReleaseInputs) {
  const { outs } = await applyRelease(news, olds);
  return { outs };
}

/**
 * refresh: a release gone from the cluster leaves the state; out-of-band changes show as drift, a change of owner
 * included (the next `up` then refuses to touch a release another stack took).
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
  const drift = why.length ? `changed outside Pulumi: ${why.join(", ")}` : "";
  if (drift) progress(`release ${releaseId(props)}: ${drift}`);
  return { id, props: stripUndefined({ ...props, ...live, drift }) };
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
