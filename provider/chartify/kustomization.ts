/**
 * The kustomization chartify writes to patch a release's rendered manifests (chartify v0.28.2 patch.go `Patch`), as
 * data: the kustomization.yaml text and the patch files beside it, relative to the chart directory. Pure.
 *
 * - each JSON patch `{target, patch}` becomes `- target: … path: jsonpatches/patch.<i>.yaml` (the ops in that file);
 * - each strategic-merge patch is copied to `strategicmergepatches/patch.<i>.yaml` and listed as `- path: …`;
 * - each transformer is copied to `transformers/transformer.<i>.yaml` and listed under `transformers:`.
 */
import { parseAllDocuments, stringify } from "yaml";
import { PulumiHelmfileError } from "../errors";

/** A release's chartify inputs (helmfile's release keys of the same names). */
export interface PatchInputs {
  /** JSON patches: `{target: {kind, name, …}, patch: [{op, path, value}, …]}` each. */
  jsonPatches?: JsonPatchInput[];
  /** Strategic-merge patches: each a partial object, or its YAML text (one or several documents). */
  strategicMergePatches?: PatchDocument[];
  /** kustomize transformer configurations: each an object, or its YAML text. */
  transformers?: PatchDocument[];
}

/** A patch or transformer: an object, or YAML text. */
export type PatchDocument = string | Record<string, unknown>;

/**
 * YAML for kustomize, which reads YAML 1.1 (sigs.k8s.io/yaml): strings such as "yes", "on" or "0777" are quoted so they
 * stay strings, as go-yaml writes them for chartify.
 */
function toYaml(v: unknown): string {
  return stringify(v, { indent: 2, version: "1.1" });
}

/** The YAML text of a patch document (an object is written as YAML, as helmfile writes an inline map). */
export function patchText(d: PatchDocument): string {
  return typeof d === "string" ? d : toYaml(d);
}

/** One JSON patch: the objects it targets and its operations (RFC 6902). */
export interface JsonPatchInput {
  target?: Record<string, string>;
  patch?: Record<string, unknown>[];
}

/** A bad patch input, naming the list and index. */
export class PatchInputError extends PulumiHelmfileError {
  override readonly name: string = "PatchInputError";
}

/** Whether a release has anything for kustomize to apply. */
export function hasPatches(p: PatchInputs): boolean {
  return !!(p.jsonPatches?.length || p.strategicMergePatches?.length || p.transformers?.length);
}

/** Problems of the patch inputs, as {property, reason} (validated before anything runs). */
export function patchProblems(p: PatchInputs): { property: string; reason: string }[] {
  const f: { property: string; reason: string }[] = [];
  (p.jsonPatches ?? []).forEach((j, i) => {
    const at = `jsonPatches[${i}]`;
    if (typeof j !== "object" || j === null || Array.isArray(j)) return void f.push({ property: "jsonPatches", reason: `${at}: a JSON patch is a map of {target, patch}` });
    if (!j.target || typeof j.target !== "object" || Array.isArray(j.target) || Object.values(j.target).some((v) => typeof v !== "string")) {
      f.push({ property: "jsonPatches", reason: `${at}.target: a JSON patch needs a target map of strings (kind, name, namespace, group, version, labelSelector, annotationSelector)` });
    }
    if (!Array.isArray(j.patch) || j.patch.length === 0 || j.patch.some((op) => typeof op !== "object" || op === null || Array.isArray(op))) {
      f.push({ property: "jsonPatches", reason: `${at}.patch: a JSON patch needs a non-empty list of operations ({op, path, value})` });
    }
  });
  for (const [key, list] of [["strategicMergePatches", p.strategicMergePatches], ["transformers", p.transformers]] as const) {
    (list ?? []).forEach((d, i) => {
      const at = `${key}[${i}]`;
      if (typeof d !== "string" && (typeof d !== "object" || d === null || Array.isArray(d))) return void f.push({ property: key, reason: `${at}: expected a map or YAML text` });
      const text = patchText(d);
      const docs = parseAllDocuments(text);
      const bad = (Array.isArray(docs) ? docs : [docs]).find((d) => d.errors.length);
      if (bad) f.push({ property: key, reason: `${at}: invalid YAML: ${bad.errors[0].message.split("\n")[0]}` });
      else if (key === "transformers" && /^\s*-?\s*path:/m.test(text)) {
        f.push({ property: key, reason: `${at}: a transformer's \`path:\` reference to another file is not supported; inline the patch under \`patch:\`` });
      }
    });
  }
  return f;
}

/** The kustomization of a patch step: its text and the files it lists (paths relative to the chart directory). */
export interface PatchKustomization {
  kustomization: string;
  files: Record<string, string>;
}

/** The kustomization chartify writes for these rendered manifest files (relative paths) and patches. */
export function patchKustomization(resources: readonly string[], p: PatchInputs): PatchKustomization {
  const files: Record<string, string> = {};
  let k = 'kind: ""\napiversion: ""\nresources:\n';
  for (const r of resources) k += `- ${r}\n`;
  if (p.jsonPatches?.length || p.strategicMergePatches?.length) k += "patches:\n";
  (p.jsonPatches ?? []).forEach((j, i) => {
    const file = `jsonpatches/patch.${i}.yaml`;
    files[file] = toYaml(j.patch ?? []);
    k += indentItem(toYaml({ target: j.target ?? null }));
    k += `  path: ${file}\n`;
  });
  (p.strategicMergePatches ?? []).forEach((d, i) => {
    const file = `strategicmergepatches/patch.${i}.yaml`;
    files[file] = patchText(d);
    k += `- path: ${file}\n`;
  });
  if (p.transformers?.length) {
    k += "transformers:\n";
    p.transformers.forEach((d, i) => {
      const file = `transformers/transformer.${i}.yaml`;
      files[file] = patchText(d);
      k += `- ${file}\n`;
    });
  }
  return { kustomization: k, files };
}

