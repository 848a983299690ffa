/**
 * examples/from-helmfile end to end with the real pulumi CLI, `prod` environment (test/e2e/helmfile.test.ts covers dev
 * and edits that add, remove and uninstall releases): the helmfile's requiredEnv, preview, up, no-change preview, an
 * environment-file edit with an object-level diff, up, refresh, destroy.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { testbed } from "../../harness/testbed";
import { exampleStack } from "../stack";
import { configMapData, expectNoChanges, helmList, releaseSummary, stackEnv, stopwatch, summary } from "./cluster";

const ns = "platform-prod";

describe("examples/from-helmfile", () => {
  test("prod: requiredEnv, preview, up, no-change preview, environment edit diff, up, refresh, destroy", async () => {
    const { registry, cluster } = testbed();
    const clock = stopwatch();
    const stack = await exampleStack("from-helmfile", stackEnv({ TEAM: "payments" }));
    await stack.config({ registry: registry.host, environment: "prod" });
    await stack.secret("kubeconfig", fs.readFileSync(cluster.kubeconfig, "utf8"));

    // the helmfile's requiredEnv "TEAM" is enforced as under helmfile itself
    delete stack.env.TEAM;
    const noTeam = await clock.step("preview without TEAM", () => stack.run(["preview"]));
    expect(noTeam.code).not.toBe(0);
    expect(noTeam.stdout + noTeam.stderr).toMatch(/TEAM/);
    stack.env.TEAM = "payments";

    // preview: three creates (api, worker, and metrics from the sub-helmfile), prod values; nothing installed yet
    const preview = await clock.step("preview", () => stack.ok(["preview", "--diff"]));
    expect(summary(preview.stdout)["to create"]).toBe(5); // 3 releases + the Helmfile component + the stack
    for (const n of ["api", "worker", "metrics"]) expect(preview.stdout).toContain(`v1/ConfigMap/${ns}/${n}-config`);
    expect(preview.stdout).toContain('"hello from prod"');
    expect(helmList(ns)).toEqual([]);

    // up: prod's namespace, values and replicas; needs (worker after api) respected
    await clock.step("up", () => stack.ok(["up", "--yes", "--skip-preview"]));
    expect(releaseSummary(ns)).toEqual(["api:deployed:1", "metrics:deployed:1", "worker:deployed:1"]);
    // (Not `helmList("platform-dev")` empty: test/e2e/helmfile.test.ts deploys the dev environment into the shared
    // cluster at the same time. The stack's own release list below shows that nothing went elsewhere.)
    expect(await configMapData(ns, "api-config")).toEqual({ greeting: "hello from prod", managedBy: "pulumi-helmfile" });
    expect(await configMapData(ns, "worker-config")).toEqual({ greeting: "worker in prod", team: "payments", replicas: "3", managedBy: "pulumi-helmfile" });
    expect(await configMapData(ns, "metrics-config")).toEqual({ greeting: "metrics" });
    const listed = Object.fromEntries(helmList(ns).map((r) => [r.name, r.updated]));
    expect(listed.api < listed.worker).toBe(true);
    expect((await stack.outputs()).releases).toEqual([`${ns}/api`, `${ns}/metrics`, `${ns}/worker`].sort());

    // a second preview: no changes
    await clock.step("preview (no changes)", () => expectNoChanges(stack));

    // one edit of the prod environment file: api's ConfigMap greeting, nothing else
    const envFile = path.join(stack.dir, "environments", "prod.yaml");
    fs.writeFileSync(envFile, fs.readFileSync(envFile, "utf8").replace("hello from prod", "hello from prod, v2"));
    const diff = await clock.step("preview --diff", () => stack.ok(["preview", "--diff"]));
    expect(summary(diff.stdout)["to update"]).toBe(1);
    expect(diff.stdout).toMatch(new RegExp(`~ v1/ConfigMap/${ns}/api-config\\s*:\\s*\\{[^}]*~ data\\s*:\\s*\\{\\s*~ greeting\\s*:\\s*"hello from prod"\\s*=>\\s*"hello from prod, v2"`));
    expect(diff.stdout.split("\n").filter((l) => l.includes("=>") && !/greeting/.test(l))).toEqual([]);

    await clock.step("up (edit)", () => stack.ok(["up", "--yes", "--skip-preview"]));
    expect(releaseSummary(ns)).toEqual(["api:deployed:2", "metrics:deployed:1", "worker:deployed:1"]);
    expect((await configMapData(ns, "api-config"))?.greeting).toBe("hello from prod, v2");

    // refresh: no drift; the state matches helm's records
    const refresh = await clock.step("refresh", () => stack.ok(["refresh", "--yes", "--skip-preview"]));
    expect(refresh.stdout).not.toMatch(/changed outside Pulumi/);
    const states = await stack.resourceOutputs(":HelmRelease");
    expect(states.map((s) => `${String(s.name)}:${String(s.status)}:${String(s.revision)}:${String(s.drift)}`).sort()).toEqual(["api:deployed:2:", "metrics:deployed:1:", "worker:deployed:1:"]);
    await clock.step("preview after refresh", () => expectNoChanges(stack));

    await clock.step("destroy", () => stack.ok(["destroy", "--yes", "--skip-preview"]));
    expect(helmList(ns)).toEqual([]);
    for (const n of ["api", "worker", "metrics"]) expect(await configMapData(ns, `${n}-config`)).toBeUndefined();
    expect(await stack.resourceOutputs(":HelmRelease")).toEqual([]);
    process.stderr.write(`[from-helmfile] ${clock.report()}\n`);
  }, 420_000);
});
