/**
 * `pulumi-helmfile template … | kubectl apply --dry-run=client -f -` on a file whose OCI chart is downloaded (a cold
 * cache): stdout carries only manifests, so kubectl (built at the cluster's version) accepts them.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { tempDir, testbed } from "../../harness/testbed";
import { repoRoot, requireTool, toolPaths } from "../../harness/tools";

test("template output pipes into kubectl apply --dry-run=client", () => {
  const { registry, cluster } = testbed();
  const dir = tempDir("cli-kubectl");
  const file = path.join(dir, "helmfile.yaml");
  fs.writeFileSync(file, ["releases:", "  - name: piped", "    namespace: default", `    chart: oci://${registry.host}/charts/web`, "    version: 0.1.0", ""].join("\n"));
  const env = { ...process.env, PULUMI_HELMFILE_HELM: toolPaths().helm4, PULUMI_HELMFILE_CACHE_DIR: path.join(dir, "cache"), NODE_OPTIONS: "" };
  const template = spawnSync(process.execPath, [path.join(repoRoot, "dist", "sdk", "cli", "main.js"), "template", "-f", file, "--oci-plain-http"], { env, encoding: "utf8" });
  expect(template.status).toBe(0);
  expect(template.stderr).toMatch(/cached web@0\.1\.0/); // the download happened, and its progress went to stderr
  const kubectl = spawnSync(requireTool(toolPaths().kubectl, "kubectl"), ["apply", "--dry-run=client", "-f", "-", "--kubeconfig", cluster.kubeconfig], { input: template.stdout, encoding: "utf8" });
  expect({ status: kubectl.status, stderr: kubectl.stderr }).toEqual({ status: 0, stderr: "" });
  expect(kubectl.stdout).toMatch(/configmap\/piped-config created \(dry run\)/);
});