/** A YAML block as one list item (`- ` before its first line, two spaces before the others). */
function indentItem(block: string): string {
  return block.replace(/\n$/, "").split("\n").map((l, i) => (i === 0 ? `- ${l}` : `  ${l}`)).join("\n") + "\n";
}

/**
 * kustomize's output split as chartify splits it: documents on `\n---\n`, CustomResourceDefinitions apart from the
 * rest; each file's text is its documents, each followed by `---\n`.
 */
export function splitPatched(output: string): { resources: string; crds: string; resourceCount: number; crdCount: number } {
  const docs: string[] = [];
  let rest = output;
  for (let at = rest.indexOf("\n---\n"); at >= 0; at = rest.indexOf("\n---\n")) {
    docs.push(rest.slice(0, at + 1));
    rest = rest.slice(at + 5);
  }
  if (rest.length) docs.push(rest);
  let resources = "";
  let crds = "";
  let resourceCount = 0;
  let crdCount = 0;
  for (const d of docs) {
    if (/^kind:\s*["']?CustomResourceDefinition["']?\s*$/m.test(d) && kindOf(d) === "CustomResourceDefinition") {
      crds += `${d}---\n`;
      crdCount++;
    } else {
      resources += `${d}---\n`;
      resourceCount++;
    }
  }
  return { resources, crds, resourceCount, crdCount };
}

function kindOf(doc: string): unknown {
  const parsed = parseAllDocuments(doc);
  const first = Array.isArray(parsed) ? parsed[0] : parsed;
  const v = first?.toJS() as { kind?: unknown } | null | undefined;
  return v?.kind;
}

/** The identity of a rendered object, as a patch target selects it. */
export interface TargetedObject {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
}

/**
 * Whether a kustomize patch target selects the object: `group`, `version`, `kind`, `name` and `namespace` are anchored
 * regular expressions (kustomize's Selector), `labelSelector`/`annotationSelector` Kubernetes selectors.
 */
export function targetMatches(target: Record<string, string>, o: TargetedObject): boolean {
  const [group, version] = (o.apiVersion ?? "").includes("/") ? (o.apiVersion ?? "").split("/", 2) : ["", o.apiVersion ?? ""];
  const re = (pattern: string | undefined, v: string) => pattern === undefined || pattern === "" || new RegExp(`^(?:${pattern})$`).test(v);
  return (
    re(target.group, group) && re(target.version, version) && re(target.kind, o.kind ?? "") && re(target.name, o.metadata?.name ?? "") &&
    re(target.namespace, o.metadata?.namespace ?? "") &&
    selectorMatches(target.labelSelector, o.metadata?.labels ?? {}) && selectorMatches(target.annotationSelector, o.metadata?.annotations ?? {})
  );
}

/** A Kubernetes label selector (`a=b`, `a==b`, `a!=b`, `a`, `!a`, `a in (x,y)`, `a notin (x,y)`, comma-separated). */
export function selectorMatches(selector: string | undefined, labels: Record<string, string>): boolean {
  if (!selector?.trim()) return true;
  const terms = selector.match(/[^,(]+(\([^)]*\))?/g) ?? [];
  return terms.every((raw) => {
    const t = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = /^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(t))) {
      const set = m[3].split(",").map((x) => x.trim());
      const has = m[1] in labels && set.includes(labels[m[1]]);
      return m[2] === "in" ? has : !has;
    }
    if ((m = /^(\S+?)\s*(==|=|!=)\s*(\S*)$/.exec(t))) return m[2] === "!=" ? labels[m[1]] !== m[3] : labels[m[1]] === m[3];
    if ((m = /^!(\S+)$/.exec(t))) return !(m[1] in labels);
    return t in labels;
  });
}

/**
 * The objects a strategic-merge patch names (each document's apiVersion, kind, metadata.name and .namespace), as
 * patch targets; kustomize fails when one matches nothing, without saying which patch it was.
 */
export function smpTargets(d: PatchDocument): Record<string, string>[] {
  const parsed = parseAllDocuments(patchText(d));
  return (Array.isArray(parsed) ? parsed : [parsed]).flatMap((doc) => {
    const o = doc.toJS() as TargetedObject | null;
    if (!o || typeof o !== "object" || !o.kind || !o.metadata?.name) return [];
    const [group, version] = (o.apiVersion ?? "").includes("/") ? (o.apiVersion ?? "").split("/", 2) : ["", o.apiVersion ?? ""];
    const t: Record<string, string> = { kind: escapeRe(o.kind), name: escapeRe(o.metadata.name) };
    if (o.apiVersion) Object.assign(t, { group: escapeRe(group), version: escapeRe(version) });
    if (o.metadata.namespace) t.namespace = escapeRe(o.metadata.namespace);
    return [t];
  });
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
