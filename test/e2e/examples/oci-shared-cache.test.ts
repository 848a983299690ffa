/**
 * examples/oci-shared-cache end to end with the real pulumi CLI: 30 HelmReleases of one OCI chart, whose `pulls`
 * output is read by the program from the registry's access log. The chart is pushed to a repository of its own so
 * pulls by other tests running in parallel do not count.
 */
import * as fs from "node:fs";
import { fixtureChart, pushChart } from "../../harness/charts";
import { countManifestPulls } from "../../harness/registry";
import { testbed } from "../../harness/testbed";
import { exampleStack } from "../stack";
import { expectNoChanges, helmBin, helmList, releaseConfigMaps, stackEnv, stopwatch, summary } from "./cluster";

const N = 30;
const names = Array.from({ length: N }, (_, i) => `web-${String(i + 1).padStart(2, "0")}`);

describe("examples/oci-shared-cache", () => {
  test(`${N} releases of one OCI chart: one pull; preview, up, no-change preview, edit, up, refresh, destroy`, async () => {
    const { registry, cluster } = testbed();
    const clock = stopwatch();
    const ns = "oci-shared-cache";
    const repository = `shared-${Date.now().toString(36)}/web`;
    await pushChart(helmBin, registry, fixtureChart("web"), ["0.1.0"], repository.replace(/\/web$/, ""));
    const pulls = () => countManifestPulls(registry, repository, "0.1.0");
    expect(pulls()).toBe(0);

    const stack = await exampleStack("oci-shared-cache", stackEnv());
    await stack.config({ registry: registry.host, repository, namespace: ns, registryLog: registry.logFile });
    await stack.secret("kubeconfig", fs.readFileSync(cluster.kubeconfig, "utf8"));

    // preview: 30 creates, nothing in the cluster; rendering the previews needs the chart: at most one pull
    const preview = await clock.step("preview", () => stack.ok(["preview", "--diff"]));
    expect(summary(preview.stdout)["to create"]).toBe(N + 1); // + the stack
    expect(preview.stdout).toMatch(/v1\/ConfigMap\/oci-shared-cache\/web-01-config/);
    expect(helmList(ns)).toEqual([]);
    expect(pulls()).toBeLessThanOrEqual(1);

    // up: 30 deployed releases, 30 ConfigMaps, one pull seen by the registry — and reported by the program
    await clock.step("up", () => stack.ok(["up", "--yes", "--skip-preview"]));
    const listed = helmList(ns);
    expect(listed.map((r) => r.name)).toEqual(names);
    expect(listed.every((r) => r.status === "deployed" && String(r.revision) === "1" && r.chart === "web-0.1.0")).toBe(true);
    const cms = await releaseConfigMaps(ns);
    expect(Object.keys(cms).sort()).toEqual(names.map((n) => `${n}-config`));
    for (const n of names) expect(cms[`${n}-config`]).toEqual({ greeting: `hello from ${n}` });
    expect(pulls()).toBe(1);
    const outs = await stack.outputs();
    expect(outs.pulls).toBe(1);
    expect(outs.statuses).toEqual({ deployed: N });

    // a second preview: no changes
    await clock.step("preview (no changes)", () => expectNoChanges(stack));

    // one edit: every release's ConfigMap changes, field by field
    await stack.config({ greeting: "bonjour" });
    const diff = await clock.step("preview --diff", () => stack.ok(["preview", "--diff"]));
    expect(summary(diff.stdout)["to update"]).toBe(N);
    for (const n of names) {
      expect(diff.stdout).toContain(`v1/ConfigMap/${ns}/${n}-config`);
      expect(diff.stdout).toMatch(new RegExp(`greeting\\s*:\\s*"hello from ${n}"\\s*=>\\s*"bonjour from ${n}"`));
    }
    expect(diff.stdout.split("\n").filter((l) => l.includes("=>") && !/greeting/.test(l))).toEqual([]);
    expect(helmList(ns).every((r) => String(r.revision) === "1")).toBe(true);

    // up applies it: revision 2 everywhere, still one pull in total
    await clock.step("up (edit)", () => stack.ok(["up", "--yes", "--skip-preview"]));
    expect(helmList(ns).map((r) => `${r.name}:${r.status}:${r.revision}`)).toEqual(names.map((n) => `${n}:deployed:2`));
    const edited = await releaseConfigMaps(ns);
    for (const n of names) expect(edited[`${n}-config`]).toEqual({ greeting: `bonjour from ${n}` });
    expect(pulls()).toBe(1);
    expect((await stack.outputs()).pulls).toBe(1);

    // refresh: nothing drifted; the state keeps revision 2 of all 30
    const refresh = await clock.step("refresh", () => stack.ok(["refresh", "--yes", "--skip-preview"]));
    expect(refresh.stdout).not.toMatch(/changed outside Pulumi/);
    const states = await stack.resourceOutputs(":HelmRelease");
    expect(states).toHaveLength(N);
    expect(states.every((s) => s.status === "deployed" && s.revision === 2 && s.drift === "")).toBe(true);
    await clock.step("preview after refresh", () => expectNoChanges(stack));
    expect(pulls()).toBe(1);

    // destroy: every release uninstalled, every object gone
    await clock.step("destroy", () => stack.ok(["destroy", "--yes", "--skip-preview"]));
    expect(helmList(ns)).toEqual([]);
    expect(await releaseConfigMaps(ns)).toEqual({});
    expect(await stack.resourceOutputs(":HelmRelease")).toEqual([]);
    process.stderr.write(`[oci-shared-cache] ${clock.report()}\n`);
  }, 420_000);
});
