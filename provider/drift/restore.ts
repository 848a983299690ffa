/**
 * How `up` puts drifted objects back. helm 3's upgrade (and helm 4's client-side one) is a three-way merge of the old
 * manifest, the new one and the live object: it patches every field the manifest sets back to the manifest's value
 * and recreates deleted objects. helm 4's server-side apply instead refuses fields another manager now owns
 * (`kubectl scale`, `kubectl edit` take them): "Apply failed with 1 conflict: conflict with "kubectl" with subresource
 * "scale"". So a release whose objects drifted is upgraded with --force-conflicts when its upgrade is server-side.
 */
import type { HelmOptions } from "../helm/options";
import type { ObjectDrift } from "./compare";
import { type DriftDetection, driftMode } from "./rules";

/** What the update of a release needs to know. */
export interface RestoreFacts {
  /** helm's major version. */
  major: 3 | 4;
  /** The release's inputs' helm options. */
  options: Pick<HelmOptions, "serverSide" | "force" | "forceConflicts">;
  driftDetection?: DriftDetection;
  /** What the last refresh found. */
  objectDrift?: readonly ObjectDrift[];
  /** How helm applied the release's current revision (helm 4's `apply_method`: "ssa" or "csa"). */
  applyMethod?: string;
}

/** The helm options to add to the upgrade so that it restores the drifted objects ({} when none are needed). */
export function restoreOptions(f: RestoreFacts): Pick<HelmOptions, "forceConflicts"> {
  if (!f.objectDrift?.length || driftMode(f.driftDetection) !== "enabled") return {};
  if (f.major !== 4 || f.options.force || f.options.forceConflicts) return {};
  // helm 4's --server-side: "auto" (the default) follows the previous revision's method.
  const serverSide = f.options.serverSide === "true" || ((f.options.serverSide ?? "auto") === "auto" && f.applyMethod === "ssa");
  return serverSide ? { forceConflicts: true } : {};
}
