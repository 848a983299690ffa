/**
 * Figure 6 — memory: the peak summed RSS of every process a contender runs (its whole process tree, sampled every
 * 50 ms from /proc), for resolving N charts and for installing N releases. Separate runs from the timed figures,
 * so sampling never slows a timed run.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { execTimed } from "./exec";
import { expectReleases, helmUninstallAll, kubeFlags } from "./helm-floor";
import { helmfileDestroy, helmfileSync, writeHelmfile } from "./helmfile-peer";
import { watchTree } from "./memory";
import { helmReleaseAvailable, pulumiCycle } from "./pulumi-release";
import { fmtKiB, median, pairRatios, fmtRatio } from "./stats";
import { BenchTestbed, CHART_VERSION, freshDir, helmProcessEnv } from "./testbed";
import { BenchRow, progress } from "./types";
import { runBenchWorker } from "./workers";

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Run every command in parallel under one `sh` (so they form one process tree); returns the tree's peak RSS. */
async function parallelUnderShell(dir: string, commands: string[][], env: NodeJS.ProcessEnv): Promise<number> {
  const script = path.join(dir, "parallel.sh");
  fs.writeFileSync(script, ["#!/bin/sh", ...commands.map((c) => `${c.map(q).join(" ")} >/dev/null 2>&1 &`), "wait", ""].join("\n"), { mode: 0o755 });
  let w: ReturnType<typeof watchTree> | undefined;
  await execTimed("/bin/sh", [script], { env, onSpawn: (pid) => (w = watchTree(pid)) });
  return w?.stop().peakKiB ?? NaN;
}

async function treePeak(run: (onSpawn: (pid: number) => void) => Promise<unknown>): Promise<number> {
  let w: ReturnType<typeof watchTree> | undefined;
  await run((pid) => (w = watchTree(pid)));
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

/** Peak RSS of installing N releases: raw helm floor vs helmfile sync vs a whole pulumi up/preview/destroy cycle. */
async function installMemory(tb: BenchTestbed, n: number, reps: number): Promise<BenchRow[]> {
  const floor: number[] = [];
  const hf: number[] = [];
  const pl: number[] = [];
  const avail = helmReleaseAvailable().ok;
  for (let i = 0; i < reps; i++) {
    const dir = freshDir(tb, "mem-install");
    const rel = Array.from({ length: n }, (_, k) => `mf${i}-${k}`);
    const cmds = rel.map((r) => [tb.tools.helm4, "upgrade", "--install", r, tb.chartTgz, "--namespace", "default", ...kubeFlags(tb)]);
    floor.push(await parallelUnderShell(dir, cmds, helmProcessEnv(path.join(dir, "helm"))));
    await expectReleases(tb, n, "helm upgrade --install (memory run)");
    await helmUninstallAll(tb, rel);
    const p = writeHelmfile(tb, Array.from({ length: n }, (_, k) => `mh${i}-${k}`));
    hf.push(await treePeak((onSpawn) => helmfileSync(tb, p, tb.tools.helm4, onSpawn)));
    await expectReleases(tb, n, "helmfile sync (memory run)");
    await helmfileDestroy(tb, p);
    if (avail) pl.push(await treePeak((onSpawn) => pulumiCycle(tb, n, `mp${i}`, { onSpawn })));
  }
  const rows: BenchRow[] = [
    {
      figure: `memory: install N=${n} releases, helmfile sync vs raw helm floor`,
      ours: "—",
      peer: `helmfile ${fmt(hf)}; floor ${fmt(floor)}`,
      ratio: `helmfile/floor ${ratio(hf, floor)}`,
      notes: "peak summed RSS of each process tree (helmfile + its helm children; sh + N helm upgrade), sampled every 50 ms",
    },
  ];
  rows.push({
    figure: `memory: install N=${n}, whole \`pulumi up\`+preview+destroy cycle vs helmfile sync`,
    ours: avail ? fmt(pl) : "pending: HelmRelease not yet available",
    peer: fmt(hf),
    ratio: avail ? ratio(pl, hf) : "—",
    notes: avail
      ? "ours: the Automation API driver (node, program + HelmRelease renders) + pulumi CLI/engine + dynamic provider (node) + helm children; peak over the whole cycle"
      : undefined,
  });
  return rows;
}

/** Run figure 6. */
export async function benchMemory(tb: BenchTestbed, o: { resolveN: number; installN: number; reps: number }): Promise<BenchRow[]> {
  progress(`figure 6: memory (resolve N=${o.resolveN}, install N=${o.installN}), ${o.reps} reps`);
  const rows = [await resolveMemory(tb, o.resolveN, o.reps)];
  rows.push(...(await installMemory(tb, o.installN, o.reps)));
  return rows;
}
