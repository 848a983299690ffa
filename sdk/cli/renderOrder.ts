/**
 * The order `helmfile template` renders releases in (pkg/app withNeeds → state.GroupReleasesByDependency): groups by
 * depth in the `needs` graph — releases needing nothing first, then those whose needs are all in earlier groups — and
 * within a group the order of definition. Pure.
 */
import type { ResolvedRelease } from "../state/types";

/** `releases` in helmfile's rendering order (needs among them only; the loader has rejected cycles). */
export function renderOrder<R extends Pick<ResolvedRelease, "id" | "needs">>(releases: readonly R[]): R[] {
  const byId = new Map(releases.map((r) => [r.id, r]));
  const depth = new Map<string, number>();
  const depthOf = (r: R, seen: Set<string>): number => {
    const known = depth.get(r.id);
    if (known !== undefined) return known;
    if (seen.has(r.id)) throw new Error(`cyclic needs at release ${r.id}`);
    seen.add(r.id);
    const needs = r.needs.map((n) => byId.get(n)).filter((x): x is R => x !== undefined);
    const d = needs.length ? 1 + Math.max(...needs.map((n) => depthOf(n, seen))) : 0;
    depth.set(r.id, d);
    return d;
  };
  const indexed = releases.map((r, i) => ({ r, i, d: depthOf(r, new Set()) }));
  return indexed.sort((a, b) => a.d - b.d || a.i - b.i).map((x) => x.r);
}
