import * as fs from "node:fs";
import * as path from "node:path";
import { execFileSync } from "node:child_process";
import { isolatedHelmEnv } from "../harness/helm-env";
import { kubeGet } from "../harness/kube";
import { tempDir, testbed } from "../harness/testbed";
import { toolPaths } from "../harness/tools";
import { exampleStack, fixtureStack } from "./stack";

const helmBin = toolPaths().helm4;

describe("Helmfile: an existing helmfile.yaml.gotmpl deployed with pulumi up, edited, re-applied", () => {
  const helmEnv = { ...process.env, ...isolatedHelmEnv(tempDir("hf-helm")) };
  const releasesIn = (ns: string) =>
    (JSON.parse(execFileSync(helmBin, ["list", "-n", ns, "-o", "json", "--kubeconfig", testbed().cluster.kubeconfig], { env: helmEnv, encoding: "utf8" })) as { name: string; status: string }[])
      .map((r) => `${r.name}:${r.status}`)
      .sort();
  const configData = async (ns: string, release: string) =>
    (await kubeGet<{ data: Record<string, string> }>(testbed().cluster, `/api/v1/namespaces/${ns}/configmaps/${release}-config`))?.data;

  test("examples/from-helmfile: deploy, then a changed value, a new release, a removed release and installed: false", async () => {
    const { registry, cluster } = testbed();
    const stack = await exampleStack("from-helmfile", { PULUMI_HELMFILE_HELM: helmBin, PULUMI_HELMFILE_CACHE_DIR: tempDir("cache"), TEAM: "platform" });
    await stack.config({ registry: registry.host, environment: "dev" });
    await stack.secret("kubeconfig", fs.readFileSync(cluster.kubeconfig, "utf8"));
    await stack.ok(["up", "--yes"]);
    expect(releasesIn("platform-dev")).toEqual(["api:deployed", "metrics:deployed", "worker:deployed"]);
    expect(await configData("platform-dev", "api")).toEqual({ greeting: "hello from dev", managedBy: "pulumi-helmfile" });
    expect(await configData("platform-dev", "worker")).toMatchObject({ greeting: "worker in dev", team: "platform", replicas: "1" });
    expect((await stack.run(["preview", "--expect-no-changes"])).code).toBe(0);

    // Edit the helmfile as a platform engineer would.
    const file = (p: string) => path.join(stack.dir, p);
    fs.writeFileSync(file("environments/dev.yaml"), fs.readFileSync(file("environments/dev.yaml"), "utf8").replace("hello from dev", "hello again"));
    const hf = fs.readFileSync(file("helmfile.yaml.gotmpl"), "utf8")
      .replace("  - name: worker\n", "  - name: worker\n    installed: false\n")
      .concat("\n  - name: cache\n    inherit:\n      - template: web\n    values:\n      - greeting: cache\n");
    fs.writeFileSync(file("helmfile.yaml.gotmpl"), hf);
    fs.writeFileSync(file("monitoring/helmfile.yaml.gotmpl"), "releases: []\n");
    const preview = await stack.ok(["preview", "--diff"]);
    expect(preview.stdout).toMatch(/greeting\s*:\s*"hello from dev"\s*=>\s*"hello again"/);
    await stack.ok(["up", "--yes"]);
    expect(releasesIn("platform-dev")).toEqual(["api:deployed", "cache:deployed"]);
    expect((await configData("platform-dev", "api"))?.greeting).toBe("hello again");
    expect(await configData("platform-dev", "worker")).toBeUndefined();
    expect(await configData("platform-dev", "metrics")).toBeUndefined();
    expect((await configData("platform-dev", "cache"))?.greeting).toBe("cache");

    await stack.ok(["destroy", "--yes"]);
    expect(releasesIn("platform-dev")).toEqual([]);
  });

  test("the same state written in TypeScript deploys the same releases and the same objects", async () => {
    const { registry, cluster } = testbed();
    const stack = await fixtureStack("helmfile-spec", { PULUMI_HELMFILE_HELM: helmBin, PULUMI_HELMFILE_CACHE_DIR: tempDir("cache"), TEAM: "platform" });
    await stack.config({ registry: registry.host, namespace: "platform-ts" });
    await stack.secret("kubeconfig", fs.readFileSync(cluster.kubeconfig, "utf8"));
    await stack.ok(["up", "--yes"]);
    expect(releasesIn("platform-ts")).toEqual(["api:deployed", "metrics:deployed", "worker:deployed"]);
    expect(await configData("platform-ts", "api")).toEqual({ greeting: "hello from dev", managedBy: "pulumi-helmfile" });
    expect(await configData("platform-ts", "worker")).toMatchObject({ greeting: "worker in dev", team: "platform", replicas: "1" });
    await stack.ok(["destroy", "--yes"]);
  });
});
