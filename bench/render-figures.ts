/**
 * Figure 7 — rendering a ~300-line helmfile.yaml.gotmpl (bench/fixtures/helmfile-300: the template engine's benchmark
 * state, with its environment values in a first part as helmfile requires): `pulumi-helmfile build` vs `helmfile build`
 * as whole processes, and loadHelmfile inside a process (first load, and warm loads). Both must find the same releases.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { growFixture } from "./grow-fixture";
import { repoRoot } from "../test/harness/tools";
import { execTimed } from "./exec";
import { fmtMs, fmtPairRatio, fmtRuns, median } from "./stats";
import { BenchTestbed, freshDir, helmProcessEnv } from "./testbed";
import { BenchRow, progress } from "./types";

const ENVIRONMENT = "production";
const WARM_LOADS = 50;

interface WorkerReport {
  moduleLoadMs: number;
  firstMs: number;
  warmMs: number;
  releases: string[];
}

/** Release names `helmfile list --output json` reports (the check that both tools read the same state). */
async function helmfileReleases(tb: BenchTestbed, file: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  const r = await execTimed(tb.tools.helmfile, ["--helm-binary", tb.tools.helm4, "--file", file, "-e", ENVIRONMENT, "list", "--output", "json"], { env, cwd: path.dirname(file) });
  return (JSON.parse(r.stdout) as { name: string }[]).map((x) => x.name).sort();
}

const FIXTURE = path.join(repoRoot, "bench", "fixtures", "helmfile-300");
/** The growth factor of the grown fixture's releases section (bench/grow-fixture.ts). */
const GROWN = 10;

/** The render figures on the largest fixture and on it grown ×10, then the render cache's own cost. */
export async function benchRender(tb: BenchTestbed, reps: number): Promise<BenchRow[]> {
  const grown = growFixture(FIXTURE, GROWN, path.join(freshDir(tb, "grown"), "helmfile"));
  return [
    ...(await renderRows(tb, path.join(FIXTURE, "helmfile.yaml.gotmpl"), "", reps)),
    ...(await renderRows(tb, grown, ` (the same grown ×${GROWN}: its releases section repeated in ${GROWN} namespaces)`, reps)),
    ...(await renderCacheRows(tb)),
  ];
}

async function renderRows(tb: BenchTestbed, file: string, grownNote: string, reps: number): Promise<BenchRow[]> {
  const lines = `${fs.readFileSync(file, "utf8").trimEnd().split("\n").length}-line`;
  progress(`figure 7: rendering a ${lines} helmfile.yaml.gotmpl, ${reps} reps`);
  const cwd = path.dirname(file);
  const env = { ...helmProcessEnv(path.join(freshDir(tb, "render"), "helm")), HELMFILE_UPGRADE_NOTICE_DISABLED: "true" };
  const cli = path.join(repoRoot, "dist", "sdk", "cli", "main.js");
  const ours: number[] = [];
  const peer: number[] = [];
  const first: number[] = [];
  const warm: number[] = [];
  let report: WorkerReport | undefined;
  for (let i = 0; i < reps; i++) {
    const runOurs = async () => ours.push((await execTimed(process.execPath, [cli, "build", "-f", file, "-e", ENVIRONMENT], { env, cwd })).ms);
    const runPeer = async () => peer.push((await execTimed(tb.tools.helmfile, ["--helm-binary", tb.tools.helm4, "--file", file, "-e", ENVIRONMENT, "build"], { env, cwd })).ms);
    if (i % 2) await runPeer().then(runOurs);
    else await runOurs().then(runPeer);
    const w = await execTimed(process.execPath, [path.join(__dirname, "render-worker.js"), file, ENVIRONMENT, String(WARM_LOADS)], { env, cwd });
    report = JSON.parse(w.stdout.trim()) as WorkerReport;
    first.push(report.firstMs);
    warm.push(report.warmMs);
  }
  const theirs = await helmfileReleases(tb, file, env);
  const same = JSON.stringify(theirs) === JSON.stringify(report?.releases);
  if (!same) throw new Error(`loadHelmfile and helmfile list disagree on the releases: ours ${JSON.stringify(report?.releases)}, helmfile ${JSON.stringify(theirs)}`);
  return [
    {
      figure: `render: \`pulumi-helmfile build\` vs \`helmfile build\` of a ${lines} helmfile.yaml.gotmpl${grownNote} (whole processes)`,
      ours: fmtRuns(ours),
      peer: fmtRuns(peer),
      ratio: fmtPairRatio(ours, peer),
      notes: `-e ${ENVIRONMENT}, ${theirs.length} releases, both read the same releases (checked with helmfile list). Ours is a node process: start-up and module load (${fmtMs(report?.moduleLoadMs ?? NaN)} to load the sdk's loader) dominate; helmfile also starts \`helm version\``,
    },
    {
      figure: `render: \`loadHelmfile\` of the ${lines} file${grownNote} in a program (first load, fresh process) vs \`helmfile build\``,
      ours: fmtRuns(first),
      peer: fmtRuns(peer),
      ratio: fmtPairRatio(first, peer),
      notes: `what a Pulumi program pays to load the file once, the template engine's JIT still cold; warm loads (parse cache cleared each time, mean of ${WARM_LOADS}): ${fmtMs(median(warm))}`,
    },
  ];
}

/** The render cache (provider/release/render-cache.ts): a put and a hit, small and ×50 summaries, 200 entries each. */
async function renderCacheRows(tb: BenchTestbed): Promise<BenchRow[]> {
  progress("figure 7: the render cache");
  const rows: BenchRow[] = [];
  for (const objects of [1, 50]) {
    const runs: { putMs: number; hitMs: number; bytes: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const w = await execTimed(process.execPath, [path.join(__dirname, "render-cache-worker.js"), path.join(freshDir(tb, "render-cache"), "renders"), String(objects), "200"]);
      runs.push(JSON.parse(w.stdout.trim()) as (typeof runs)[number]);
    }
    const us = (xs: number[]) => `${(median(xs) * 1000).toFixed(0)} µs (${xs.map((x) => (x * 1000).toFixed(0)).join(", ")})`;
    rows.push({
      figure: `render cache: one hit and one put, summaries of ${objects} object(s) (${(runs[0].bytes / 1024).toFixed(1)} KiB per entry)`,
      ours: `hit ${us(runs.map((r) => r.hitMs))}; put ${us(runs.map((r) => r.putMs))}`,
      peer: "—",
      ratio: "—",
      notes: "mean over 200 entries in a fresh process (bench/render-cache-worker.ts), 3 runs: HMAC of the render parts, read + JSON parse + AES-GCM open of the Secret digests (hit); seal + write + rename (put). A no-change preview pays one hit per release",
    });
  }
  return rows;
}
