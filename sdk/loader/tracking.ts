/**
 * helmfile's kubedog tracking fields (ReleaseSpec and HelmSpec of helmfile v1.8.0; behaviour in pkg/state/helmx.go).
 * A release's track mode is its `trackMode`, else `helmDefaults.trackMode`, else `helm`. `kubedog` makes helmfile
 * track the release's resources with kubedog after helm returns; `helm-legacy` makes a waiting release wait with Helm
 * 4's legacy strategy (`--wait=legacy`); every other kubedog field only acts in `kubedog` mode.
 *
 * pulumi-helmfile deploys with helm alone, so a `trackMode` other than `helm` is refused where it is written (file,
 * line, key), and the other fields, which then have no effect, are kept as written in the resolved release.
 */
import type { ReleaseSpec, ReleaseTracking } from "../state/types";
import { isPlainObject, type PlainMap } from "./plainObject";
import type { KeyPath } from "./yamlDocument";

/** Every field of {@link ReleaseTracking} (the compiler checks the list is complete). */
const FIELDS: Record<keyof ReleaseTracking, true> = {
  trackMode: true, trackTimeout: true, trackLogs: true, trackFailedLogs: true, helmStuckGrace: true, trackKinds: true,
  skipKinds: true, trackResources: true, kubedogQPS: true, kubedogBurst: true, trackFailOnError: true,
};

/** The track modes helmfile knows besides `helm` (pkg/kubedog/options.go), and why each is refused. */
const UNSUPPORTED_MODES: Record<string, string> = {
  kubedog: "pulumi-helmfile deploys with helm alone and does not run kubedog",
  "helm-legacy": "it makes helmfile wait with Helm 4's legacy strategy (--wait=legacy), which pulumi-helmfile does not use",
};

/** Why a `trackMode` value cannot be honoured, or undefined when it is the default (`helm`, empty or unset). */
export function trackModeProblem(mode: unknown): string | undefined {
  if (mode === undefined || mode === "" || mode === "helm") return undefined;
  const text = String(mode);
  const why = Object.hasOwn(UNSUPPORTED_MODES, text) ? UNSUPPORTED_MODES[text] : undefined;
  if (why) return `trackMode "${text}" is not supported: ${why}; remove the key or set trackMode: helm (the default)`;
  return `trackMode "${text}" is invalid: helmfile knows helm, helm-legacy and kubedog, and pulumi-helmfile supports helm only`;
}

/** The first `trackMode` of a decoded state document that cannot be honoured (helmDefaults, releases, templates). */
export function unsupportedTrackMode(doc: PlainMap): { path: KeyPath; reason: string } | undefined {
  const candidates: [KeyPath, unknown][] = [];
  if (isPlainObject(doc.helmDefaults)) candidates.push([["helmDefaults", "trackMode"], doc.helmDefaults.trackMode]);
  if (Array.isArray(doc.releases)) {
    doc.releases.forEach((r, i) => isPlainObject(r) && candidates.push([["releases", i, "trackMode"], r.trackMode]));
  }
  if (isPlainObject(doc.templates)) {
    for (const [name, t] of Object.entries(doc.templates)) if (isPlainObject(t)) candidates.push([["templates", name, "trackMode"], t.trackMode]);
  }
  for (const [path, mode] of candidates) {
    const reason = trackModeProblem(mode);
    if (reason) return { path, reason };
  }
  return undefined;
}

/** The kubedog fields a release sets (empty lists count as unset, as `helmfile build` omits them), or undefined. */
export function releaseTracking(r: ReleaseSpec): ReleaseTracking | undefined {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(FIELDS) as (keyof ReleaseTracking)[]) {
    const v = r[k];
    if (v === undefined || v === "" || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return Object.keys(out).length ? (out as ReleaseTracking) : undefined;
}
