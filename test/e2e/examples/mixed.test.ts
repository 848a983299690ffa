/**
 * examples/mixed end to end with the real pulumi CLI and the real kubernetes resource plugin: releases next to
 * @pulumi/kubernetes resources (a Provider from a kubeconfig Output, the Namespaces the releases go into, a Secret a
 * chart consumes by name, a ConfigMap made from a release's outputs) and a Helmfile into a Namespace of its own.
 */
import { kubeGet, kubeRequest } from "../../harness/kube";
import { testbed } from "../../harness/testbed";
import { requireTool, toolPaths } from "../../harness/tools";
import { exampleStack } from "../stack";
import { apiGet, configMapData, expectNoChanges, releaseSummary, stackEnv, stopwatch, summary } from "./cluster";

const ns = "mixed-e2e";
const toolsNs = `${ns}-tools`;
type Meta = { metadata: { labels?: Record<string, string>; managedFields?: { manager: string; fieldsV1: unknown }[] } };
type Deployment = { spec: { template: { spec: { containers: { env?: { name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[] }[] } } } };

/** What no pulumi command of this stack may print: a plugin-version mismatch, an ambient plugin, the password. */
function expectClean(out: { stdout: string; stderr: string }, password?: string): void {
  const text = out.stdout + out.stderr;
  expect(text).not.toMatch(/expected to have version|from \$PATH/);
  if (password) expect(text).not.toContain(password);
}

describe("examples/mixed: releases with @pulumi/kubernetes resources", () => {
  test("preview, up, no-change preview, an edit with --diff, up, refresh after an out-of-band change, destroy", async () => {
    requireTool(toolPaths().k8sPlugin, "the kubernetes resource plugin");
    const { registry, cluster } = testbed();
    const clock = stopwatch();
    const stack = await exampleStack("mixed", stackEnv());
    await stack.config({ registry: registry.host, kubeconfigPath: cluster.kubeconfig, namespace: ns, greeting: "app" });

    // preview: everything to create, nothing in the cluster yet
    const preview = await clock.step("preview", () => stack.ok(["preview", "--diff"]));
    expectClean(preview);
    // stack, cluster, password, k8s provider, 2 namespaces, secret, 2 releases, configmap, Helmfile + its release
    expect(summary(preview.stdout)["to create"]).toBe(12);
    expect(await apiGet(`/api/v1/namespaces/${ns}`)).toBeUndefined();

    const up = await clock.step("up", () => stack.ok(["up", "--yes", "--skip-preview"]));
    // the namespaces are @pulumi/kubernetes's (its managed-by label), not helm's --create-namespace
    // the namespaces are @pulumi/kubernetes's: its field manager applied their labels
    for (const [n, label] of [[ns, "team"], [toolsNs, "purpose"]]) {
      const { metadata } = (await kubeGet<Meta>(cluster, `/api/v1/namespaces/${n}`)) ?? { metadata: {} };
      expect(metadata.labels?.[label]).toBeDefined();
      expect(metadata.managedFields?.find((f) => f.manager.startsWith("pulumi-kubernetes"))?.fieldsV1).toEqual({ "f:metadata": { "f:labels": { [`f:${label}`]: {} } } });
    }
    expect(releaseSummary(ns)).toEqual(["app:deployed:1", "database:deployed:1"]);
    expect(releaseSummary(toolsNs)).toEqual(["metrics:deployed:1"]);
    expect(await configMapData(toolsNs, "metrics-config")).toEqual({ greeting: "metrics" });
    // the Secret made by @pulumi/kubernetes from the generated password; the chart's Deployment reads it by name
    const secret = await kubeGet<{ data: Record<string, string>; metadata: Meta["metadata"] }>(cluster, `/api/v1/namespaces/${ns}/secrets/database-credentials`);
    const password = Buffer.from(secret?.data.password ?? "", "base64").toString();
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const deployment = await kubeGet<Deployment>(cluster, `/apis/apps/v1/namespaces/${ns}/deployments/database`);
    expect(deployment?.spec.template.spec.containers[0].env).toEqual([{ name: "PASSWORD", valueFrom: { secretKeyRef: { name: "database-credentials", key: "password" } } }]);
    // the ConfigMap made from the database release's outputs; the app release fed by them
    expect(await configMapData(ns, "database-info")).toEqual({ release: `${ns}/database`, revision: "1", status: "deployed", objects: "ConfigMap/database-config,Deployment/database" });
    expect(await configMapData(ns, "app-config")).toEqual({ greeting: "app talking to database revision 1", databaseObjects: "ConfigMap/database-config,Deployment/database" });
    expect(await stack.outputs()).toMatchObject({ appStatus: "deployed", databaseDeployment: ["database"], databaseInfoName: "database-info" });
    const state = await stack.exportState();
    // the Helmfile's dependsOn reached its release: the release depends on the tools Namespace
    const resources = (JSON.parse(state) as { deployment: { resources: { urn: string; dependencies?: string[] }[] } }).deployment.resources;
    const metrics = resources.find((r) => r.urn.endsWith(`HelmRelease::tools:${toolsNs}/metrics`));
    expect(metrics?.dependencies).toContain(resources.find((r) => r.urn.endsWith("kubernetes:core/v1:Namespace::tools"))?.urn);
    expect(state).not.toContain(password);
    expect(state).not.toContain(cluster.token);
    expectClean(up, password);

    expectClean({ stdout: await clock.step("preview (no changes)", () => expectNoChanges(stack)), stderr: "" }, password);

    // one edit: the app's greeting; only the app release changes, and the diff shows its ConfigMap's field
    await stack.config({ greeting: "hola" });
    const diff = await clock.step("preview --diff", () => stack.ok(["preview", "--diff"]));
    expectClean(diff, password);
    expect(summary(diff.stdout)["to update"]).toBe(1);
    expect(diff.stdout).toMatch(new RegExp(`~ v1/ConfigMap/${ns}/app-config\\s*:\\s*\\{[^}]*~ data\\s*:\\s*\\{[^}]*~ greeting\\s*:\\s*"app talking to database revision 1"\\s*=>\\s*"hola talking to database revision 1"`));
    expect(diff.stdout.split("\n").filter((l) => l.includes("=>") && !/greeting/.test(l))).toEqual([]);
    const up2 = await clock.step("up (edit)", () => stack.ok(["up", "--yes", "--skip-preview"]));
    expectClean(up2, password);
    expect(summary(up2.stdout).updated).toBe(1);
    expect(releaseSummary(ns)).toEqual(["app:deployed:2", "database:deployed:1"]);
    expect((await configMapData(ns, "app-config"))?.greeting).toBe("hola talking to database revision 1");

    // an out-of-band edit of the @pulumi/kubernetes ConfigMap: refresh takes it into state, the next up puts it back
    const path = `/api/v1/namespaces/${ns}/configmaps/database-info`;
    const cm = await kubeGet<{ data: Record<string, string> }>(cluster, path);
    await kubeRequest(cluster, "PUT", path, { ...cm, data: { ...cm?.data, revision: "tampered" } });
    const refresh = await clock.step("refresh", () => stack.ok(["refresh", "--yes", "--skip-preview"]));
    expectClean(refresh, password);
    expect(summary(refresh.stdout).updated).toBe(1);
    await clock.step("up (converge)", () => stack.ok(["up", "--yes", "--skip-preview"]));
    expect((await configMapData(ns, "database-info"))?.revision).toBe("1");
    await clock.step("preview (no changes after converge)", () => expectNoChanges(stack));

    // destroy: the releases, then the Secret and the Namespaces, all gone
    const destroy = await clock.step("destroy", () => stack.ok(["destroy", "--yes", "--skip-preview"]));
    expectClean(destroy, password);
    expect(releaseSummary(ns)).toEqual([]);
    expect(releaseSummary(toolsNs)).toEqual([]);
    for (const n of [ns, toolsNs]) expect(await apiGet(`/api/v1/namespaces/${n}`)).toBeUndefined();
    process.stderr.write(`[mixed] ${clock.report()}\n`);
  }, 600_000);
});
