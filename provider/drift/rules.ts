/**
 * Drift detection settings of a release (Flux helm-controller's `driftDetection`): the mode, and ignore rules — JSON
 * pointers plus a target selector — on top of defaults for the fields controllers own. Pure: data in, data out.
 */

/** Which objects an ignore rule applies to; every field given must match (strings are anchored regular expressions). */
export interface DriftTarget {
  /** API group ("" for the core group, "apps", …). */
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  /** Labels the object carries in the release's manifest (all of them, exact values). */
  labels?: Record<string, string>;
}

/** Fields never reported as drift. */
export interface DriftIgnoreRule {
  /**
   * JSON pointers (RFC 6901) of the fields to ignore, each with everything below it; a `*` segment matches any one
   * key or index; `""` ignores the whole object (even when it was deleted).
   * @example ["/spec/replicas", "/spec/template/spec/containers/*\/image"]
   */
  paths: string[];
  /** The objects the rule applies to. @default every object of the release */
  target?: DriftTarget;
}

/** A release's drift detection. */
export interface DriftDetection {
  /**
   * `enabled`: refresh compares the live objects with the release's manifest, reports what differs, and `up`
   * restores it. `warn`: refresh reports, `up` does not act on it. `disabled`: no comparison (no kubectl process).
   * @default "enabled"
   */
  mode?: "enabled" | "warn" | "disabled";
  /** Fields not to report, in addition to {@link DEFAULT_IGNORES} and the replicas of an HPA's target. */
  ignore?: DriftIgnoreRule[];
}

/**
 * Fields the API server and controllers own, ignored on every object: status, the field managers, bookkeeping. Fields
 * the API server defaults need no rule: the comparison is with a server-side dry run, defaulted on both sides.
 */
export const DEFAULT_IGNORES: readonly DriftIgnoreRule[] = [
  { paths: ["/status", "/metadata/managedFields", "/metadata/resourceVersion", "/metadata/generation", "/metadata/uid", "/metadata/creationTimestamp"] },
];

const MODES = new Set(["enabled", "warn", "disabled"]);
const TARGET_KEYS = new Set(["group", "version", "kind", "name", "namespace", "labels"]);

/** The mode in effect. */
export function driftMode(d: DriftDetection | undefined): "enabled" | "warn" | "disabled" {
  return d?.mode ?? "enabled";
}

/** Problems of a `driftDetection` input, as {property, reason} (empty when valid). */
export function driftProblems(d: unknown): { property: string; reason: string }[] {
  if (d === undefined) return [];
  const f = (reason: string) => ({ property: "driftDetection", reason });
  if (!d || typeof d !== "object" || Array.isArray(d)) return [f("driftDetection is an object: { mode?, ignore? }")];
  const out: { property: string; reason: string }[] = [];
  for (const k of Object.keys(d)) if (k !== "mode" && k !== "ignore") out.push(f(`driftDetection.${k}: unknown key (mode, ignore)`));
  const { mode, ignore } = d as { mode?: unknown; ignore?: unknown };
  if (mode !== undefined && !MODES.has(mode as string)) out.push(f(`driftDetection.mode must be "enabled", "warn" or "disabled", not '${String(mode)}'`));
  if (ignore === undefined) return out;
  if (!Array.isArray(ignore)) return [...out, f("driftDetection.ignore is a list of { paths, target? }")];
  ignore.forEach((r: unknown, i) => out.push(...ruleProblems(r, `driftDetection.ignore[${i}]`).map(f)));
  return out;
}

function ruleProblems(r: unknown, at: string): string[] {
  if (!r || typeof r !== "object" || Array.isArray(r)) return [`${at} is an object: { paths, target? }`];
  const out: string[] = [];
  for (const k of Object.keys(r)) if (k !== "paths" && k !== "target") out.push(`${at}.${k}: unknown key (paths, target)`);
  const { paths, target } = r as { paths?: unknown; target?: unknown };
  if (!Array.isArray(paths) || !paths.length) out.push(`${at}.paths: a non-empty list of JSON pointers is required`);
  else paths.forEach((p, j) => {
    if (typeof p !== "string" || (p !== "" && !p.startsWith("/"))) out.push(`${at}.paths[${j}]: '${String(p)}' is not a JSON pointer (it starts with '/', or is "" for the whole object)`);
  });
  if (target === undefined) return out;
  if (!target || typeof target !== "object" || Array.isArray(target)) return [...out, `${at}.target is an object: { group?, version?, kind?, name?, namespace?, labels? }`];
  for (const [k, v] of Object.entries(target)) {
    if (!TARGET_KEYS.has(k)) out.push(`${at}.target.${k}: unknown key (group, version, kind, name, namespace, labels)`);
    else if (k === "labels") {
      if (!v || typeof v !== "object" || Array.isArray(v) || Object.values(v).some((x) => typeof x !== "string")) out.push(`${at}.target.labels: a map of label → value`);
    } else if (typeof v !== "string") out.push(`${at}.target.${k}: a string (a regular expression)`);
    else {
      try {
        new RegExp(v);
      } catch (e) {
        out.push(`${at}.target.${k}: '${v}' is not a regular expression: ${(e as Error).message}`);
      }
    }
  }
  return out;
}

/** The identity and labels of an object a rule is matched against. */
export interface TargetFacts {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  labels: Record<string, string>;
}

const anchored = (re: string, v: string) => new RegExp(`^(?:${re})$`).test(v);

/** Whether `t` selects the object. */
export function targetMatches(t: DriftTarget | undefined, o: TargetFacts): boolean {
  if (!t) return true;
  const slash = o.apiVersion.indexOf("/");
  const group = slash < 0 ? "" : o.apiVersion.slice(0, slash);
  const version = slash < 0 ? o.apiVersion : o.apiVersion.slice(slash + 1);
  const fields: [string | undefined, string][] = [[t.group, group], [t.version, version], [t.kind, o.kind], [t.name, o.name], [t.namespace, o.namespace]];
  if (fields.some(([re, v]) => re !== undefined && !anchored(re, v))) return false;
  return Object.entries(t.labels ?? {}).every(([k, v]) => o.labels[k] === v);
}

/**
 * The replicas of a Deployment, StatefulSet or ReplicaSet that a HorizontalPodAutoscaler of the same manifest scales:
 * the HPA owns them, so they are ignored.
 */
export function hpaRules(objects: readonly { kind: string; namespace: string; body: Record<string, unknown> }[]): DriftIgnoreRule[] {
  const out: DriftIgnoreRule[] = [];
  for (const o of objects) {
    if (o.kind !== "HorizontalPodAutoscaler") continue;
    const ref = (o.body.spec as { scaleTargetRef?: { kind?: unknown; name?: unknown } } | undefined)?.scaleTargetRef;
    if (typeof ref?.kind !== "string" || typeof ref.name !== "string") continue;
    out.push({ paths: ["/spec/replicas"], target: { kind: escapeRe(ref.kind), name: escapeRe(ref.name), namespace: escapeRe(o.namespace) } });
  }
  return out;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A JSON pointer's segments, unescaped (RFC 6901: `~1` is `/`, `~0` is `~`). */
export function pointerSegments(p: string): string[] {
  return p === "" ? [] : p.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** The JSON pointer of segments. */
export function pointerOf(segments: readonly string[]): string {
  return segments.map((s) => `/${s.replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

/** Whether `rule` (segments, `*` any one) covers `at` (the rule is `at` or one of its ancestors). */
export function pointerCovers(rule: readonly string[], at: readonly string[]): boolean {
  return rule.length <= at.length && rule.every((s, i) => s === "*" || s === at[i]);
}
