/**
 * Figure 1 — the chart cache with an OCI registry: N releases sharing one chart@version, resolved through our cache
 * vs N concurrent `helm pull` (what every release does when each fetches its own chart), pulls counted at the
 * registry's access log. Also the warm case (a new process finding the chart on disk) and 2 processes × N/2.
 */
import * as path from "node:path";
import { createChartCache, ResolvedChart } from "../provider/cache";
import { execTimed, mkdirp, timed } from "./exec";
import { pullsDuring } from "./pull-count";
import { fmtCounts, fmtMs, fmtPairRatio, fmtRuns, median } from "./stats";
import { BENCH_REPO, BenchTestbed, CHART_VERSION, freshDir, helmProcessEnv } from "./testbed";
import { BenchRow, progress } from "./types";
import { runBenchWorker, runHarnessWorker } from "./workers";

interface Measure {
  ms: number;
  pulls: number;
}

interface Rep {
  naive: Measure;
  cold: Measure;
  warm: Measure & { innerMs: number };
  twoProc: Measure;
}

/** N concurrent `helm pull` of the chart, each into its own directory, sharing one isolated set of helm homes. */
export async function naiveOciPulls(tb: BenchTestbed, n: number, helm = tb.tools.helm4): Promise<Measure> {
  const dir = freshDir(tb, "naive-oci");
  const env = helmProcessEnv(path.join(dir, "helm"));
  const { pulls, value } = await pullsDuring(tb.registry, `${BENCH_REPO}/web`, () =>
    timed(() =>
      Promise.all(
        Array.from({ length: n }, (_, i) =>
          execTimed(helm, ["pull", tb.chartRef, "--version", CHART_VERSION, "--plain-http", "-d", mkdirp(path.join(dir, `r${i}`))], { env }),
        ),
      ),
    ),
  );
  return { ms: value.ms, pulls };
}

function request(tb: BenchTestbed) {
  return { chart: tb.chartRef, version: CHART_VERSION, plainHttp: true };
}

/** N concurrent resolutions through a fresh cache (new directory) in this process. */
async function ourCold(tb: BenchTestbed, n: number, dir: string): Promise<Measure> {
  const { pulls, value } = await pullsDuring(tb.registry, `${BENCH_REPO}/web`, () =>
    timed(async () => {
      const cache = createChartCache({ dir, helmBinary: tb.tools.helm4 });
      return Promise.all(Array.from({ length: n }, () => cache.resolve(request(tb))));
    }),
  );
  const downloads = value.value.filter((r: ResolvedChart) => r.origin === "download").length;
  if (downloads !== 1) throw new Error(`expected exactly 1 download, got ${downloads}`);
  return { ms: value.ms, pulls };
}

/** N resolutions in a new process on the already-populated cache `dir`. */
async function ourWarm(tb: BenchTestbed, n: number, dir: string): Promise<Measure & { innerMs: number }> {
  const { pulls, value } = await pullsDuring(tb.registry, `${BENCH_REPO}/web`, () =>
    runBenchWorker(dir, tb.tools.helm4, Array.from({ length: n }, () => request(tb))),
  );
  return { ms: value.wallMs, innerMs: value.innerMs ?? NaN, pulls };
}

/** Two processes × N/2 concurrent resolutions on one fresh cache directory (the harness's cache worker). */
async function ourTwoProcesses(tb: BenchTestbed, n: number): Promise<Measure> {
  const dir = freshDir(tb, "cache-2p");
  const half = Array.from({ length: n / 2 }, () => request(tb));
  const { pulls, value } = await pullsDuring(tb.registry, `${BENCH_REPO}/web`, () =>
    timed(() => Promise.all([runHarnessWorker(dir, tb.tools.helm4, half), runHarnessWorker(dir, tb.tools.helm4, half)])),
  );
  return { ms: value.ms, pulls };
}

async function oneRep(tb: BenchTestbed, n: number, rep: number): Promise<Rep> {
  const dir = freshDir(tb, "cache");
  // Alternate who goes first so neither side always runs on a warmer machine.
  let naive: Measure;
  let cold: Measure;
  if (rep % 2 === 0) {
    naive = await naiveOciPulls(tb, n);
    cold = await ourCold(tb, n, dir);
  } else {
    cold = await ourCold(tb, n, dir);
    naive = await naiveOciPulls(tb, n);
  }
  const warm = await ourWarm(tb, n, dir);
  const twoProc = await ourTwoProcesses(tb, n);
  progress(
    `  oci N=${n} rep ${rep + 1}: naive ${fmtMs(naive.ms)}/${naive.pulls} pulls, cold ${fmtMs(cold.ms)}/${cold.pulls}, ` +
      `warm ${fmtMs(warm.ms)}/${warm.pulls}, 2 procs ${fmtMs(twoProc.ms)}/${twoProc.pulls}`,
  );
  return { naive, cold, warm, twoProc };
}

/** Run figure 1 for each N with `reps` repetitions; rows for cold, warm and 2-process cases. */
export async function benchOciCache(tb: BenchTestbed, ns: number[], reps: number): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const n of ns) {
    progress(`figure 1: OCI chart cache, N=${n}, ${reps} reps`);
    const runs: Rep[] = [];
    for (let i = 0; i < reps; i++) runs.push(await oneRep(tb, n, i));
    const naiveMs = runs.map((r) => r.naive.ms);
    const naivePulls = fmtCounts(runs.map((r) => r.naive.pulls));
    const peer = (ms: number[]) => `${fmtRuns(ms)}; ${naivePulls} pulls`;
    rows.push({
      figure: `OCI, N=${n} releases of one chart@version, cold cache (in-process, concurrent)`,
      ours: `${fmtRuns(runs.map((r) => r.cold.ms))}; ${fmtCounts(runs.map((r) => r.cold.pulls))} pull(s)`,
      peer: peer(naiveMs),
      ratio: fmtPairRatio(runs.map((r) => r.cold.ms), naiveMs),
      notes: `peer: ${n} concurrent \`helm pull\` (helm v4, what a per-release fetch does); pulls = manifest GETs in the registry's access log`,
    });
    rows.push({
      figure: `OCI, N=${n}, warm cache (new process, chart on disk)`,
      ours: `${fmtRuns(runs.map((r) => r.warm.ms))}; ${fmtCounts(runs.map((r) => r.warm.pulls))} pulls`,
      peer: peer(naiveMs),
      ratio: fmtPairRatio(runs.map((r) => r.warm.ms), naiveMs),
      notes:
        `ours is the whole process (node start-up + module load); resolutions themselves took ` +
        `${fmtMs(median(runs.map((r) => r.warm.innerMs)))} (median, no helm process, checksum verified from disk)`,
    });
    rows.push({
      figure: `OCI, N=${n}, 2 processes × ${n / 2} on one cold cache dir`,
      ours: `${fmtRuns(runs.map((r) => r.twoProc.ms))}; ${fmtCounts(runs.map((r) => r.twoProc.pulls))} pull(s)`,
      peer: peer(naiveMs),
      ratio: fmtPairRatio(runs.map((r) => r.twoProc.ms), naiveMs),
      notes: "two node processes (test/harness/cache-worker.js) started together; the file lock makes one pull and the other wait; includes 2 node start-ups",
    });
  }
  return rows;
}
