/** Label selectors (`-l k=v,k2!=v`): AND within a selector, OR across selectors (release_filters.go). */
import { HelmfileLoadError } from "./errors";

/** A parsed selector. */
export interface LabelFilter {
  /** Required `k=v` pairs. */
  positive: [string, string][];
  /** Excluded `k!=v` pairs. */
  negative: [string, string][];
}

const mismatchRe = /^[a-zA-Z0-9_./+-]+!=[a-zA-Z0-9_./+-]+$/;
const matchRe = /^[a-zA-Z0-9_./+-]+=[a-zA-Z0-9_./+-]+$/;

/** Parses `k=v,k2!=v2`; malformed labels are an error. */
export function parseSelector(selector: string): LabelFilter {
  const f: LabelFilter = { positive: [], negative: [] };
  for (const label of selector.split(",")) {
    if (mismatchRe.test(label)) {
      const [k, v] = label.split("!=");
      f.negative.push([k, v]);
    } else if (matchRe.test(label)) {
      const [k, v] = label.split("=");
      f.positive.push([k, v]);
    } else {
      throw new HelmfileLoadError(`malformed label: ${label}. Expected label in form k=v or k!=v`, { keyPath: "selectors" });
    }
  }
  return f;
}

/** True when the labels satisfy the filter. */
export function filterMatches(f: LabelFilter, labels: Record<string, string>): boolean {
  for (const [k, v] of f.positive) if (!(k in labels) || labels[k] !== v) return false;
  for (const [k, v] of f.negative) if (k in labels && labels[k] === v) return false;
  return true;
}

/** True when no selector is given or any selector matches. */
export function selectorsMatch(filters: LabelFilter[], labels: Record<string, string>): boolean {
  return filters.length === 0 || filters.some((f) => filterMatches(f, labels));
}

/** Labels a selector sees: commonLabels, the release's labels, then implicit name, namespace and chart basename. */
export function selectorLabels(
  release: { name?: string; namespace?: string; chart?: string; labels?: Record<string, string> },
  commonLabels: Record<string, string> | undefined,
): Record<string, string> {
  const chart = release.chart ?? "";
  return {
    ...(commonLabels ?? {}),
    ...(release.labels ?? {}),
    name: release.name ?? "",
    namespace: release.namespace ?? "",
    chart: chart.split("/").pop() ?? "",
  };
}

/** False when two selector sets provably select disjoint releases (a sub-helmfile can then be skipped unloaded). */
export function selectorsCompatible(a: string[], b: string[]): boolean {
  if (a.length === 0 || b.length === 0) return true;
  const fa = a.map(parseSelector);
  const fb = b.map(parseSelector);
  return fa.some((x) => fb.some((y) => x.positive.every(([k, v]) => y.positive.every(([k2, v2]) => k !== k2 || v === v2))));
}
