/**
 * The demo's local environment: a control plane, an OCI registry and a classic chart repository on 127.0.0.1 that
 * outlive the demo command (so `pulumi preview/up/destroy` can be run by hand afterwards), described in state.json.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Cluster, startCluster, stopCluster } from "../test/harness/cluster";
import { fixtureChart, pushChart } from "../test/harness/charts";
import { freePort } from "../test/harness/ports";
import { isAlive, RunningProcess, startProcess, stopProcess } from "../test/harness/processes";
import { Registry, startRegistry, stopRegistry } from "../test/harness/registry";
import { toolPaths } from "../test/harness/tools";

export interface LocalEnv {
  dir: string;
  cluster: Cluster;
  registry: Registry;
  chartRepo: { url: string; process: RunningProcess };
}

/** Where the demo keeps its state. */
export function demoDir(): string {
  return process.env.PULUMI_HELMFILE_DEMO_DIR || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "pulumi-helmfile", "demo");
}

function stateFile(): string {
  return path.join(demoDir(), "state.json");
}

/** The running environment, if state.json describes one whose processes are all alive. */
export function runningEnv(): LocalEnv | undefined {
  if (!fs.existsSync(stateFile())) return undefined;
  const env = JSON.parse(fs.readFileSync(stateFile(), "utf8")) as LocalEnv;
  const pids = [...env.cluster.processes, env.registry.process, env.chartRepo.process].map((p) => p.pid);
  return pids.every(isAlive) ? env : undefined;
}

/** Start the environment (cluster, registry with charts/web 0.1.0, chart repository) or reuse a running one. */
export async function ensureEnv(log: (m: string) => void): Promise<LocalEnv> {
  const running = runningEnv();
  if (running) {
    log(`reusing the local cluster ${running.cluster.server} and registry ${running.registry.host}`);
    return running;
  }
  await stopEnv(() => undefined);
  const dir = demoDir();
  fs.rmSync(path.join(dir, "env"), { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, "env"), { recursive: true });
  const t0 = Date.now();
  log("starting a local Kubernetes control plane (etcd, kube-apiserver, controller-manager, scheduler, kwok) and an OCI registry…");
  const [cluster, registry] = await Promise.all([
    // The environment keeps running after `npm run demo` exits, until `npm run demo -- --down`.
    startCluster({ dir: path.join(dir, "env", "cluster"), outliveOwner: true }),
    startRegistry({ dir: path.join(dir, "env", "registry"), outliveOwner: true }),
  ]);
  const tools = toolPaths();
  await pushChart(tools.helm4, registry, fixtureChart("web"), ["0.1.0"]);
  const port = await freePort();
  const repoDir = path.join(dir, "env", "chart-repo");
  const server = path.join(__dirname, "..", "test", "harness", "chart-repo-server.js");
  const repoProc = await startProcess({
    name: "chart repository",
    outliveOwner: true,
    command: process.execPath,
    args: [server, repoDir, String(port), tools.helm4, fixtureChart("web")],
    logFile: path.join(dir, "env", "chart-repo.log"),
    ready: async () => fs.existsSync(path.join(dir, "env", "chart-repo.log")) && fs.readFileSync(path.join(dir, "env", "chart-repo.log"), "utf8").includes("serving"),
  });
  const env: LocalEnv = { dir, cluster, registry, chartRepo: { url: `http://127.0.0.1:${port}`, process: repoProc } };
  fs.writeFileSync(stateFile(), JSON.stringify(env, null, 2));
  log(`local environment ready in ${((Date.now() - t0) / 1000).toFixed(1)}s: cluster ${cluster.server}, registry ${registry.host}, chart repository ${env.chartRepo.url}`);
  return env;
}

/** Stop every process of the environment described in state.json. */
export async function stopEnv(log: (m: string) => void): Promise<void> {
  if (!fs.existsSync(stateFile())) return;
  const env = JSON.parse(fs.readFileSync(stateFile(), "utf8")) as LocalEnv;
  await Promise.all([stopCluster(env.cluster), stopRegistry(env.registry), stopProcess(env.chartRepo.process)]);
  fs.rmSync(stateFile());
  log("local cluster, registry and chart repository stopped");
}
