/**
 * Which stack owns a helm release. Every install and upgrade records the owner on the release itself, as helm release
 * labels (kept by helm's storage driver on the release records, where any other stack looks), and create, update,
 * delete and refresh compare them with the stack that runs: a stack never installs over, upgrades or uninstalls a
 * release another stack (or another resource of the same stack) owns, and takes over a release nobody owns only when
 * told to (`adopt`).
 */
import * as crypto from "node:crypto";

/** The Pulumi resource that manages a release. */
export interface Owner {
  organization: string;
  project: string;
  stack: string;
  /** The Pulumi resource name (unique within the stack). */
  resource: string;
  /** Names this resource had before (its `aliases`): a release labelled with one of them is still this resource's. */
  formerly?: string[];
}

/** Prefix of the release labels this package writes; users' own `labels` may not use it. */
export const OWNER_LABEL_PREFIX = "pulumi-helmfile/";

const FIELDS = ["organization", "project", "stack", "resource"] as const;
const labelKey = (f: (typeof FIELDS)[number]) => `${OWNER_LABEL_PREFIX}${f}`;

/** A valid Kubernetes label value: at most 63 characters, alphanumeric at both ends, `-_.` inside. */
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/**
 * `s` as a label value: unchanged when it is one, else its allowed characters (others become `_`), shortened, plus
 * a digest of the original so two different names never map to one value. Deterministic: both sides compare it.
 */
export function labelValue(s: string): string {
  if (s.length <= 63 && LABEL_VALUE.test(s)) return s;
  const tail = crypto.createHash("sha256").update(s).digest("hex").slice(0, 10);
  const head = s.replace(/[^-A-Za-z0-9_.]/g, "_").slice(0, 52).replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, "");
  return head ? `${head}-${tail}` : tail;
}

/** The release labels naming `o` as the owner. */
export function ownerLabels(o: Omit<Owner, "formerly">): Record<string, string> {
  return Object.fromEntries(FIELDS.map((f) => [labelKey(f), labelValue(o[f])]));
}

/** The owner recorded in a release's labels (label values), or undefined when the release carries none. */
export function recordedOwner(labels: Record<string, string> | undefined): Owner | undefined {
  if (!labels || !FIELDS.some((f) => labels[labelKey(f)] !== undefined)) return undefined;
  return Object.fromEntries(FIELDS.map((f) => [f, labels[labelKey(f)] ?? ""])) as unknown as Owner;
}

/** How a release's recorded owner relates to the resource acting on it. */
export type Claim =
  | { kind: "ours" }
  | { kind: "unowned" }
  | { kind: "other-stack"; owner: Owner }
  | { kind: "other-resource"; owner: Owner };

/** Compare the owner recorded in `labels` with `me`. */
export function claimOf(labels: Record<string, string> | undefined, me: Owner): Claim {
  const rec = recordedOwner(labels);
  if (!rec) return { kind: "unowned" };
  const mine = ownerLabels(me);
  const same = (f: (typeof FIELDS)[number]) => rec[f] === mine[labelKey(f)];
  if (!same("organization") || !same("project") || !same("stack")) return { kind: "other-stack", owner: rec };
  if (same("resource") || (me.formerly ?? []).some((n) => labelValue(n) === rec.resource)) return { kind: "ours" };
  return { kind: "other-resource", owner: rec };
}

/** The owner in words: `stack org/project/stack, resource name`. */
export function describeOwner(o: Owner): string {
  return `stack ${o.organization}/${o.project}/${o.stack}, resource ${o.resource}`;
}

/** Validation problems of an `owner` input (the SDK sets it; a hand-written one must be complete). */
export function ownerProblems(o: unknown): string[] {
  if (o === undefined) return [];
  if (!o || typeof o !== "object") return ["owner must be {organization, project, stack, resource}"];
  return FIELDS.filter((f) => typeof (o as Record<string, unknown>)[f] !== "string" || !(o as Record<string, string>)[f]).map((f) => `owner.${f} is required`);
}
