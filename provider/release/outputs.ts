/** The outputs of a release: its inputs echoed (the engine gives old outputs to diff/update), plus what helm reports. */
import * as crypto from "node:crypto";
import { parseManifest } from "../manifest/objects";
import { canonical, manifestDigest } from "../manifest/summary";
import { HelmDriver } from "../helm/driver";
import type { ReleaseRef, ReleaseStatusInfo } from "../helm/types";
import type { ResolvedChart } from "../cache";
import type { ObjectDrift } from "../drift/compare";
import type { ReleaseInputs } from "./inputs";

/** An object helm manages for the release. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
}

/** What the provider adds to the echoed inputs. */
export interface ReleaseState {
  /** helm's status: deployed, failed, pending-upgrade, … */
  status: string;
  /** The release's current revision in the cluster. */
  revision: number;
  /** The revision our last create/update produced (differs from `revision` after an out-of-band change). */
  appliedRevision: number;
  chartName: string;
  chartVersion: string;
  appVersion: string;
  /** sha256 of the chart archive (or local chart content) deployed. */
  chartDigest?: string;
  objects: ObjectRef[];
  /** sha256 of the release manifest in the cluster. */
  manifestDigest: string;
  /** sha256 of the user-supplied values stored in the release (as `helm get values`). */
  valuesDigest: string;
  /** valuesDigest right after our last create/update. */
  appliedValuesDigest: string;
  firstDeployed: string;
  lastDeployed: string;
  /** The release existed, owned by no stack, and was taken over (`adopt`) instead of installed. */
  adopted: boolean;
  /**
   * Out-of-band changes seen by the last refresh, in words — of the release record (revision, chart, values, status,
   * owner) and of its objects (unless `driftDetection.mode` is "warn"); "" when none.
   */
  drift: string;
  /** The release's objects that the last refresh found deleted or changed outside Pulumi, field by field (masked). */
  objectDrift: ObjectDrift[];
  /** How helm 4 applied the current revision ("ssa" server-side, "csa" client-side); absent with helm 3. */
  applyMethod?: string;
}

export type ReleaseOutputs = ReleaseInputs & ReleaseState;

const sha = (s: string) => crypto.createHash("sha256").update(s).digest("hex");

/** What helm says of a release right now. */
export type LiveState = Omit<ReleaseState, "appliedRevision" | "appliedValuesDigest" | "adopted" | "drift" | "objectDrift" | "chartDigest">;

/** The chart facts of a live state: from the resolved chart right after an install, from `helm get metadata` otherwise. */
export interface KnownChart {
  name: string;
  version: string;
  appVersion?: string;
}

/** The live state of a release from what helm printed of it (`helm status` / `upgrade --install -o json`) and its chart. */
export function liveStateOf(st: ReleaseStatusInfo, namespace: string, chart: KnownChart): LiveState {
  const objects = parseManifest(st.manifest, namespace).map(({ apiVersion, kind, namespace, name }) => ({ apiVersion, kind, namespace, name }));
  return {
    status: st.status,
    revision: st.revision,
    chartName: chart.name,
    chartVersion: chart.version,
    appVersion: chart.appVersion ?? "",
    objects,
    manifestDigest: manifestDigest(st.manifest),
    valuesDigest: sha(canonical(st.values)),
    firstDeployed: st.firstDeployed,
    lastDeployed: st.lastDeployed,
    ...(st.applyMethod ? { applyMethod: st.applyMethod } : {}),
  };
}

/**
 * The live state of a release, read from the cluster; undefined when it does not exist. `helm status` gives status,
 * revision, times, values and manifest; `helm get metadata` the chart's name and version, and the release labels
 * (which record its owner).
 */
export async function liveState(helm: HelmDriver, ref: ReleaseRef): Promise<{ state: LiveState; labels: Record<string, string>; manifest: string } | undefined> {
  const [st, meta] = await Promise.all([helm.status(ref), helm.getMetadata(ref)]);
  if (!st) return undefined;
  const state = liveStateOf(st, ref.namespace, { name: meta?.chart ?? "", version: meta?.version ?? "", appVersion: meta?.appVersion });
  return { state, labels: meta?.labels ?? {}, manifest: st.manifest };
}

/**
 * Outputs after a successful create/update, from the release helm printed (`installed`) and the chart it installed;
 * `adopted`: the release existed, owned by no stack (or by the stack `adopt` named), and was taken over.
 */
export function outputsAfterApply(inputs: ReleaseInputs, chart: ResolvedChart, installed: ReleaseStatusInfo, adopted: boolean): ReleaseOutputs {
  const live = liveStateOf(installed, installed.namespace, chart);
  return stripUndefined({
    ...inputs,
    ...live,
    chartDigest: inputs.chartDigest ?? chart.digest,
    appliedRevision: live.revision,
    appliedValuesDigest: live.valuesDigest,
    adopted,
    drift: "",
    objectDrift: [],
  }) as ReleaseOutputs;
}

/** JSON round trip: the gRPC struct encoder rejects undefined (pulumi#2205). */
export function stripUndefined<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}
