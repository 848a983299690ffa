import * as fs from "node:fs";
import { kubeGet } from "../harness/kube";
import { tempDir, testbed } from "../harness/testbed";
import { toolPaths } from "../harness/tools";
import { exampleStack } from "./stack";

describe("examples/mixed: releases with other resources", () => {
  test("kubeconfig from another resource's secret output, a generated password as a secret value, outputs feeding a release", async () => {
    const { registry, cluster } = testbed();
    const stack = await exampleStack("mixed", { PULUMI_HELMFILE_HELM: toolPaths().helm4, PULUMI_HELMFILE_CACHE_DIR: tempDir("cache") });
    await stack.config({ registry: registry.host, kubeconfigPath: cluster.kubeconfig, namespace: "mixed-e2e" });
    const up = await stack.ok(["up", "--yes"]);
    const secret = await kubeGet<{ data: Record<string, string> }>(cluster, "/api/v1/namespaces/mixed-e2e/secrets/database-credentials");
    const password = Buffer.from(secret?.data.password ?? "", "base64").toString();
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const app = await kubeGet<{ data: Record<string, string> }>(cluster, "/api/v1/namespaces/mixed-e2e/configmaps/app-config");
    expect(app?.data.greeting).toBe("app talking to database revision 1");
    // helm orders objects by kind: Secrets before ConfigMaps
    expect(app?.data.databaseObjects).toBe("Secret/database-credentials,ConfigMap/database-config");
    const state = await stack.exportState();
    expect(state).not.toContain(password);
    expect(state).not.toContain(cluster.token);
    const preview = await stack.run(["preview", "--diff", "--expect-no-changes"]);
    expect(preview.code).toBe(0);
    for (const out of [up, preview]) expect(out.stdout + out.stderr).not.toContain(password);
    expect((await stack.outputs()).databaseSecret).toEqual(["database-credentials"]);
    await stack.ok(["destroy", "--yes"]);
    expect(await kubeGet(cluster, "/api/v1/namespaces/mixed-e2e/configmaps/app-config")).toBeUndefined();
  }, 600_000);
});
