/**
 * Figure 6, chart cache — the peak summed RSS of every process a contender runs (its whole process tree, sampled
 * every 50 ms from /proc) for resolving N charts. Separate runs from the timed figures.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { execTimed } from "./exec";
import { expectReleases, helmUninstallAll, kubeFlags } from "./helm-floor";
import { helmfileDestroy, helmfileSync, writeHelmfile } from "./helmfile-peer";
import { watchTree } from "./memory";
import { fmtKiB, median, pairRatios, fmtRatio } from "./stats";
import { BenchTestbed, CHART_VERSION, freshDir, helmProcessEnv } from "./testbed";
import { BenchRow, progress } from "./types";
import { runBenchWorker } from "./workers";

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Run every command in parallel under one `sh` (so they form one process tree); returns the tree's peak RSS. */
async function parallelUnderShell(dir: string, commands: string[][], env: NodeJS.ProcessEnv): Promise<number> {
  const script = path.join(dir, "parallel.sh");
  fs.writeFileSync(script, ["#!/bin/sh", ...commands.map((c) => `${c.map(q).join(" ")} >/dev/null 2>&1 &`), "wait", ""].join("\n"), { mode: 0o755 });
  return treePeak((onSpawn) => execTimed("/bin/sh", [script], { env, onSpawn }));
}

async function treePeak(run: (onSpawn: (pid: number) => void) => Promise<unknown>): Promise<number> {
  let w: ReturnType<typeof watchTree> | undefined;
  try {
    await run((pid) => (w = watchTree(pid)));
  } catch (e) {
    w?.stop();
    throw e;
  }
  return w?.stop().peakKiB ?? NaN;
}

const fmt = (xs: number[]) => `${fmtKiB(median(xs))} (${xs.map(fmtKiB).join(", ")})`;
const ratio = (a: number[], b: number[]) => {
  const r = pairRatios(a, b);
  return `${fmtRatio(median(r))} (${r.map(fmtRatio).join(", ")})`;
};

/** Peak RSS: N cold resolutions (our worker process) vs N concurrent `helm pull`. */
async function resolveMemory(tb: BenchTestbed, n: number, reps: number): Promise<BenchRow> {
  const ours: number[] = [];
  const peer: number[] = [];
  for (let i = 0; i < reps; i++) {
    const dir = freshDir(tb, "mem-resolve");
    const req = { chart: tb.chartRef, version: CHART_VERSION, plainHttp: true };
    ours.push(await treePeak((onSpawn) => runBenchWorker(path.join(dir, "cache"), tb.tools.helm4, Array.from({ length: n }, () => req), onSpawn)));
    const env = helmProcessEnv(path.join(dir, "helm"));
    const cmds = Array.from({ length: n }, (_, k) => {
      const d = path.join(dir, `r${k}`);
      fs.mkdirSync(d, { recursive: true });
      return [tb.tools.helm4, "pull", tb.chartRef, "--version", CHART_VERSION, "--plain-http", "-d", d];
    });
    peer.push(await parallelUnderShell(dir, cmds, env));
  }
  return {
    figure: `memory: resolve N=${n} of one OCI chart@version, cold`,
    ours: fmt(ours),
    peer: fmt(peer),
    ratio: ratio(ours, peer),
    notes: `peak summed RSS of the process tree, sampled every 50 ms. Ours: one node process (cache) + its one \`helm pull\`; peer: ${n} concurrent \`helm pull\` under one sh`,
  };
}

/** Figure 6's chart-cache row (the cluster rows come from bench/cluster-memory.ts). */
export async function benchMemory(tb: BenchTestbed, o: { resolveN: number; reps: number }): Promise<BenchRow[]> {
  progress(`figure 6: memory of resolving N=${o.resolveN}, ${o.reps} reps`);
  return [await resolveMemory(tb, o.resolveN, o.reps)];
}
