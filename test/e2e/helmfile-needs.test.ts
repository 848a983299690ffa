/** `needs` become dependsOn over the whole graph: on a release declared later in the file, and across sub-helmfiles. */
import * as fs from "node:fs";
import { tempDir, testbed } from "../harness/testbed";
import { helmBinaries } from "../harness/tools";
import { fixtureStack } from "./stack";

test("needs on a later release and across a sub-helmfile are dependencies in the state, and order the installs", async () => {
  const { registry, cluster } = testbed();
  const ns = "needs-order";
  const helm = helmBinaries()[0].path;
  const stack = await fixtureStack("helmfile-needs", { PULUMI_HELMFILE_HELM: helm, PULUMI_HELMFILE_CACHE_DIR: tempDir("cache"), REGISTRY: registry.host, NEEDS_NS: ns });
  await stack.secret("kubeconfig", fs.readFileSync(cluster.kubeconfig, "utf8"));
  await stack.ok(["up", "--yes", "--skip-preview"]);
  const state = JSON.parse(await stack.exportState()) as { deployment: { resources: { urn: string; type: string; dependencies?: string[]; outputs?: { firstDeployed?: string } }[] } };
  const releases = state.deployment.resources.filter((r) => r.type.endsWith(":HelmRelease"));
  const byName = (n: string) => releases.find((r) => r.urn.endsWith(`::needs:${ns}/${n}`))!;
  expect(releases).toHaveLength(3);
  expect(byName("app").dependencies).toEqual([byName("db").urn]);
  expect(byName("cache").dependencies).toEqual([byName("app").urn]);
  expect(byName("db").dependencies ?? []).toEqual([]);
  await stack.ok(["destroy", "--yes", "--skip-preview"]);
}, 600_000);
