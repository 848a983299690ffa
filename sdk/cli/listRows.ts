/** helmfile `list` rows from a resolved state (pkg/app ListReleases). */
import type { HelmfileState, ResolvedRelease } from "../state/types";

/** One row of `helmfile list --output json`. */
export interface ListRow {
  /** Release name. */
  name: string;
  /** Namespace ("" when unset). */
  namespace: string;
  /** The condition's value (true without condition). */
  enabled: boolean;
  /** False for `installed: false`. */
  installed: boolean;
  /** Sorted `k:v` pairs joined by commas, implicit name/namespace/chart labels included. */
  labels: string;
  /** Chart as written. */
  chart: string;
  /** Version as written ("" when unset). */
  version: string;
}

function labelString(r: ResolvedRelease): string {
  const labels: Record<string, string> = {
    ...r.labels,
    name: r.name,
    namespace: r.namespace ?? "",
    chart: r.chart.split("/").pop() ?? "",
  };
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}:${labels[k]}`)
    .join(",");
}

/**
 * The rows helmfile prints: sorted by namespace then name; `enabled` is the condition. As in helmfile, releases whose
 * condition is false are omitted when selectors are given (they are filtered with the selection) and shown with
 * enabled=false otherwise.
 */
export function listRows(state: HelmfileState, selectorsGiven: boolean): ListRow[] {
  return state.releases
    .filter((r) => !selectorsGiven || r.condition?.value !== false)
    .map((r) => ({
      name: r.name,
      namespace: r.namespace ?? "",
      enabled: r.condition?.value ?? true,
      installed: r.installed,
      labels: labelString(r),
      chart: r.chart,
      version: r.version ?? "",
    }))
    .sort((a, b) => (a.namespace !== b.namespace ? (a.namespace < b.namespace ? -1 : 1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The table form (`helmfile list` without `--output json`). */
export function formatTable(rows: ListRow[]): string {
  const header = ["NAME", "NAMESPACE", "ENABLED", "INSTALLED", "LABELS", "CHART", "VERSION"];
  const data = rows.map((r) => [r.name, r.namespace, String(r.enabled), String(r.installed), r.labels, r.chart, r.version]);
  const widths = header.map((h, i) => Math.max(h.length, ...data.map((d) => d[i].length)));
  return [header, ...data].map((row) => row.map((c, i) => c.padEnd(widths[i])).join("\t").trimEnd()).join("\n") + "\n";
}
