/**
 * The cost of drift detection (#18): `pulumi refresh` of N releases with nothing drifted, with drift detection (a
 * kubectl get and a server-side-apply dry run per release) and without it (`driftDetection: { mode: "disabled" }`, the
 * release record only), next to helm-diff's three-way mode (`helmfile diff --diff-args --three-way-merge`, which also
 * reads the live objects). Time around each operation; API requests from the audit log, kubectl's counted apart.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../test/harness/tools";
import { auditOffset, clientRequestsSince } from "./api-requests";
import { releaseNames } from "./cluster-runs";
import { helmfileDiffThreeWay, writeHelmfile } from "./helmfile-peer";
import { pulumiSteps } from "./pulumi-stack";
import { fmtCounts, fmtPairRatio, fmtRuns } from "./stats";
import { BenchTestbed } from "./testbed";
import { BenchRow, progress } from "./types";

interface Counted {
  ms: number;
  api: number;
  kubectl: number;
}

/** Requests in a window: all clients but the cluster's own, and kubectl's. */
function requestsIn(audit: string, from: number, [start, end]: [number, number]): { api: number; kubectl: number } {
  const rs = clientRequestsSince(audit, from).filter((r) => r.at >= start && r.at <= end);
  return { api: rs.length, kubectl: rs.filter((r) => r.agent.startsWith("kubectl")).length };
}

/** One N: up, `reps` refreshes with drift detection, `reps` without, `reps` three-way helmfile diffs, destroy. */
async function driftFor(tb: BenchTestbed, n: number, reps: number): Promise<{ on: Counted[]; off: Counted[]; peer: Counted[]; changes: string[] }> {
  const audit = tb.cluster.auditLog;
  if (!audit) throw new Error("the benchmark cluster runs without an audit log");
  const project = writeHelmfile(tb, releaseNames("drift", n));
  const modeFile = path.join(project.dir, "drift-mode");
  fs.writeFileSync(modeFile, "enabled");
  const from = auditOffset(audit);
  const refreshes = Array.from({ length: reps }, () => ({ op: "refresh" as const }));
  // NODE_PATH: the dynamic-provider plugin resolves @pulumi/pulumi from the stack's work dir, outside the repository.
  const o = { env: { PULUMI_HELMFILE_KUBECTL: tb.tools.kubectl, NODE_PATH: path.join(repoRoot, "node_modules") }, driftModeFile: modeFile };
  const run = await pulumiSteps(tb, project, [{ op: "up" }, ...refreshes, { op: "write", file: modeFile, content: "disabled" }, { op: "up" }, ...refreshes], o);
  const counted = (i: number): Counted => ({ ms: run.ops[i].ms, ...requestsIn(audit, from, run.ops[i].mark) });
  const on = refreshes.map((_, i) => counted(1 + i));
  const off = refreshes.map((_, i) => counted(2 + reps + i));
  const changes = run.ops.filter((x) => x.op === "refresh").map((x) => JSON.stringify(x.changes));
  const peer: Counted[] = [];
  for (let i = 0; i < reps; i++) {
    const peerFrom = auditOffset(audit);
    const start = Date.now();
    const r = await helmfileDiffThreeWay(tb, project);
    peer.push({ ms: r.ms, ...requestsIn(audit, peerFrom, [start, Date.now()]) });
  }
  await pulumiSteps(tb, project, [{ op: "destroy" }], { ...o, reuse: run });
  return { on, off, peer, changes };
}

/** Rows for each N. */
export async function benchDrift(tb: BenchTestbed, ns: number[], reps: number): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const n of ns) {
    progress(`drift figures: N=${n}, ${reps} reps`);
    const r = await driftFor(tb, n, reps);
    const ms = (xs: Counted[]) => xs.map((x) => x.ms);
    const api = (xs: Counted[]) => fmtCounts(xs.map((x) => x.api));
    rows.push({
      figure: `N=${n}: \`pulumi refresh\`, nothing drifted, drift detection on vs off`,
      ours: `${fmtRuns(ms(r.on))}; ${api(r.on)} API requests (kubectl ${fmtCounts(r.on.map((x) => x.kubectl))})`,
      peer: `${fmtRuns(ms(r.off))}; ${api(r.off)} API requests`,
      ratio: fmtPairRatio(ms(r.on), ms(r.off)),
      notes: `the same stack (N releases of oci://…/web, one ConfigMap each; helm v4; --parallel ${n}), refreshed ${r.on.length}× with drift detection (per release: helm status + get metadata, then kubectl get and a server-side-apply dry run of its manifest), then ${r.off.length}× with driftDetection.mode "disabled" (helm only). Engine summaries of the refreshes: ${[...new Set(r.changes)].join(", ")}`,
    });
    rows.push({
      figure: `N=${n}: \`pulumi refresh\` with drift detection vs \`helmfile diff --diff-args --three-way-merge\``,
      ours: fmtRuns(ms(r.on)),
      peer: `${fmtRuns(ms(r.peer))}; ${api(r.peer)} API requests`,
      ratio: fmtPairRatio(ms(r.on), ms(r.peer)),
      notes: "helm-diff v3.9.14's three-way mode also reads the live objects, but renders every chart again and prints a diff (it does not restore anything); helmfile v1.8.0 --concurrency 0, same releases, same cluster",
    });
  }
  return rows;
}
