/** Release `dependencies:` installed through a real `pulumi up`: the subcharts' objects (alias included: helm names an aliased subchart after its alias, as `helmfile template` shows) are in the cluster. */
import * as fs from "node:fs";
import { kubeGet } from "../harness/kube";
import { tempDir, testbed } from "../harness/testbed";
import { helmBinaries } from "../harness/tools";
import { fixtureStack } from "./stack";

test("a release with ad-hoc dependencies installs the dependency charts with their values; a no-change preview stays quiet; destroy removes them", async () => {
  const { cluster } = testbed();
  const ns = "deps-install";
  const stack = await fixtureStack("helmfile-dependencies", { PULUMI_HELMFILE_HELM: helmBinaries()[0].path, PULUMI_HELMFILE_CACHE_DIR: tempDir("cache"), DEPS_NS: ns });
  await stack.secret("kubeconfig", fs.readFileSync(cluster.kubeconfig, "utf8"));
  await stack.ok(["up", "--yes", "--skip-preview"]);
  const cm = async (name: string) => (await kubeGet<{ data: Record<string, string> }>(cluster, `/api/v1/namespaces/${ns}/configmaps/${name}`))?.data.greeting;
  expect([await cm("app-base"), await cm("app-extra-extra"), await cm("app-second-second")]).toEqual(["from-base", "from-extra", "from-second"]);
  expect((await stack.run(["preview", "--expect-no-changes"])).code).toBe(0);
  await stack.ok(["destroy", "--yes", "--skip-preview"]);
  expect(await cm("app-base")).toBeUndefined();
}, 600_000);
