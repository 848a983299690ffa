/**
 * Figure 4 — HelmRelease through Pulumi: `pulumi up` / no-change `pulumi preview` / `pulumi destroy` of N releases
 * (Automation API, in a separate driver process), when the SDK has a HelmRelease resource.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { pulumiEnv } from "../test/harness/pulumi-env";
import type { DriverResult, DriverSpec } from "./pulumi-driver";
import { execTimed } from "./exec";
import { pullsDuring } from "./pull-count";
import { BENCH_REPO, BenchTestbed, CHART_VERSION, freshDir } from "./testbed";

/** Whether this build has the pieces the figure needs (HelmRelease in sdk/, the provider in provider/). */
export function helmReleaseAvailable(): { ok: boolean; why: string; helmfileComponent: boolean } {
  const sdk = path.resolve(__dirname, "..", "sdk", "index.js");
  const provider = path.resolve(__dirname, "..", "provider", "index.js");
  if (!fs.existsSync(sdk) || !fs.existsSync(provider)) return { ok: false, why: "sdk/ or provider/ has no index", helmfileComponent: false };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const m = require(sdk) as Record<string, unknown>;
    return { ok: typeof m.HelmRelease === "function", why: "sdk/ exports no HelmRelease", helmfileComponent: typeof m.Helmfile === "function" };
  } catch (e) {
    return { ok: false, why: `sdk/ does not load: ${(e as Error).message.split("\n")[0]}`, helmfileComponent: false };
  }
}

export interface PulumiRun extends DriverResult {
  /** Manifest GETs at the registry during the whole up/preview/destroy cycle. */
  pulls: number;
  pid: number;
}

/**
 * up/preview/destroy on a fresh stack, backend and chart cache: `n` HelmRelease named `<prefix>-<i>`, or, with
 * `helmfileFile`, that helmfile.yaml through the sdk's Helmfile component.
 */
export async function pulumiCycle(
  tb: BenchTestbed,
  n: number,
  prefix: string,
  o: { helm?: string; onSpawn?: (pid: number) => void; helmfileFile?: string } = {},
): Promise<PulumiRun> {
  const dir = freshDir(tb, "pulumi");
  const workDir = path.join(dir, "work");
  fs.mkdirSync(workDir, { recursive: true });
  const { env } = pulumiEnv(dir);
  const spec: DriverSpec = {
    workDir,
    n,
    prefix,
    chart: tb.chartRef,
    version: CHART_VERSION,
    helmBinary: o.helm ?? tb.tools.helm4,
    cacheDir: path.join(dir, "chart-cache"),
    kubeconfigFile: tb.cluster.kubeconfig,
    kubeContext: tb.cluster.context,
    parallel: n,
    helmfileFile: o.helmfileFile,
  };
  const { pulls, value } = await pullsDuring(tb.registry, `${BENCH_REPO}/web`, () =>
    execTimed(process.execPath, [path.join(__dirname, "pulumi-driver.js"), JSON.stringify(spec)], { env: { ...env, NODE_OPTIONS: "" }, timeoutMs: 900_000, check: false, onSpawn: o.onSpawn }),
  );
  const line = value.stdout.trim().split("\n").pop() || "{}";
  const out = JSON.parse(line) as DriverResult & { error?: string };
  if (out.error || value.code !== 0) throw new Error(`pulumi driver failed (${value.code}): ${out.error ?? value.stderr.slice(-2000)}`);
  return { ...out, pulls, pid: value.pid };
}
