import * as fs from "node:fs";
import { execFileSync, spawn } from "node:child_process";
import { fixtureChart, pushChart } from "../harness/charts";
import { isolatedHelmEnv } from "../harness/helm-env";
import { kubeGet, waitFor } from "../harness/kube";
import { countManifestPulls } from "../harness/registry";
import { tempDir, testbed } from "../harness/testbed";
import { helmBinaries } from "../harness/tools";
import { fixtureStack, TestStack } from "./stack";

describe.each(helmBinaries())("HelmRelease failures and scale with helm v$major", ({ major, path: realHelm }) => {
  let chart: string;
  let repo: string;
  let helmEnv: NodeJS.ProcessEnv;

  beforeAll(async () => {
    const { registry } = testbed();
    repo = `faults-v${major}-${Date.now().toString(36)}`;
    await pushChart(realHelm, registry, fixtureChart("web"), ["0.1.0"], repo);
    chart = `oci://${registry.host}/${repo}/web`;
    helmEnv = { ...process.env, ...isolatedHelmEnv(tempDir("oob")) };
  });

  const kube = () => ["--kubeconfig", testbed().cluster.kubeconfig];
  const helm = (args: string[]) => execFileSync(realHelm, [...args, ...kube()], { env: helmEnv, encoding: "utf8" });
  const history = (ns: string) => JSON.parse(helm(["history", "web", "-n", ns, "-o", "json"])) as { revision: number; status: string }[];
  const greeting = async (ns: string) =>
    (await kubeGet<{ data: Record<string, string> }>(testbed().cluster, `/api/v1/namespaces/${ns}/configmaps/web-config`))?.data.greeting;

  async function deployedStack(ns: string): Promise<TestStack> {
    const stack = await fixtureStack("release", { PULUMI_HELMFILE_HELM: realHelm, PULUMI_HELMFILE_CACHE_DIR: tempDir("cache") });
    await stack.config({ namespace: ns, chart, greeting: "v1" });
    await stack.secret("kubeconfig", fs.readFileSync(testbed().cluster.kubeconfig, "utf8"));
    await stack.ok(["up", "--yes", "--skip-preview"]);
    return stack;
  }

  test("a release failing readiness under atomic is rolled back; the up fails naming the release and the cause", async () => {
    const ns = `atomic-v${major}`;
    const stack = await deployedStack(ns);
    await stack.config({ greeting: "v2", deployment: true, unschedulable: true, wait: true, atomic: true, timeout: 8 });
    const failed = await stack.run(["up", "--yes", "--skip-preview"]);
    expect(failed.code).not.toBe(0);
    const text = failed.stdout + failed.stderr;
    expect(text).toMatch(new RegExp(`release ${ns}/web: helm upgrade failed`));
    expect(text).toMatch(/roll(ed)? ?back|rollback/i);
    expect(text).toMatch(/command: \S*helm upgrade --install web/);
    expect(await greeting(ns)).toBe("v1");
    const h = history(ns);
    expect(h[h.length - 1].status).toBe("deployed");
    // The resource stays in the state; fixing the input converges.
    await stack.config({ deployment: false, unschedulable: false, wait: false });
    await stack.ok(["up", "--yes", "--skip-preview"]);
    expect(await greeting(ns)).toBe("v2");
  });

  test("a release stuck in pending-upgrade: a clear error naming recoverPending, then recovery with recoverPending: true", async () => {
    const ns = `pending-v${major}`;
    const stack = await deployedStack(ns);
    await leavePending(ns, "upgrade");

    await stack.config({ greeting: "v3" });
    const refused = await stack.run(["up", "--yes", "--skip-preview"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toMatch(new RegExp(`release ${ns}/web is stuck in 'pending-upgrade'.*recoverPending: true`, "s"));
    expect(await greeting(ns)).toBe("v1");

    await stack.config({ recoverPending: true });
    const recovered = await stack.ok(["up", "--yes", "--skip-preview"]);
    expect(recovered.stdout).toMatch(/rolling back to revision 1 \(recoverPending\)/);
    expect(await greeting(ns)).toBe("v3");
    const h = history(ns);
    expect(h[h.length - 1].status).toBe("deployed");
  });

  /** Start `helm <verb>` of a never-ready Deployment with --wait and kill it hard mid-wait: the release stays pending-<verb>. */
  async function leavePending(ns: string, verb: "install" | "upgrade"): Promise<void> {
    const wait = major === 4 ? ["--wait=watcher"] : ["--wait"];
    const args = verb === "install" ? ["install", "web", chart, "--create-namespace"] : ["upgrade", "web", chart, "--reuse-values"];
    const child = spawn(realHelm, [...args, "--version", "0.1.0", "--plain-http", "-n", ns, "--set", "deployment.enabled=true",
      "--set-string", "deployment.nodeSelector.nowhere=true", ...wait, "--timeout", "300s", ...kube()], { env: helmEnv, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    await waitFor(`pending-${verb}`, async () => history(ns).some((h) => h.status === `pending-${verb}`), 60_000).catch((e: Error) => {
      throw new Error(`${e.message}; helm ${verb} said: ${stderr}`);
    });
    child.kill("SIGKILL");
    await new Promise((r) => child.on("close", r));
  }

  test("a release stuck in pending-install before its first up (nobody's): refused naming adopt, then naming recoverPending, then recoverPending uninstalls and installs", async () => {
    const ns = `pending-install-v${major}`;
    await leavePending(ns, "install");
    const stack = await fixtureStack("release", { PULUMI_HELMFILE_HELM: realHelm, PULUMI_HELMFILE_CACHE_DIR: tempDir("cache") });
    await stack.config({ namespace: ns, chart, greeting: "fresh" });
    await stack.secret("kubeconfig", fs.readFileSync(testbed().cluster.kubeconfig, "utf8"));
    const notOurs = await stack.run(["up", "--yes", "--skip-preview"]);
    expect(notOurs.code).not.toBe(0);
    expect(notOurs.stdout + notOurs.stderr).toMatch(new RegExp(`release ${ns}/web already exists \\(revision 1, chart web-0\\.1\\.0, status pending-install\\).*adopt: true`, "s"));
    expect(history(ns).map((h) => h.status)).toEqual(["pending-install"]);

    await stack.config({ adopt: "true" });
    const refused = await stack.run(["up", "--yes", "--skip-preview"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toMatch(new RegExp(`release ${ns}/web is stuck in 'pending-install'.*recoverPending: true`, "s"));
    expect(history(ns).map((h) => h.status)).toEqual(["pending-install"]);

    await stack.config({ recoverPending: true });
    const recovered = await stack.ok(["up", "--yes", "--skip-preview"]);
    expect(recovered.stdout).toMatch(/was never deployed: uninstalling it \(recoverPending\)/);
    expect(await greeting(ns)).toBe("fresh");
    expect(history(ns).map((h) => h.status)).toEqual(["deployed"]);
    await stack.ok(["destroy", "--yes", "--skip-preview"]);
  });

  test("20 releases of one OCI chart in one up cause one pull at the registry", async () => {
    const { registry } = testbed();
    const ns = `twenty-v${major}`;
    const stack = await fixtureStack("release", { PULUMI_HELMFILE_HELM: realHelm, PULUMI_HELMFILE_CACHE_DIR: tempDir("cache") });
    await stack.config({ namespace: ns, chart, count: 20 });
    await stack.secret("kubeconfig", fs.readFileSync(testbed().cluster.kubeconfig, "utf8"));
    const before = countManifestPulls(registry, `${repo}/web`);
    await stack.ok(["up", "--yes"]);
    expect(countManifestPulls(registry, `${repo}/web`) - before).toBe(1);
    const list = JSON.parse(helm(["list", "-n", ns, "-o", "json"])) as { name: string; status: string }[];
    expect(list).toHaveLength(20);
    expect(list.every((r) => r.status === "deployed")).toBe(true);
    await stack.ok(["destroy", "--yes", "--skip-preview"]);
    expect(JSON.parse(helm(["list", "-n", ns, "-o", "json"]))).toEqual([]);
  }, 420_000);
});
