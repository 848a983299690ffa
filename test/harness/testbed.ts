/**
 * The shared testbed of a test run: one cluster (with controllers and kwok) and one OCI registry holding the
 * fixture charts, started by jest's global setup and described to test files through a JSON file.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Cluster, startCluster, stopCluster } from "./cluster";
import { pushChart, fixtureChart } from "./charts";
import { Registry, startRegistry, stopRegistry } from "./registry";
import { toolPaths } from "./tools";

/** What test files get from `testbed()`. */
export interface TestbedState {
  dir: string;
  /** Absent only when PULUMI_HELMFILE_TESTBED_CLUSTER=0 (a development shortcut for registry-only tests). */
  cluster: Cluster;
  registry: Registry;
}

const STATE_ENV = "PULUMI_HELMFILE_TESTBED";

/** Start the shared testbed (jest global setup). Charts: oci://<registry>/charts/web at 0.1.0 and 0.2.0. */
export async function startTestbed(): Promise<TestbedState> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "phf-testbed-"));
  const t0 = Date.now();
  const withCluster = process.env.PULUMI_HELMFILE_TESTBED_CLUSTER !== "0";
  const [cluster, registry] = await Promise.all([
    withCluster ? startCluster({ dir: path.join(dir, "cluster") }) : (undefined as unknown as Cluster),
    startRegistry({ dir: path.join(dir, "registry") }),
  ]);
  await pushChart(toolPaths().helm4, registry, fixtureChart("web"), ["0.1.0", "0.2.0"]);
  const state: TestbedState = { dir, cluster, registry };
  const file = path.join(dir, "testbed.json");
  fs.writeFileSync(file, JSON.stringify(state, null, 2));
  process.env[STATE_ENV] = file;
  process.stderr.write(`\n[testbed] cluster ${cluster?.server ?? "(not started)"} and registry ${registry.host} ready in ${Date.now() - t0} ms (${dir})\n`);
  return state;
}

/** Stop what startTestbed started and remove its directory (unless PULUMI_HELMFILE_KEEP_TESTBED is set). */
export async function stopTestbed(): Promise<void> {
  const file = process.env[STATE_ENV];
  if (!file || !fs.existsSync(file)) return;
  const state = JSON.parse(fs.readFileSync(file, "utf8")) as TestbedState;
  await Promise.all([state.cluster ? stopCluster(state.cluster) : undefined, stopRegistry(state.registry)]);
  if (!process.env.PULUMI_HELMFILE_KEEP_TESTBED) fs.rmSync(state.dir, { recursive: true, force: true });
}

/** The shared testbed, for test files. */
export function testbed(): TestbedState {
  const file = process.env[STATE_ENV];
  if (!file) throw new Error(`${STATE_ENV} is not set: run the suite with jest (its global setup starts the testbed)`);
  return JSON.parse(fs.readFileSync(file, "utf8")) as TestbedState;
}

/** A fresh private temp directory for one test: ./temp.ts (removed with the run's root at teardown). */
export { tempDir } from "./temp";
