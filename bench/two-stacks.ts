/**
 * Figure 1, two stacks: two `pulumi up` started together on one machine, N/2 releases of the same OCI chart@version
 * each, sharing one chart cache directory — versus two `helmfile sync` started together with the same user caches.
 * Pulls are counted at the registry; the releases are checked on the cluster and removed afterwards.
 */
import * as path from "node:path";
import { expectReleases } from "./helm-floor";
import { helmfileDestroy, helmfileSync, writeHelmfile } from "./helmfile-peer";
import { releaseNames } from "./cluster-runs";
import { pullsDuring } from "./pull-count";
import { pulumiSteps } from "./pulumi-stack";
import { fmtMs } from "./stats";
import { BENCH_REPO, BenchTestbed, freshDir } from "./testbed";
import { BenchRow, progress } from "./types";

async function oursTwoStacks(tb: BenchTestbed, n: number): Promise<{ pulls: number; ms: number }> {
  const half = n / 2;
  const cacheDir = path.join(freshDir(tb, "shared-cache"), "cache");
  const projects = [writeHelmfile(tb, releaseNames(`sa${n}`, half)), writeHelmfile(tb, releaseNames(`sb${n}`, half))];
  const { pulls, value } = await pullsDuring(tb.registry, `${BENCH_REPO}/web`, () => Promise.all(projects.map((p) => pulumiSteps(tb, p, [{ op: "up" }], { cacheDir }))));
  await expectReleases(tb, n, "two concurrent pulumi up");
  await Promise.all(projects.map((p, i) => pulumiSteps(tb, p, [{ op: "destroy" }], { reuse: value[i] })));
  await expectReleases(tb, 0, "pulumi destroy of both stacks");
  return { pulls, ms: Math.max(...value.map((r) => r.ops[0].ms)) };
}

async function helmfileTwoProcesses(tb: BenchTestbed, n: number): Promise<{ pulls: number; ms: number }> {
  const half = n / 2;
  const a = writeHelmfile(tb, releaseNames(`ha${n}`, half));
  const b = { ...writeHelmfile(tb, releaseNames(`hb${n}`, half)), env: a.env }; // one user: the same helm and helmfile caches
  const { pulls, value } = await pullsDuring(tb.registry, `${BENCH_REPO}/web`, () => Promise.all([helmfileSync(tb, a), helmfileSync(tb, b)]));
  await expectReleases(tb, n, "two concurrent helmfile sync");
  await Promise.all([helmfileDestroy(tb, a), helmfileDestroy(tb, b)]);
  await expectReleases(tb, 0, "helmfile destroy of both");
  return { pulls, ms: Math.max(...value.map((r) => r.ms)) };
}

/** One row per N: pulls (and, for context, the wall time of the slower of the two) for both contenders. */
export async function benchTwoStacks(tb: BenchTestbed, ns: number[]): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const n of ns) {
    progress(`figure 1: two stacks, N=${n} (${n / 2} each)`);
    const ours = await oursTwoStacks(tb, n);
    const peer = await helmfileTwoProcesses(tb, n);
    rows.push({
      figure: `OCI, two stacks \`pulumi up\` concurrently, ${n / 2} releases each (N=${n}), one chart@version`,
      ours: `${ours.pulls} pull(s); ${fmtMs(ours.ms)}`,
      peer: `${peer.pulls} pull(s); ${fmtMs(peer.ms)}`,
      ratio: "—",
      notes:
        "one run: the figure is the pull count at the registry (a count, not a time; the wall time of the slower process is context). " +
        "Ours: two Automation API drivers started together with one chart cache directory (the cross-process file lock makes one pull, the other waits). " +
        "Peer: two `helmfile sync --concurrency 0` started together with the same helm/helmfile caches",
    });
  }
  return rows;
}
