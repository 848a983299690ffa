/** Release templates: `templates:` + `inherit:` (+ `except`) and `defaultInherit` (state_exec_tmpl.go). */
import type { InheritSpec, ReleaseSpec } from "../state/types";
import { mergeStructAppend } from "./merge";
import type { PlainMap } from "./plainObject";
import { releaseShape } from "./shapes";

/** An inheritance problem (unknown template, cycle, bad except key). */
export class InheritError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InheritError";
  }
}

/** The `inherit:` list of a release (a single map is the deprecated one-element form). */
export function inheritList(r: ReleaseSpec): InheritSpec[] {
  const i = r.inherit;
  if (!i) return [];
  return Array.isArray(i) ? i : [i];
}

/** Prepends `defaultInherit` templates not already listed (applyDefaultInherit). */
export function withDefaultInherit(inherits: InheritSpec[], defaults: string[] | undefined): InheritSpec[] {
  if (!defaults || defaults.length === 0) return inherits;
  const existing = new Set<string>();
  const filtered = inherits.filter((i) => {
    const n = (i.template ?? "").trim();
    if (n) existing.add(n);
    return n !== "";
  });
  const out: InheritSpec[] = [];
  for (const raw of defaults) {
    const n = raw.trim();
    if (n && !existing.has(n)) {
      out.push({ template: n });
      existing.add(n);
    }
  }
  return [...out, ...filtered];
}

const exceptable: Record<string, keyof ReleaseSpec> = {
  labels: "labels",
  values: "values",
  valuesTemplate: "valuesTemplate",
  setTemplate: "setTemplate",
  set: "set",
  setString: "setString",
  secrets: "secrets",
};

/**
 * helmfile's releaseWithInheritedTemplate: templates are merged first (in order), then the release, with
 * mergo WithAppendSlice + WithSliceDeepCopy (which implies override): later non-empty scalars win (the release
 * over its templates), lists accumulate (template entries first), label keys are overridden; a boolean/int option
 * already set to true/non-zero by a template is not reset by the release's false/0 (mergo dereferences pointers).
 */
export function releaseWithInheritedTemplate(
  r: ReleaseSpec,
  inherits: InheritSpec[],
  templates: Record<string, ReleaseSpec>,
  inheritancePath: string[] = [],
): ReleaseSpec {
  let merged: PlainMap = {};
  for (const inh of inherits) {
    const name = inh.template;
    if (!name) return r;
    const p = [...inheritancePath, name];
    if (inheritancePath.includes(name)) throw new InheritError(`cyclic inheritance detected: ${p.join("->")}`);
    const template = templates[name];
    if (!template) throw new InheritError(`release "${r.name ?? ""}" tried to inherit inexistent release template "${name}"`);
    let src: PlainMap;
    try {
      src = { ...(releaseWithInheritedTemplate(template, inheritList(template), templates, p) as PlainMap) };
    } catch (e) {
      if (e instanceof InheritError) throw new InheritError(`unable to load release template "${name}": ${e.message}`);
      throw e;
    }
    for (const k of inh.except ?? []) {
      const field = exceptable[k];
      if (!field) {
        throw new InheritError(
          `"${k}" is not allowed under \`inherit\`. Allowed values are "set", "setTemplate", "values", "valuesTemplate", "secrets", and "labels"`,
        );
      }
      src[field] = field === "labels" ? {} : undefined;
    }
    merged = mergeStructAppend(merged, src, releaseShape);
  }
  const { inherit: _i, ...own } = r;
  void _i;
  merged = mergeStructAppend(merged, own as PlainMap, releaseShape);
  delete merged.inherit;
  return merged as ReleaseSpec;
}
