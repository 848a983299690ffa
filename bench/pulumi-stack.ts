/**
 * Ours on the cluster: a helmfile.yaml through the sdk's `Helmfile` component, driven by the Automation API in a
 * separate process (bench/pulumi-driver.ts) on a fresh stack, file backend and chart cache.
 */
import * as path from "node:path";
import { automationWorkDir, pulumiEnv } from "../test/harness/pulumi-env";
import type { DriverResult, DriverSpec, DriverStep } from "./pulumi-driver";
import { execTimed } from "./exec";
import type { HelmfileProject } from "./helmfile-peer";
import { pullsDuring } from "./pull-count";
import { BENCH_REPO, BenchTestbed, freshDir } from "./testbed";

export interface PulumiRun extends DriverResult {
  /** Manifest GETs at the registry during all the steps. */
  pulls: number;
  /** The stack's directory (backend, work dir, chart cache): pass as `reuse` to go on with the same stack. */
  dir: string;
  cacheDir: string;
}

export interface PulumiOptions {
  /** helm binary for the provider (a tracing wrapper, say). @default helm v4 */
  helm?: string;
  /** Called with the driver's PID as soon as it runs (memory sampling). */
  onSpawn?: (pid: number) => void;
  /** Chart cache directory. @default a fresh one (or the reused run's) */
  cacheDir?: string;
  /** Go on with the stack, backend and chart cache of an earlier run. @default a fresh stack */
  reuse?: PulumiRun;
  /** More environment for the engine and provider (e.g. PULUMI_HELMFILE_KUBECTL). */
  env?: Record<string, string>;
  /** DriverSpec.driftModeFile. */
  driftModeFile?: string;
  /** The program: the helmfile.yaml, or one trivial dynamic resource (the fixed cost). @default "helmfile" */
  program?: DriverSpec["program"];
}

/** Run `steps` on a fresh stack whose program loads `project.file` with the sdk's Helmfile component. */
export async function pulumiSteps(tb: BenchTestbed, project: HelmfileProject, steps: DriverStep[], o: PulumiOptions = {}): Promise<PulumiRun> {
  const dir = o.reuse?.dir ?? freshDir(tb, "pulumi");
  const workDir = path.join(dir, "work");
  if (!o.reuse) automationWorkDir(workDir);
  const { env } = pulumiEnv(dir, o.env);
  const cacheDir = o.cacheDir ?? o.reuse?.cacheDir ?? path.join(dir, "chart-cache");
  const spec: DriverSpec = {
    program: o.program,
    workDir,
    helmfileFile: project.file,
    helmBinary: o.helm ?? tb.tools.helm4,
    cacheDir,
    kubeconfigFile: tb.cluster.kubeconfig,
    parallel: project.releases.length,
    steps,
    driftModeFile: o.driftModeFile,
  };
  const { pulls, value } = await pullsDuring(tb.registry, `${BENCH_REPO}/web`, () =>
    execTimed(process.execPath, [path.join(__dirname, "pulumi-driver.js"), JSON.stringify(spec)], { env: { ...env, NODE_OPTIONS: "" }, timeoutMs: 1_200_000, check: false, onSpawn: o.onSpawn }),
  );
  const line = value.stdout.trim().split("\n").pop() || "{}";
  const out = JSON.parse(line) as DriverResult & { error?: string };
  if (out.error || value.code !== 0) throw new Error(`pulumi driver failed (${value.code}): ${out.error ?? value.stderr.slice(-2000)}`);
  return { ...out, pulls, dir, cacheDir };
}

