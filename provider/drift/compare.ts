/**
 * The comparison behind drift detection (pure): for each object of a release's manifest, what the API server says it
 * would be after applying the manifest (a server-side-apply dry run) against what it is. A missing object is reported
 * as missing; otherwise every field that differs, by JSON pointer, expected → live, values masked as previews mask
 * them (Secret data, `checksum/*` annotations, secret inputs: ../manifest/summary.ts maskedObject).
 */
import { isDeepStrictEqual } from "node:util";
import type { ManifestObject } from "../manifest/objects";
import { maskedObject } from "../manifest/summary";
import { SECRET_CHANGED_MASK, secretForms } from "../secrets/forms";
import { DEFAULT_IGNORES, DriftIgnoreRule, hpaRules, pointerCovers, pointerOf, pointerSegments, targetMatches } from "./rules";

/** One field that differs. A side without the field has no `expected` / `live` key. */
export interface DriftedField {
  /** JSON pointer of the field. */
  path: string;
  expected?: unknown;
  live?: unknown;
}

/** An object of the release that changed outside Pulumi. */
export interface ObjectDrift {
  apiVersion: string;
  kind: string;
  /** "" for cluster-scoped objects. */
  namespace: string;
  name: string;
  /** The object was deleted. */
  missing?: boolean;
  /** The fields that differ (when not missing). */
  fields?: DriftedField[];
}

/** What is compared. */
export interface DriftInput {
  /** The release's manifest, parsed. */
  objects: readonly ManifestObject[];
  /** The server-side-apply dry run of those objects. */
  expected: readonly Record<string, unknown>[];
  /** The live objects (those that exist). */
  live: readonly Record<string, unknown>[];
  /** The release's own ignore rules (defaults and HPA rules are added here). */
  ignore?: readonly DriftIgnoreRule[];
  /** Plaintext secret inputs: their forms are masked in reported values. */
  secrets?: readonly string[];
}

type Obj = Record<string, unknown>;

const groupOf = (apiVersion: string) => (apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "");
const meta = (o: Obj) => (o.metadata ?? {}) as { name?: string; namespace?: string; labels?: Record<string, string> };
const keyOf = (apiVersion: string, kind: string, namespace: string, name: string) => `${groupOf(apiVersion)}/${kind}/${namespace}/${name}`;

/** Objects by group/kind/namespace/name (the version may differ between what was sent and what came back). */
function index(objs: readonly Obj[]): Map<string, Obj> {
  const m = new Map<string, Obj>();
  for (const o of objs) m.set(keyOf(String(o.apiVersion ?? ""), String(o.kind ?? ""), meta(o).namespace ?? "", meta(o).name ?? ""), o);
  return m;
}

/** The object of `m` for a manifest object (cluster-scoped kinds the manifest parser does not know come back without a namespace). */
function find(m: Map<string, Obj>, o: ManifestObject): Obj | undefined {
  return m.get(keyOf(o.apiVersion, o.kind, o.namespace, o.name)) ?? m.get(keyOf(o.apiVersion, o.kind, "", o.name));
}

/** For each manifest object, whether it is among the live objects. */
export function existence(objects: readonly ManifestObject[], live: readonly Obj[]): boolean[] {
  const m = index(live);
  return objects.map((o) => find(m, o) !== undefined);
}

/** The drifted objects of a release, in manifest order. */
export function compareObjects(d: DriftInput): ObjectDrift[] {
  const expected = index(d.expected);
  const live = index(d.live);
  const rules = [...DEFAULT_IGNORES, ...hpaRules(d.objects), ...(d.ignore ?? [])];
  const forms = secretForms(d.secrets ?? []);
  const out: ObjectDrift[] = [];
  for (const o of d.objects) {
    const ref = { apiVersion: o.apiVersion, kind: o.kind, namespace: o.namespace, name: o.name };
    const facts = { ...ref, labels: meta(o.body).labels ?? {} };
    const ignored = rules.filter((r) => targetMatches(r.target, facts)).flatMap((r) => r.paths.map(pointerSegments));
    if (ignored.some((p) => p.length === 0)) continue;
    const now = find(live, o);
    if (!now) {
      out.push({ ...ref, missing: true });
      continue;
    }
    // Without a dry-run result (the server returned none for it), the manifest itself, compared only where it has fields.
    const want = find(expected, o);
    const paths = differences(want ?? o.body, now, [], ignored, !want);
    if (!paths.length) continue;
    const shownWant = maskedObject(want ?? o.body, forms);
    const shownNow = maskedObject(now, forms);
    out.push({ ...ref, fields: paths.map((p) => reported(p, shownWant, shownNow)) });
  }
  return out;
}

/** Pointers (as segments) where `a` and `b` differ, skipping ignored subtrees; `subset`: only where `a` has a value. */
export function differences(a: unknown, b: unknown, at: string[], ignored: readonly string[][], subset = false): string[][] {
  if (ignored.some((r) => pointerCovers(r, at))) return [];
  if (isDeepStrictEqual(a, b)) return [];
  if (subset && a === undefined) return [];
  const bothArrays = Array.isArray(a) && Array.isArray(b);
  const bothObjects = isPlain(a) && isPlain(b);
  if (!bothArrays && !bothObjects) return [at];
  const keys = bothArrays
    ? Array.from({ length: Math.max((a as unknown[]).length, (b as unknown[]).length) }, (_, i) => String(i))
    : [...new Set([...Object.keys(a as Obj), ...Object.keys(b as Obj)])].sort();
  const child = (v: unknown, k: string) => (bothArrays ? (v as unknown[])[Number(k)] : (v as Obj)[k]);
  return keys.flatMap((k) => differences(child(a, k), child(b, k), [...at, k], ignored, subset));
}

const isPlain = (v: unknown): v is Obj => !!v && typeof v === "object" && !Array.isArray(v);

/** The value at a pointer, or undefined. */
export function valueAt(v: unknown, segments: readonly string[]): unknown {
  let cur = v;
  for (const s of segments) {
    if (Array.isArray(cur)) cur = cur[Number(s)];
    else if (isPlain(cur)) cur = cur[s];
    else return undefined;
  }
  return cur;
}

/** One drifted field with its masked values; a difference the mask hides shows as "[secret, changed]". */
function reported(segments: string[], shownWant: Obj, shownNow: Obj): DriftedField {
  const expected = valueAt(shownWant, segments);
  let live = valueAt(shownNow, segments);
  if (live !== undefined && isDeepStrictEqual(expected, live)) live = SECRET_CHANGED_MASK;
  return { path: pointerOf(segments), ...(expected !== undefined ? { expected } : {}), ...(live !== undefined ? { live } : {}) };
}
