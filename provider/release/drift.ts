/**
 * Refresh's look at a release's objects (../drift/): whether to look, what was found in words, and the inputs the
 * refresh stores so that the next `pulumi preview --diff` shows what `up` puts back.
 */
import type { ObjectDrift } from "../drift/compare";
import { detectObjectDrift } from "../drift/detect";
import { describeDrift, liveSummary } from "../drift/report";
import { driftMode } from "../drift/rules";
import { KubectlError, locateKubectl } from "../kube/driver";
import type { RenderedSummary } from "../manifest/summary";
import { secretsOf } from "./apply";
import { warn } from "./context";
import { releaseId, releaseRef } from "./inputs";
import type { ReleaseOutputs } from "./outputs";

/** What refresh found of the objects: the list (masked) and its words for `drift` ("" when nothing counts). */
export interface ObjectDriftResult {
  drift: ObjectDrift[];
  words: string;
  /** Whether the objects were compared at all. */
  checked: boolean;
}

/**
 * Compare the release's objects with `manifest` (the release's stored one), unless drift detection is disabled. In
 * "warn" mode the drift is listed and warned about but not part of `drift` (so `up` does not act on it). Without
 * kubectl, a release that did not ask for drift detection explicitly is refreshed without it, with a warning.
 */
export async function objectDriftOf(props: ReleaseOutputs, manifest: string): Promise<ObjectDriftResult> {
  const mode = driftMode(props.driftDetection);
  const id = releaseId(props);
  if (mode === "disabled") return { drift: [], words: "", checked: false };
  try {
    locateKubectl();
  } catch (e) {
    if (!(e instanceof KubectlError) || props.driftDetection?.mode) throw e;
    warn(`release ${id}: objects not compared with the release's manifest: ${e.message}`);
    return { drift: [], words: "", checked: false };
  }
  const ref = releaseRef(props);
  const drift = await detectObjectDrift({ ...ref, manifest, what: `release ${id}: drift detection`, ignore: props.driftDetection?.ignore, secrets: secretsOf(props) });
  if (!drift.length) return { drift, words: "", checked: true };
  const words = `objects: ${describeDrift(drift)}`;
  if (mode === "warn") {
    warn(`release ${id}: ${words} (driftDetection.mode "warn": up leaves them as they are)`);
    return { drift, words: "", checked: true };
  }
  return { drift, words, checked: true };
}

/**
 * The inputs a refresh stores: the outputs' echo of the inputs, with `drift` (shown as removed by the next preview)
 * and the rendered summary as the cluster has it now (the preview then shows each drifted field going back).
 */
export function refreshedInputs(outs: ReleaseOutputs, stateKeys: ReadonlySet<string>): Record<string, unknown> {
  const keep = new Set(["__provider", ...(outs.drift ? ["drift"] : [])]);
  const inputs = Object.fromEntries(Object.entries(outs).filter(([k]) => keep.has(k) || !stateKeys.has(k)));
  if (outs.rendered && outs.objectDrift.length && driftMode(outs.driftDetection) === "enabled") {
    inputs.rendered = liveSummary(outs.rendered as RenderedSummary, outs.objectDrift);
  }
  return inputs;
}
