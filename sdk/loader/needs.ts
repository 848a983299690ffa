/**
 * `needs` across the whole loaded state (all state files, sub-helmfiles included — helmfile only resolves needs
 * within one state file): dangling needs and cycles are errors naming the releases.
 */
import { HelmfileLoadError } from "./errors";
import { needToId } from "./releaseId";
import type { CandidateRelease } from "./releases";

/** The resolved need ids per candidate id. */
export type NeedsGraph = Map<string, string[]>;

/** Resolves and validates every need of every loaded release. */
export function resolveNeeds(all: CandidateRelease[]): NeedsGraph {
  const byId = new Map(all.map((c) => [c.id, c]));
  const graph: NeedsGraph = new Map();
  for (const c of all) {
    const ids = (c.spec.needs ?? []).map((n, j) => {
      const id = needToId(n, c.spec);
      if (!byId.has(id)) {
        throw new HelmfileLoadError(`release "${c.id}" needs "${n}" (resolved to "${id}"), which is not defined in any loaded state file`, {
          file: c.state.file,
          keyPath: `releases[${c.index}].needs[${j}]`,
        });
      }
      if (id === c.id) {
        throw new HelmfileLoadError(`release "${c.id}" needs itself`, { file: c.state.file, keyPath: `releases[${c.index}].needs[${j}]` });
      }
      return id;
    });
    graph.set(c.id, [...new Set(ids)]);
  }
  detectCycle(graph, byId);
  return graph;
}

function detectCycle(graph: NeedsGraph, byId: Map<string, CandidateRelease>): void {
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (id: string): void => {
    const s = state.get(id);
    if (s === "done") return;
    if (s === "visiting") {
      const cycle = [...stack.slice(stack.indexOf(id)), id];
      const c = byId.get(id);
      throw new HelmfileLoadError(`cyclic needs: ${cycle.join(" -> ")}`, {
        file: c?.state.file,
        keyPath: c ? `releases[${c.index}].needs` : undefined,
      });
    }
    state.set(id, "visiting");
    stack.push(id);
    for (const n of graph.get(id) ?? []) visit(n);
    stack.pop();
    state.set(id, "done");
  };
  for (const id of graph.keys()) visit(id);
}
