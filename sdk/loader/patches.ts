/**
 * A release's `jsonPatches`, `strategicMergePatches` and `transformers` (helmfile's chartify inputs,
 * pkg/state/helmx.go PrepareChartify): each entry is an inline map, or a file path relative to the state file's
 * directory, read like a values file (missingFileHandler applies; a `.gotmpl` file is rendered with the release's
 * template data whose `.Values` are the state values merged with the release's values). The provider applies them
 * (provider/chartify/).
 */
import { parse, parseAllDocuments } from "yaml";
import type { ReleaseSpec, ResolvedRelease } from "../state/types";
import type { LoadContext } from "./context";
import { HelmfileLoadError } from "./errors";
import { isPlainObject, type PlainMap } from "./plainObject";
import { type MissingFileHandler, readTemplatedFile, resolveValuesPath } from "./valuesFiles";

/** Where a release's patches come from and what their templates see. */
export interface PatchScope {
  /** The state file (for errors) and its directory (relative paths). */
  file: string;
  baseDir: string;
  keyPrefix: string;
  handler: MissingFileHandler;
  /** Template data of `.gotmpl` patch files. */
  data: PlainMap;
  ctx: LoadContext;
}

type Patches = Pick<ResolvedRelease, "jsonPatches" | "strategicMergePatches" | "transformers">;

/** The release's patches, resolved: inline maps as they are, files read (and rendered) to their text. */
export function resolvePatches(spec: ReleaseSpec, s: PatchScope): Patches {
  const out: Patches = {};
  const json = entries(spec.jsonPatches, "jsonPatches", s).map(({ text, map, key, file }) => jsonPatch(text !== undefined ? parseYaml(text, file, key, s) : map, file ?? s.file, key, s));
  const smp = entries(spec.strategicMergePatches, "strategicMergePatches", s).map((e) => e.text ?? e.map!);
  const tr = entries(spec.transformers, "transformers", s).map((e) => e.text ?? e.map!);
  if (json.length) out.jsonPatches = json;
  if (smp.length) out.strategicMergePatches = smp;
  if (tr.length) out.transformers = tr;
  return out;
}

interface Entry {
  key: string;
  /** A file entry's text (rendered when `.gotmpl`) and path. */
  text?: string;
  file?: string;
  /** An inline map. */
  map?: PlainMap;
}

function entries(list: unknown[] | undefined, name: string, s: PatchScope): Entry[] {
  return (list ?? []).flatMap((v, j): Entry[] => {
    const key = `${s.keyPrefix}.${name}[${j}]`;
    const where = { file: s.file, keyPath: key };
    if (typeof v === "string") {
      const files = resolveValuesPath(v, s.baseDir, s.handler, name, where, false);
      return files.map((file) => ({ key, file, text: validYaml(readTemplatedFile(file, s.data, s.ctx), file, key) }));
    }
    if (isPlainObject(v)) return [{ key, map: v }];
    if (v === null || v === undefined) return [];
    throw new HelmfileLoadError(`${name} entries are file paths or maps`, where);
  });
}

/** The text, when it parses as YAML; else an error naming the patch file's line. */
function validYaml(text: string, file: string, key: string): string {
  const docs = parseAllDocuments(text);
  for (const d of Array.isArray(docs) ? docs : [docs]) {
    const e = d.errors[0];
    if (e) throw new HelmfileLoadError(`invalid YAML in ${key.split(".").pop()} file: ${e.message.split("\n")[0]}`, { file, line: text.slice(0, e.pos[0]).split("\n").length });
  }
  return text;
}

function parseYaml(text: string, file: string | undefined, key: string, s: PatchScope): unknown {
  try {
    return parse(text);
  } catch (e) {
    throw new HelmfileLoadError(`invalid YAML in JSON patch file: ${(e as Error).message.split("\n")[0]}`, { file: file ?? s.file, keyPath: key });
  }
}

/** A JSON patch entry as chartify reads it: `{target: map of strings, patch: list of operations}`. */
function jsonPatch(v: unknown, file: string, key: string, s: PatchScope): { target: Record<string, string>; patch: Record<string, unknown>[] } {
  const where = { file: file === s.file ? s.file : file, keyPath: key };
  if (!isPlainObject(v)) throw new HelmfileLoadError("a JSON patch is a map of {target, patch}", where);
  for (const k of Object.keys(v)) {
    if (k === "path") throw new HelmfileLoadError("a JSON patch's `path:` (a file of operations) is not supported: kustomize cannot read it from the generated chart (helmfile fails too); put the operations under `patch:`", { ...where, keyPath: `${key}.path` });
    if (k !== "target" && k !== "patch") throw new HelmfileLoadError(`unknown key "${k}" in a JSON patch (expected target and patch)`, { ...where, keyPath: `${key}.${k}` });
  }
  const target = v.target;
  if (!isPlainObject(target) || Object.values(target).some((x) => typeof x !== "string")) {
    throw new HelmfileLoadError("a JSON patch needs `target`, a map of strings (kind, name, namespace, group, version, labelSelector, annotationSelector)", { ...where, keyPath: `${key}.target` });
  }
  const patch = v.patch;
  if (!Array.isArray(patch) || patch.length === 0 || !patch.every(isPlainObject)) {
    throw new HelmfileLoadError("a JSON patch needs `patch`, a non-empty list of operations ({op, path, value})", { ...where, keyPath: `${key}.patch` });
  }
  return { target: target as Record<string, string>, patch: patch as Record<string, unknown>[] };
}
