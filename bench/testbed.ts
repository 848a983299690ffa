/**
 * The benchmark's own testbed: a cluster (with controllers and kwok) and an OCI registry in a private temp dir,
 * started at the beginning of a run and stopped by PID at the end, even on error.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Cluster, startCluster, stopCluster } from "../test/harness/cluster";
import { fixtureChart, pushChart } from "../test/harness/charts";
import { isolatedHelmEnv } from "../test/harness/helm-env";
import { Registry, startRegistry, stopRegistry } from "../test/harness/registry";
import { ToolPaths, toolPaths } from "../test/harness/tools";
import { execTimed } from "./exec";
import { ensureBenchTools, privateTools } from "./private-tools";
import { progress } from "./types";

/** The OCI repository path the benchmark pushes its chart to: oci://<host>/bench/web. */
export const BENCH_REPO = "bench";
export const CHART_VERSION = "0.1.0";

export interface BenchTestbed {
  dir: string;
  cluster: Cluster;
  registry: Registry;
  tools: ToolPaths;
  /** oci://<registry>/bench/web */
  chartRef: string;
  /** The chart archive pulled once, for the raw-helm floor. */
  chartTgz: string;
}

/** A fresh private directory under the run's temp dir. */
export function freshDir(tb: { dir: string }, prefix: string): string {
  fs.mkdirSync(path.join(tb.dir, "runs"), { recursive: true });
  return fs.mkdtempSync(path.join(tb.dir, "runs", `${prefix}-`));
}

/** The full environment of a helm process whose HELM_* homes and DOCKER_CONFIG live in `dir`. */
export function helmProcessEnv(dir: string): NodeJS.ProcessEnv {
  return { ...process.env, ...isolatedHelmEnv(dir) };
}

/** Start cluster and registry, push the fixture chart, pull it once for the floor. */
export async function startBenchTestbed(): Promise<BenchTestbed> {
  await ensureBenchTools(toolPaths());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "phf-bench-"));
  const tools = privateTools(toolPaths(), path.join(dir, "bin"));
  const t0 = Date.now();
  const [cluster, registry] = await Promise.allSettled([startCluster({ dir: path.join(dir, "cluster"), auditLog: true }), startRegistry({ dir: path.join(dir, "registry") })]);
  if (cluster.status === "rejected" || registry.status === "rejected") {
    if (cluster.status === "fulfilled") await stopCluster(cluster.value);
    if (registry.status === "fulfilled") await stopRegistry(registry.value);
    throw cluster.status === "rejected" ? cluster.reason : (registry as PromiseRejectedResult).reason;
  }
  const tb: BenchTestbed = { dir, cluster: cluster.value, registry: registry.value, tools, chartRef: "", chartTgz: "" };
  try {
    await pushChart(tools.helm4, tb.registry, fixtureChart("web"), [CHART_VERSION], BENCH_REPO);
    tb.chartRef = `oci://${tb.registry.host}/${BENCH_REPO}/web`;
    const pullDir = path.join(dir, "chart");
    fs.mkdirSync(pullDir, { recursive: true });
    await execTimed(tools.helm4, ["pull", tb.chartRef, "--version", CHART_VERSION, "--plain-http", "-d", pullDir], { env: helmProcessEnv(path.join(dir, "helm-setup")) });
    tb.chartTgz = path.join(pullDir, `web-${CHART_VERSION}.tgz`);
  } catch (e) {
    await stopBenchTestbed(tb);
    throw e;
  }
  progress(`testbed up in ${Date.now() - t0} ms: cluster ${tb.cluster.server}, registry ${tb.registry.host} (${dir})`);
  return tb;
}

/** Stop every process of the testbed by PID and remove its directory. */
export async function stopBenchTestbed(tb: BenchTestbed): Promise<void> {
  await Promise.allSettled([stopCluster(tb.cluster), stopRegistry(tb.registry)]);
  if (!process.env.PULUMI_HELMFILE_KEEP_BENCH) fs.rmSync(tb.dir, { recursive: true, force: true });
}
