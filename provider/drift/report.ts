/**
 * Drift in words (for the `drift` output and refresh's progress line) and as the preview sees it: the rendered summary
 * with the live values put in, so that `pulumi preview --diff` after a refresh shows, per field, what `up` changes
 * back. Pure; every value here is already masked (./compare.ts).
 */
import type { RenderedSummary } from "../manifest/summary";
import { objectKey } from "../manifest/objects";
import type { ObjectDrift } from "./compare";
import { pointerSegments } from "./rules";

const MAX_VALUE = 60;

function shown(v: unknown): string {
  if (v === undefined) return "(absent)";
  const s = JSON.stringify(v);
  return s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE - 1)}…` : s;
}

/** One line per object: `apps/v1/Deployment/ns/web: /spec/replicas 2 → 5`, `v1/Service/ns/web: deleted`. */
export function describeDrift(drift: readonly ObjectDrift[]): string {
  return drift
    .map((d) => `${objectKey(d)}: ${d.missing ? "deleted" : (d.fields ?? []).map((f) => `${f.path} ${shown(f.expected)} → ${shown(f.live)}`).join(", ")}`)
    .join("; ");
}

type Obj = Record<string, unknown>;
const isContainer = (v: unknown): v is Obj | unknown[] => !!v && typeof v === "object";

/**
 * The rendered summary as the cluster has it now: deleted objects left out, drifted fields set to their (masked) live
 * values or removed. Fields the summary does not show (it is the chart's output, without the server's defaults) and
 * digest-only entries are left as they are.
 */
export function liveSummary(rendered: RenderedSummary, drift: readonly ObjectDrift[]): RenderedSummary {
  const out = structuredClone(rendered);
  for (const d of drift) {
    const key = objectKey(d);
    if (!(key in out)) continue;
    if (d.missing) {
      delete out[key];
      continue;
    }
    const entry = out[key] as Obj;
    if ("digest" in entry && "bytes" in entry) continue;
    for (const f of d.fields ?? []) {
      const segs = pointerSegments(f.path);
      let parent: unknown = entry;
      for (const s of segs.slice(0, -1)) parent = isContainer(parent) ? (parent as Obj)[s] : undefined;
      const last = segs[segs.length - 1];
      if (!isContainer(parent) || last === undefined) continue;
      const p = parent as Obj;
      if (f.live === undefined) {
        if (Array.isArray(p)) p.splice(Number(last), 1);
        else delete p[last];
      } else if (last in p || !Array.isArray(p)) p[last] = f.live;
    }
  }
  return out;
}
