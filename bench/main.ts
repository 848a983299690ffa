/**
 * `npm run bench`: starts a private testbed (cluster + OCI registry), runs every figure against the real processes,
 * writes bench/RESULTS.md, and stops the testbed by PID — also on error or Ctrl-C.
 *
 * The first section that fails ends the run: the testbed is stopped, the report (with the error) goes to
 * bench/.runs/RESULTS.failed.md — never over bench/RESULTS.md — and the process exits with 1.
 *
 * Development knobs (a run using any of them writes bench/.runs/RESULTS.partial.md instead of bench/RESULTS.md):
 * BENCH_ONLY=oci,stacks,http,cluster,gogc,drift,memory,render,template  BENCH_NS=10,50,100  BENCH_REPS=3  BENCH_CACHE_REPS=5
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot as benchRepoRoot } from "../test/harness/tools";
import { benchCluster } from "./cluster-figures";
import { benchDrift } from "./drift-rows";
import { benchGoGc } from "./go-gc";
import { benchHttpRepo } from "./http-repo";
import { MachineInfo, machineInfo, sampleLoad } from "./machine";
import { benchMemory } from "./memory-figures";
import { benchOciCache } from "./oci-cache";
import { benchRender } from "./render-figures";
import { benchTwoStacks } from "./two-stacks";
import { writeReport } from "./report";
import { templateRows } from "./template-rows";
import { startBenchTestbed, stopBenchTestbed } from "./testbed";
import { BenchRow, progress } from "./types";

const only = process.env.BENCH_ONLY?.split(",").map((s) => s.trim());
const partial = !!(process.env.BENCH_ONLY || process.env.BENCH_NS || process.env.BENCH_REPS || process.env.BENCH_CACHE_REPS);
const ns = (process.env.BENCH_NS ?? "10,50,100").split(",").map(Number);
const reps = Number(process.env.BENCH_REPS ?? 3);
const cacheReps = Number(process.env.BENCH_CACHE_REPS ?? 5);
const want = (k: string) => !only || only.includes(k);

async function main(): Promise<number> {
  const started = new Date();
  const tb = await startBenchTestbed();
  const stop = async (signal: string) => {
    progress(`${signal}: stopping the testbed`);
    await stopBenchTestbed(tb);
    process.exit(130);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
  let machine: MachineInfo;
  try {
    machine = await machineInfo(tb.tools);
  } catch (e) {
    await stopBenchTestbed(tb);
    throw e;
  }
  progress(`${machine.cpu}, ${machine.cores} cores, ${machine.memory}; N=${ns.join(",")}, reps ${reps} (cache figures ${cacheReps})`);

  const errors: string[] = [];
  const skipped: string[] = [];
  const sections: { title: string; intro?: string; rows: BenchRow[] }[] = [];
  const section = async (key: string, title: string, intro: string, fn: () => Promise<BenchRow[]>) => {
    if (!want(key)) return;
    if (errors.length) {
      skipped.push(title);
      return;
    }
    try {
      sections.push({ title, intro, rows: await fn() });
    } catch (e) {
      const msg = `${title}: ${(e as Error).stack ?? String(e)}`;
      errors.push(msg);
      progress(`ERROR ${msg}`);
      sections.push({ title, intro, rows: [{ figure: title, ours: "failed", peer: "—", ratio: "—", notes: (e as Error).message.split("\n")[0] }] });
    }
  };
  try {
    await section("oci", "1. Chart cache, OCI registry", "Every chart@version fetched once: N releases sharing one chart, through the cache vs each release pulling its own.", () =>
      benchOciCache(tb, ns, cacheReps),
    );
    await section("stacks", "1b. Chart cache, two stacks at once", "Two `pulumi up` of N/2 releases each, started together on one machine, vs two `helmfile sync`.", () => benchTwoStacks(tb, ns));
    await section("http", "2. Chart cache, classic HTTP repository", "index.yaml and .tgz requests counted by the repository server.", () => benchHttpRepo(tb, ns, cacheReps));
    let clusterMemory: BenchRow[] = [];
    await section(
      "cluster",
      "2–5. Releases on the cluster: raw helm floor, helmfile, and the same helmfile.yaml through Pulumi",
      "Same chart, registry and cluster; in each repetition the three contenders run one after the other, in rotated order. Counts: helm processes from a logging wrapper, API requests from the API server's audit log (every client but the cluster's own components: helm, helm-diff, helmfile), registry requests from its access log.",
      async () => {
        const r = await benchCluster(tb, ns, reps);
        clusterMemory = r.memory;
        return r.rows;
      },
    );
    await section("gogc", "5a. The Go GC target of the helm processes", "CPU of N helm processes at once with Go's default GC target and with ours (provider/helm/environment.ts).", () =>
      benchGoGc(tb, Math.max(...ns), reps),
    );
    await section("drift", "5b. Drift detection: refresh of N releases with nothing drifted", "`pulumi refresh` with and without drift detection of the releases' objects, and helm-diff's three-way mode. API requests from the audit log.", () =>
      benchDrift(tb, ns.filter((n) => n <= 50), reps),
    );
    await section("memory", "6. Memory", "Peak RSS from /proc. The cluster rows were sampled during the timed repetitions at the largest N, for both contenders.", async () => [
      ...(await benchMemory(tb, { resolveN: Math.max(...ns), reps })),
      ...clusterMemory,
    ]);
    await section("render", "7. Rendering a helmfile.yaml.gotmpl", "loadHelmfile and `pulumi-helmfile build` vs `helmfile build` on the same 289-line file.", () => benchRender(tb, 7));
    await section("template", "Template engine (bench/template.ts)", "Rows produced by the template engine's own benchmark module.", () => templateRows(8 * 60_000));
  } finally {
    machine.loadEnd = sampleLoad();
    await stopBenchTestbed(tb);
    progress("testbed stopped");
  }

  if (skipped.length) errors.push(`not run, after the failure: ${skipped.join("; ")}`);
  const name = errors.length ? "RESULTS.failed.md" : partial ? "RESULTS.partial.md" : undefined;
  const file = name ? path.join(benchRepoRoot, "bench", ".runs", name) : path.join(benchRepoRoot, "bench", "RESULTS.md");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeReport(file, {
    machine,
    started,
    durationMs: Date.now() - started.getTime(),
    sections,
    errors,
    method: [
      "Every figure is the median of the repetitions, with each repetition's value in parentheses.",
      "Ratios are ours ÷ peer computed pair by pair within the same repetition (both measured back to back, order alternating), then the median of those ratios — never a ratio of medians. For times, below 1× we are faster. The template engine's rows (bench/template.ts) state their own units and ratio direction.",
      "Pulls are counted at the server: manifest GETs in the OCI registry's access log; index.yaml and .tgz requests at the HTTP repository.",
      "Wall times are measured around the real processes (helm, helmfile, node workers, the Pulumi Automation API) on this machine, next to the benchmark's own testbed (etcd, kube-apiserver, controller-manager, scheduler, kwok, docker-registry). The machine is shared with other work (see the load averages above), so single repetitions are noisy; pairwise ratios and medians limit that.",
      "'ours' for the cache is createChartCache() from provider/cache; 'peer' is what a release that fetches its own chart does (pulumi-kubernetes' Release and Terraform's helm_release use helm as a library, one pull per release; here the helm CLI).",
      "Traced runs are one extra repetition with a helm wrapper that logs each helm process's start and end; they explain where time goes and are not part of the medians.",
    ],
  });
  progress(`wrote ${path.relative(benchRepoRoot, file)}${errors.length ? `; the run ended at the first failed section: ${errors.length} error(s)` : ""}`);
  return errors.length ? 1 : 0;
}

// Exit explicitly: the testbed is stopped and the report written, so nothing a failed figure left behind (a timer,
// a pipe) may keep the process alive.
main().then(
  (code) => process.exit(code),
  (e: Error) => {
    process.stderr.write(`bench failed: ${e.stack ?? e}\n`);
    process.exit(1);
  },
);
