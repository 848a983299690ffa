/**
 * examples/quickstart end to end with the real pulumi CLI: three releases of one OCI chart (dependsOn ordering), a
 * classic-repository release (a chart repository started for the test), a local chart with a dependency.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { fixtureChart, pushChart } from "../../harness/charts";
import { ChartRepo, startChartRepo } from "../../harness/chart-repo";
import { countManifestPulls } from "../../harness/registry";
import { tempDir, testbed } from "../../harness/testbed";
import { exampleStack } from "../stack";
import { apiGet, configMapData, expectNoChanges, helm, helmBin, helmList, releaseSummary, stackEnv, stopwatch, summary } from "./cluster";

const ns = "quickstart-e2e";
const all = ["api", "frontend", "from-repo", "portal", "worker"].sort();

describe("examples/quickstart", () => {
  let repo: ChartRepo;
  beforeAll(async () => {
    repo = await startChartRepo({ dir: path.join(tempDir("qs-repo"), "charts"), charts: [fixtureChart("web")], helm: helmBin });
  });
  afterAll(async () => {
    await repo?.close();
  });

  test("preview, up, no-change preview, greeting edit with an object-level diff, up, refresh, destroy", async () => {
    const { registry, cluster } = testbed();
    const clock = stopwatch();
    const stack = await exampleStack("quickstart", stackEnv());
    // As in a clean checkout: the local chart's dependency archive is not committed (.gitignore), and a working tree
    // where the demo already ran would hold one (see local-chart-prebuilt.test.ts for that case).
    fs.rmSync(path.join(stack.dir, "charts", "portal", "charts"), { recursive: true, force: true });
    // The chart in a registry path of this test's own (`registry` is host[:port][/prefix]), so pulls by tests running in
    // parallel do not count.
    const prefix = `qs-${Date.now().toString(36)}`;
    await pushChart(helmBin, registry, fixtureChart("web"), ["0.1.0"], `${prefix}/charts`);
    const chartRepo = `${prefix}/charts/web`;
    expect(countManifestPulls(registry, chartRepo, "0.1.0")).toBe(0);
    await stack.config({ registry: `${registry.host}/${prefix}`, chartRepository: repo.url, namespace: ns, greeting: "hello from e2e" });
    await stack.secret("kubeconfig", fs.readFileSync(cluster.kubeconfig, "utf8"));

    // preview: five creates, per-object; nothing in the cluster yet
    const preview = await clock.step("preview", () => stack.ok(["preview", "--diff"]));
    expect(summary(preview.stdout)["to create"]).toBe(6); // 5 releases + the stack
    for (const obj of [`v1/ConfigMap/${ns}/api-config`, `v1/ConfigMap/${ns}/worker-config`, `v1/ConfigMap/${ns}/frontend-config`,
      `v1/ConfigMap/${ns}/from-repo-config`, `v1/ServiceAccount/${ns}/portal-portal`, `v1/ConfigMap/${ns}/portal-greeter`]) {
      expect(preview.stdout).toContain(obj);
    }
    expect(helmList(ns)).toEqual([]);

    // up: every release deployed, in dependsOn order; the objects exist with the configured values
    await clock.step("up", () => stack.ok(["up", "--yes", "--skip-preview"]));
    expect(releaseSummary(ns)).toEqual(all.map((n) => `${n}:deployed:1`));
    const listed = Object.fromEntries(helmList(ns).map((r) => [r.name, r]));
    expect(listed.api.chart).toBe("web-0.1.0");
    expect(listed["from-repo"].chart).toBe("web-0.1.0");
    expect(listed.portal.chart).toMatch(/^portal-/);
    const deployedAt = (n: string) => Date.parse(listed[n].updated.replace(/ \+0000 UTC$/, "Z").replace(" ", "T").replace(/(\.\d{3})\d*/, "$1"));
    expect(deployedAt("api")).toBeLessThan(deployedAt("worker")); // worker dependsOn api
    expect(deployedAt("worker")).toBeLessThan(deployedAt("frontend")); // frontend dependsOn api, worker
    expect(await configMapData(ns, "api-config")).toEqual({ greeting: "hello from e2e" });
    expect(await configMapData(ns, "worker-config")).toEqual({ greeting: "hello from worker", role: "worker" });
    expect(await configMapData(ns, "frontend-config")).toEqual({ greeting: "hello from frontend" });
    expect(await configMapData(ns, "from-repo-config")).toEqual({ greeting: "hello" });
    expect(await configMapData(ns, "portal-greeter")).toEqual({ message: "hi from a local chart" });
    expect(await apiGet(`/api/v1/namespaces/${ns}/serviceaccounts/portal-portal`)).toBeDefined();
    // three releases of the OCI chart: one pull; the classic repository served its chart archive
    expect(countManifestPulls(registry, chartRepo, "0.1.0")).toBe(1);
    expect(repo.count((p) => p.endsWith(".tgz"))).toBeGreaterThanOrEqual(1);
    const outs = await stack.outputs();
    expect(outs.releases).toEqual({ api: "deployed", worker: "deployed", frontend: "deployed", portal: "deployed", fromRepo: "deployed" });
    expect(outs.apiObjects).toEqual([{ apiVersion: "v1", kind: "ConfigMap", namespace: ns, name: "api-config" }]);

    // a second preview: no changes
    await clock.step("preview (no changes)", () => expectNoChanges(stack));

    // one edit: the api ConfigMap's greeting, and nothing else
    await stack.config({ greeting: "bonjour from e2e" });
    const diff = await clock.step("preview --diff", () => stack.ok(["preview", "--diff"]));
    expect(summary(diff.stdout)["to update"]).toBe(1);
    // under `rendered`, the api ConfigMap, its data, the greeting field
    expect(diff.stdout).toMatch(new RegExp(`~ rendered\\s*:\\s*\\{\\s*~ v1/ConfigMap/${ns}/api-config\\s*:\\s*\\{[^}]*~ data\\s*:\\s*\\{\\s*~ greeting\\s*:\\s*"hello from e2e"\\s*=>\\s*"bonjour from e2e"`));
    expect(diff.stdout.split("\n").filter((l) => l.includes("=>") && !/greeting/.test(l))).toEqual([]);
    expect(await configMapData(ns, "api-config")).toEqual({ greeting: "hello from e2e" });

    // up applies it: api at revision 2, the others untouched
    const up2 = await clock.step("up (edit)", () => stack.ok(["up", "--yes", "--skip-preview"]));
    expect(summary(up2.stdout).updated).toBe(1);
    expect(releaseSummary(ns)).toEqual(all.map((n) => `${n}:deployed:${n === "api" ? 2 : 1}`));
    expect(await configMapData(ns, "api-config")).toEqual({ greeting: "bonjour from e2e" });
    expect(await configMapData(ns, "worker-config")).toEqual({ greeting: "hello from worker", role: "worker" });

    // refresh after an out-of-band change: helm upgrade of worker by hand is reported, the next up converges back
    helm(["upgrade", "worker", `oci://${registry.host}/${chartRepo}`, "--version", "0.1.0", "--plain-http", "-n", ns, "--reuse-values", "--set", "greeting=tampered"]);
    const refresh = await clock.step("refresh", () => stack.ok(["refresh", "--yes", "--skip-preview"]));
    expect(refresh.stdout).toMatch(/changed outside Pulumi: revision 1 → 2/);
    const drift = (await stack.resourceOutputs(":HelmRelease")).filter((o) => o.drift);
    expect(drift.map((o) => o.name)).toEqual(["worker"]);
    expect(releaseSummary(ns)).toContain("worker:deployed:2");
    await clock.step("up (converge)", () => stack.ok(["up", "--yes", "--skip-preview"]));
    expect(releaseSummary(ns)).toContain("worker:deployed:3");
    expect(await configMapData(ns, "worker-config")).toEqual({ greeting: "hello from worker", role: "worker" });
    await clock.step("preview (no changes after converge)", () => expectNoChanges(stack));

    // destroy: every release and object gone
    await clock.step("destroy", () => stack.ok(["destroy", "--yes", "--skip-preview"]));
    expect(helmList(ns)).toEqual([]);
    for (const cm of ["api-config", "worker-config", "frontend-config", "from-repo-config", "portal-greeter"]) expect(await configMapData(ns, cm)).toBeUndefined();
    expect(await apiGet(`/api/v1/namespaces/${ns}/serviceaccounts/portal-portal`)).toBeUndefined();
    expect(await stack.resourceOutputs(":HelmRelease")).toEqual([]);
    process.stderr.write(`[quickstart] ${clock.report()}\n`);
  }, 420_000);
});
