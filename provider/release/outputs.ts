/** The outputs of a release: its inputs echoed (the engine gives old outputs to diff/update), plus what helm reports. */
import * as crypto from "node:crypto";
import { parseManifest } from "../manifest/objects";
import { manifestDigest } from "../manifest/summary";
import { HelmDriver } from "../helm/driver";
import type { ReleaseRef, ReleaseStatusInfo } from "../helm/types";
import type { ResolvedChart } from "../cache";
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
  /** The release existed before Pulumi created it and was taken over (adopted). */
  adopted: boolean;
  /** Out-of-band changes seen by the last refresh, in words; "" when none. */
  drift: string;
}

export type ReleaseOutputs = ReleaseInputs & ReleaseState;

const sha = (s: string) => crypto.createHash("sha256").update(s).digest("hex");

/** Canonical JSON (sorted keys) for digests. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    return `{${Object.keys(v as object).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(v ?? null);
}

/** What helm says of a release right now. */
export type LiveState = Omit<ReleaseState, "appliedRevision" | "appliedValuesDigest" | "adopted" | "drift" | "chartDigest">;

/** The chart facts of a live state, when already known (right after an install, from the resolved chart). */
export interface KnownChart {
  name: string;
  version: string;
  appVersion?: string;
}

/**
 * The live state of a release; undefined when it does not exist. One `helm status` gives status, revision, times,
 * values and manifest (or none, when `known` is what `helm upgrade --install -o json` just printed); the chart's name
 * and version cost a `helm get metadata` unless `chart` is already known.
 */
export async function liveState(helm: HelmDriver, ref: ReleaseRef, chart?: KnownChart, known?: ReleaseStatusInfo): Promise<LiveState | undefined> {
  const [st, meta] = await Promise.all([known ?? helm.status(ref), chart ? undefined : helm.getMetadata(ref)]);
  if (!st) return undefined;
  const objects = parseManifest(st.manifest, ref.namespace).map(({ apiVersion, kind, namespace, name }) => ({ apiVersion, kind, namespace, name }));
  return {
    status: st.status,
    revision: st.revision,
    chartName: chart?.name ?? meta?.chart ?? "",
    chartVersion: chart?.version ?? meta?.version ?? "",
    appVersion: chart?.appVersion ?? meta?.appVersion ?? "",
    objects,
    manifestDigest: manifestDigest(st.manifest),
    valuesDigest: sha(canonical(st.values)),
    firstDeployed: st.firstDeployed,
    lastDeployed: st.lastDeployed,
  };
}

/** Outputs after a successful create/update, from the release helm printed (`installed`). */
export async function outputsAfterApply(
  helm: HelmDriver,
  ref: ReleaseRef,
  inputs: ReleaseInputs,
  chart: ResolvedChart,
  prior: Partial<ReleaseOutputs> | undefined,
  installed: ReleaseStatusInfo,
): Promise<ReleaseOutputs> {
  const live = await liveState(helm, ref, chart, installed);
  if (!live) throw new Error(`release ${ref.namespace}/${ref.name} is missing right after helm installed it`);
  return stripUndefined({
    ...inputs,
    ...live,
    chartDigest: inputs.chartDigest ?? chart.digest,
    appliedRevision: live.revision,
    appliedValuesDigest: live.valuesDigest,
    // A release that existed before Pulumi created it is upgraded, not installed: revision > 1.
    adopted: prior?.adopted ?? installed.revision > 1,
    drift: "",
  }) as ReleaseOutputs;
}

/** JSON round trip: the gRPC struct encoder rejects undefined (pulumi#2205). */
export function stripUndefined<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}
