/** helmfile's Environment: the three state-value layers and how they merge (pkg/environment). */
import { mergeMaps } from "./merge";
import { clonePlain, type PlainMap } from "./plainObject";

/** The environment carried through parts, bases and sub-helmfiles. */
export interface Env {
  /** Environment name. */
  name: string;
  /** `environments.<name>.kubeContext`. */
  kubeContext?: string;
  /** Environment values (+ `--state-values-file`, sub-helmfile `values:`). */
  values: PlainMap;
  /** Top-level `values:` defaults. */
  defaults: PlainMap;
  /** `--state-values-set` overrides (arrays merged by index). */
  cliOverrides: PlainMap;
}

/** A fresh environment. */
export function newEnv(name: string): Env {
  return { name, values: {}, defaults: {}, cliOverrides: {} };
}

function copyEnv(e: Env): Env {
  return {
    name: e.name,
    kubeContext: e.kubeContext,
    values: clonePlain(e.values),
    defaults: clonePlain(e.defaults),
    cliOverrides: clonePlain(e.cliOverrides),
  };
}

/** Environment.Merge: `other` layered over `e`; either may be absent. */
export function mergeEnv(e: Env | undefined, other: Env | undefined): Env | undefined {
  if (!e) return other ? copyEnv(other) : undefined;
  const out = copyEnv(e);
  if (other) {
    if (other.name) out.name = other.name;
    if (other.kubeContext) out.kubeContext = other.kubeContext;
    out.values = mergeMaps(out.values, other.values);
    out.defaults = mergeMaps(out.defaults, other.defaults);
    out.cliOverrides = mergeMaps(out.cliOverrides, other.cliOverrides, "merge");
  }
  return out;
}

/** GetMergedValues: defaults ← values ← CLI overrides. */
export function mergedValues(e: Env): PlainMap {
  let v = mergeMaps({}, e.defaults);
  v = mergeMaps(v, e.values);
  return mergeMaps(v, e.cliOverrides, "merge");
}

/** Data for templates of state files and environment values files (EnvironmentTemplateData). */
export function envTemplateData(e: Env, values: PlainMap, namespace = ""): PlainMap {
  return {
    Environment: { Name: e.name, KubeContext: e.kubeContext ?? "", Values: mergeMaps(e.values, e.cliOverrides, "merge") },
    Namespace: namespace,
    Values: values,
    StateValues: values,
  };
}
