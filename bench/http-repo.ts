/**
 * Figure 2 — the chart cache with a classic HTTP repository: N releases of one chart@version through our cache vs
 * N concurrent `helm pull --repo`, index.yaml and .tgz requests counted at the server.
 */
import * as path from "node:path";
import { createChartCache } from "../provider/cache";
import { ChartRepo, startChartRepo } from "../test/harness/chart-repo";
import { fixtureChart } from "../test/harness/charts";
import { execTimed, mkdirp, timed } from "./exec";
import { fmtCounts, fmtMs, fmtPairRatio, fmtRuns } from "./stats";
import { BenchTestbed, CHART_VERSION, freshDir, helmProcessEnv } from "./testbed";
import { BenchRow, progress } from "./types";
import { runBenchWorker } from "./workers";

interface Measure {
  ms: number;
  index: number;
  tgz: number;
}

/** Requests to index.yaml and to .tgz files made while `fn` runs. */
async function requestsDuring<T>(repo: ChartRepo, fn: () => Promise<T>): Promise<{ index: number; tgz: number; value: T }> {
  const idx = () => repo.count((p) => p.endsWith("index.yaml"));
  const tgz = () => repo.count((p) => p.endsWith(".tgz"));
  const [i0, t0] = [idx(), tgz()];
  const value = await fn();
  return { index: idx() - i0, tgz: tgz() - t0, value };
}

async function naive(tb: BenchTestbed, repo: ChartRepo, n: number): Promise<Measure> {
  const dir = freshDir(tb, "naive-http");
  const env = helmProcessEnv(path.join(dir, "helm"));
  const r = await requestsDuring(repo, () =>
    timed(() =>
      Promise.all(
        Array.from({ length: n }, (_, i) =>
          execTimed(tb.tools.helm4, ["pull", "web", "--repo", repo.url, "--version", CHART_VERSION, "-d", mkdirp(path.join(dir, `r${i}`))], { env }),
        ),
      ),
    ),
  );
  return { ms: r.value.ms, index: r.index, tgz: r.tgz };
}

function request(repo: ChartRepo) {
  return { chart: "fixtures/web", version: CHART_VERSION, repository: { name: "fixtures", url: repo.url } };
}

async function cold(tb: BenchTestbed, repo: ChartRepo, n: number, dir: string): Promise<Measure> {
  const r = await requestsDuring(repo, () =>
    timed(() => {
      const cache = createChartCache({ dir, helmBinary: tb.tools.helm4 });
      return Promise.all(Array.from({ length: n }, () => cache.resolve(request(repo))));
    }),
  );
  return { ms: r.value.ms, index: r.index, tgz: r.tgz };
}

async function warm(tb: BenchTestbed, repo: ChartRepo, n: number, dir: string): Promise<Measure> {
  const r = await requestsDuring(repo, () => runBenchWorker(dir, tb.tools.helm4, Array.from({ length: n }, () => request(repo))));
  return { ms: r.value.wallMs, index: r.index, tgz: r.tgz };
}

const counts = (ms: Measure[]) => `${fmtCounts(ms.map((m) => m.index))} index.yaml + ${fmtCounts(ms.map((m) => m.tgz))} .tgz`;

/** Run figure 2 for each N with `reps` repetitions. */
export async function benchHttpRepo(tb: BenchTestbed, ns: number[], reps: number): Promise<BenchRow[]> {
  const repo = await startChartRepo({ dir: path.join(freshDir(tb, "chart-repo"), "srv"), charts: [fixtureChart("web")], helm: tb.tools.helm4 });
  const rows: BenchRow[] = [];
  try {
    for (const n of ns) {
      progress(`figure 2: HTTP chart repository, N=${n}, ${reps} reps`);
      const runs: { naive: Measure; cold: Measure; warm: Measure }[] = [];
      for (let i = 0; i < reps; i++) {
        const dir = freshDir(tb, "cache-http");
        let a: Measure;
        let b: Measure;
        if (i % 2 === 0) {
          a = await naive(tb, repo, n);
          b = await cold(tb, repo, n, dir);
        } else {
          b = await cold(tb, repo, n, dir);
          a = await naive(tb, repo, n);
        }
        const w = await warm(tb, repo, n, dir);
        runs.push({ naive: a, cold: b, warm: w });
        progress(`  http N=${n} rep ${i + 1}: naive ${fmtMs(a.ms)} (${a.index}+${a.tgz}), cold ${fmtMs(b.ms)} (${b.index}+${b.tgz}), warm ${fmtMs(w.ms)} (${w.index}+${w.tgz})`);
      }
      const naiveMs = runs.map((r) => r.naive.ms);
      const peer = `${fmtRuns(naiveMs)}; ${counts(runs.map((r) => r.naive))}`;
      rows.push({
        figure: `HTTP repo, N=${n} releases of one chart@version, cold cache (in-process, concurrent)`,
        ours: `${fmtRuns(runs.map((r) => r.cold.ms))}; ${counts(runs.map((r) => r.cold))}`,
        peer,
        ratio: fmtPairRatio(runs.map((r) => r.cold.ms), naiveMs),
        notes: `peer: ${n} concurrent \`helm pull web --repo <url>\` (helm v4); requests counted by the repository server. Ours: one \`helm repo add\` (index) + one \`helm pull\``,
      });
      rows.push({
        figure: `HTTP repo, N=${n}, warm cache (new process, chart on disk)`,
        ours: `${fmtRuns(runs.map((r) => r.warm.ms))}; ${counts(runs.map((r) => r.warm))}`,
        peer,
        ratio: fmtPairRatio(runs.map((r) => r.warm.ms), naiveMs),
        notes: "ours includes node start-up and module load of the new process; a pinned cached chart needs neither the index nor helm",
      });
    }
  } finally {
    await repo.close();
  }
  return rows;
}
