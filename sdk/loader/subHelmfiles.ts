/** `helmfiles:` entries: normalisation, glob expansion, and the parent config passed down via `inherits:`. */
import type { HelmDefaults, HelmfileSpec, ReleaseSpec, RepositorySpec, SubHelmfileSpec } from "../state/types";
import type { Env } from "./envOps";
import { HelmfileLoadError } from "./errors";
import { mergeStructFill } from "./merge";
import { clonePlain, type PlainMap } from "./plainObject";
import { expandGlob } from "./paths";
import { helmDefaultsShape } from "./shapes";
import type { LoadedState } from "./stateFile";

const allowedInherits = ["repositories", "helmDefaults", "commonLabels", "apiVersions", "kubeVersion", "templates", "environments"];

/** Parent configuration a sub-helmfile inherits (InheritedConfig). */
export interface InheritedConfig {
  /** Parent repositories (child entries win by name). */
  repositories?: RepositorySpec[];
  /** Parent helmDefaults (fill the child's unset fields). */
  helmDefaults?: HelmDefaults;
  /** Parent commonLabels (child keys win). */
  commonLabels?: Record<string, string>;
  /** Parent apiVersions (combined, de-duplicated). */
  apiVersions?: string[];
  /** Parent kubeVersion (when the child has none). */
  kubeVersion?: string;
  /** Parent release templates (child names win). */
  templates?: Record<string, ReleaseSpec>;
  /** Parent environment, the base of the child's environment values. */
  env?: Env;
}

/** A `helmfiles:` entry with its path expanded to one absolute file or directory. */
export interface ExpandedSubHelmfile extends SubHelmfileSpec {
  /** Index in the parent's `helmfiles:`. */
  index: number;
}

/** Expands the `helmfiles:` of a state (globs sorted); no match is an error unless missingFileHandler says otherwise. */
export function expandSubHelmfiles(st: LoadedState): ExpandedSubHelmfile[] {
  const out: ExpandedSubHelmfile[] = [];
  (st.spec.helmfiles ?? []).forEach((raw, i) => {
    const spec: SubHelmfileSpec = typeof raw === "string" ? { path: raw } : raw;
    const where = { file: st.file, keyPath: `helmfiles[${i}]` };
    if (!spec.path) throw new HelmfileLoadError("sub-helmfile entry has no path", where);
    if (/^[a-z0-9+.-]+::|^(https?|s3|git):\/\//i.test(spec.path)) {
      throw new HelmfileLoadError(`remote sub-helmfile "${spec.path}" is not supported by this loader`, where);
    }
    if (spec.path === ".") throw new HelmfileLoadError("recursion into the directory containing this helmfile", where);
    for (const k of spec.inherits ?? []) {
      if (!allowedInherits.includes(k)) {
        throw new HelmfileLoadError(`invalid inherits value "${k}": allowed are ${allowedInherits.join(", ")}`, { ...where, keyPath: `helmfiles[${i}].inherits` });
      }
    }
    const matches = expandGlob(spec.path, st.baseDir);
    if (matches.length === 0) {
      const handler = st.spec.missingFileHandler ?? "Error";
      if (handler === "Error") throw new HelmfileLoadError(`no matches for path: ${spec.path}`, where);
      return;
    }
    for (const m of matches) {
      if (m === st.file) throw new HelmfileLoadError("recursion into the same sub-helmfile", where);
      out.push({ ...spec, path: m, index: i });
    }
  });
  return out;
}

/** BuildInheritedConfig: deep copies of the requested parent fields. */
export function buildInherited(st: LoadedState, want: string[]): InheritedConfig {
  const s = new Set(want);
  const spec: HelmfileSpec = st.spec;
  const c: InheritedConfig = {};
  if (s.has("repositories")) c.repositories = clonePlain(spec.repositories ?? []);
  if (s.has("helmDefaults")) c.helmDefaults = clonePlain(spec.helmDefaults ?? {});
  if (s.has("commonLabels")) c.commonLabels = clonePlain(spec.commonLabels ?? {});
  if (s.has("apiVersions")) c.apiVersions = clonePlain(spec.apiVersions ?? []);
  if (s.has("kubeVersion")) c.kubeVersion = spec.kubeVersion;
  if (s.has("templates")) c.templates = clonePlain(spec.templates ?? {});
  if (s.has("environments")) c.env = clonePlain(st.env);
  return c;
}

/** MergeInherited: the child wins, the parent fills gaps (repositories deduplicated by name, last wins). */
export function mergeInherited(spec: HelmfileSpec, inh: InheritedConfig): HelmfileSpec {
  const out: HelmfileSpec = { ...spec };
  if (inh.repositories) {
    const combined = [...inh.repositories, ...(spec.repositories ?? [])];
    const last = new Map(combined.map((r, i) => [r.name, i]));
    out.repositories = combined.filter((r, i) => last.get(r.name) === i);
  }
  if (inh.helmDefaults) {
    out.helmDefaults = mergeStructFill((spec.helmDefaults ?? {}) as PlainMap, inh.helmDefaults as PlainMap, { ...helmDefaultsShape }) as HelmDefaults;
  }
  if (inh.commonLabels) out.commonLabels = { ...inh.commonLabels, ...(spec.commonLabels ?? {}) };
  if (inh.templates) out.templates = { ...inh.templates, ...(spec.templates ?? {}) };
  if (inh.apiVersions) out.apiVersions = [...new Set([...inh.apiVersions, ...(spec.apiVersions ?? [])])];
  if (inh.kubeVersion && !spec.kubeVersion) out.kubeVersion = inh.kubeVersion;
  return out;
}
