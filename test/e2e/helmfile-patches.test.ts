/**
 * Patched releases through a real `pulumi up` (helm 4 and 3, kustomize v5.8.0): the live objects carry the patches (read
 * through the API) and helm's record is a normal release; editing a patch shows as an object-level change in
 * `pulumi preview --diff` and `up` applies it; a no-change preview starts no helm or kustomize process and pulls
 * nothing; what helm installed is byte-identical to helmfile v1.8.0's `template` of the same file; a directory of
 * manifests becomes a release; destroy removes everything.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { execFileSync } from "node:child_process";
import { isolatedHelmEnv } from "../harness/helm-env";
import { helmCounter } from "../harness/helm-counter";
import { kubeGet } from "../harness/kube";
import { countManifestPulls } from "../harness/registry";
import { tempDir, testbed } from "../harness/testbed";
import { helmBinaries, requireTool, toolPaths } from "../harness/tools";
import { fixtureStack } from "./stack";

test.each(helmBinaries())("patched release (helm $major): installed patched, an edited patch previews per object and applies, a no-change preview runs nothing", async ({ major, path: helmPath }) => {
  const { cluster, registry } = testbed();
  const ns = `patches-e2e-${major}`;
  const helm = helmCounter(tempDir("helm-counter"), helmPath);
  const kustomize = helmCounter(tempDir("kustomize-counter"), requireTool(toolPaths().kustomize, "kustomize"));
  const stack = await fixtureStack("helmfile-patches", {
    PULUMI_HELMFILE_HELM: helm.binary, PULUMI_HELMFILE_KUSTOMIZE: kustomize.binary, PULUMI_HELMFILE_CACHE_DIR: tempDir("cache"), PATCH_NS: ns, REGISTRY: registry.host,
  });
  await stack.secret("kubeconfig", fs.readFileSync(cluster.kubeconfig, "utf8"));
  await stack.ok(["up", "--yes"]);
  const deploy = () => kubeGet<{ spec: { replicas: number } }>(cluster, `/apis/apps/v1/namespaces/${ns}/deployments/patched`);
  const config = async () => (await kubeGet<{ data: Record<string, string> }>(cluster, `/api/v1/namespaces/${ns}/configmaps/patched-config`))?.data;
  expect((await deploy())?.spec.replicas).toBe(3);
  expect(await config()).toEqual({ greeting: "hello", patched: "by-smp" });
  expect((await kubeGet<{ data: Record<string, string> }>(cluster, `/api/v1/namespaces/${ns}/configmaps/plain-manifest`))?.data).toEqual({ from: "a directory of manifests" });
  // helm's record is a normal release of the chart (the chart's name and version), with the patched manifest.
  const records = await kubeGet<{ items: { metadata: { name: string; labels: Record<string, string> } }[] }>(cluster, `/api/v1/namespaces/${ns}/secrets?labelSelector=owner%3Dhelm`);
  expect(records?.items.map((s) => `${s.metadata.labels.name}:${s.metadata.labels.status}`).sort()).toEqual(["manifests:deployed", "patched:deployed"]);

  // What was installed is what `helmfile template` of the same file prints for that release (helmfile v1.8.0, chartify).
  const env = { ...process.env, ...isolatedHelmEnv(tempDir("patches-helm")), PATCH_NS: ns, REGISTRY: registry.host, PATH: `${path.dirname(toolPaths().kustomize)}${path.delimiter}${process.env.PATH ?? ""}` };
  const helmfileTemplate = execFileSync(requireTool(toolPaths().helmfile, "helmfile"), ["--helm-binary", helmPath, "template", "-f", path.join(stack.dir, "helmfile.yaml.gotmpl"), "-l", "name=patched"], { env, encoding: "utf8" });
  const installed = execFileSync(helmPath, ["get", "manifest", "patched", "-n", ns, "--kubeconfig", cluster.kubeconfig], { env, encoding: "utf8" });
  expect(installed).toContain("replicas: 3");
  // helm 4's `get manifest` ends with one more newline than its `template`; helm 3's prints the same bytes.
  expect(installed).toBe(major === 4 ? `${helmfileTemplate}\n` : helmfileTemplate);

  // A no-change preview: no helm, no kustomize, no pull.
  helm.reset();
  kustomize.reset();
  const pulls = countManifestPulls(registry, "charts/web");
  expect((await stack.run(["preview", "--expect-no-changes"])).code).toBe(0);
  expect([helm.calls(), kustomize.calls(), countManifestPulls(registry, "charts/web") - pulls]).toEqual([[], [], 0]);

  // Edit a patch as a platform engineer would: the preview shows the object's field; up applies it.
  const file = path.join(stack.dir, "helmfile.yaml.gotmpl");
  fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("value: 3}", "value: 4}"));
  const preview = await stack.ok(["preview", "--diff"]);
  expect(preview.stdout).toMatch(/replicas\s*:\s*3\s*=>\s*4/);
  await stack.ok(["up", "--yes"]);
  expect((await deploy())?.spec.replicas).toBe(4);
  expect((await stack.run(["preview", "--expect-no-changes"])).code).toBe(0);

  await stack.ok(["destroy", "--yes"]);
  expect(await deploy()).toBeUndefined();
  expect(await config()).toBeUndefined();
}, 600_000);
