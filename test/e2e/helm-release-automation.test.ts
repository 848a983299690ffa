import { execFile } from "node:child_process";
import * as path from "node:path";
import { automationWorkDir, pulumiEnv } from "../harness/pulumi-env";
import { kubeGet } from "../harness/kube";
import { tempDir, testbed } from "../harness/testbed";
import { repoRoot, toolPaths } from "../harness/tools";

describe("HelmRelease through the Automation API (inline program)", () => {
  test("up installs, preview shows no changes, destroy uninstalls", async () => {
    const { registry, cluster } = testbed();
    const { env } = pulumiEnv(tempDir("pulumi"), { PULUMI_HELMFILE_HELM: toolPaths().helm4, PULUMI_HELMFILE_CACHE_DIR: tempDir("cache") });
    const ns = "automation-e2e";
    const args = [path.join(repoRoot, "test", "fixtures", "pulumi", "release-automation.js"), automationWorkDir(tempDir("automation")), `oci://${registry.host}/charts/web`, ns, cluster.kubeconfig];
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, args, { cwd: repoRoot, env, timeout: 420_000 }, (err, out, stderr) => (err && !out ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(out))),
    );
    const r = JSON.parse(stdout.trim().split("\n").pop() as string) as Record<string, unknown>;
    expect(r.error).toBeUndefined();
    expect(r.up).toEqual({ create: 2 });
    expect(r.status).toBe("deployed");
    expect(r.revision).toBe(1);
    expect(r.preview).toEqual({ same: 2 });
    expect(r.destroy).toEqual({ delete: 2 });
    expect(await kubeGet(cluster, `/api/v1/namespaces/${ns}/configmaps/auto-config`)).toBeUndefined();
  }, 480_000);
});
