import * as path from "node:path";
import { deploymentReady } from "../../harness/cluster";
import { startChartRepo } from "../../harness/chart-repo";
import { fixtureChart } from "../../harness/charts";
import { isolatedHelmEnv } from "../../harness/helm-env";
import { kubeGet } from "../../harness/kube";
import { tempDir, testbed } from "../../harness/testbed";
import { helmBinaries } from "../../harness/tools";
import { helm } from "./helm-cli";

describe.each(helmBinaries())("the testbed cluster with helm v$major", ({ major, path: bin }) => {
  const kube = () => {
    const { cluster } = testbed();
    return ["--kubeconfig", cluster.kubeconfig, "--kube-context", cluster.context];
  };

  test("reports Kubernetes v1.36 and a Ready kwok node", async () => {
    const { cluster } = testbed();
    const version = await kubeGet<{ gitVersion: string }>(cluster, "/version");
    expect(version?.gitVersion).toMatch(/^v1\.36\./);
    const node = await kubeGet<{ status: { conditions: { type: string; status: string }[] } }>(cluster, "/api/v1/nodes/kwok-node-0");
    expect(node?.status.conditions.find((c) => c.type === "Ready")?.status).toBe("True");
  });

  test("helm installs a local chart and its objects are visible through the API; uninstall removes them", async () => {
    const { cluster } = testbed();
    const env = isolatedHelmEnv(path.join(tempDir("helm"), "helm"));
    const ns = `smoke-v${major}`;
    await helm(bin, ["install", "smoke", fixtureChart("web"), "-n", ns, "--create-namespace", "--set", "greeting=hi", ...kube()], env);
    const cm = await kubeGet<{ data: Record<string, string> }>(cluster, `/api/v1/namespaces/${ns}/configmaps/smoke-config`);
    expect(cm?.data.greeting).toBe("hi");
    const list = JSON.parse(await helm(bin, ["list", "-n", ns, "-o", "json", ...kube()], env)) as { name: string; status: string }[];
    expect(list.map((r) => [r.name, r.status])).toEqual([["smoke", "deployed"]]);
    await helm(bin, ["uninstall", "smoke", "-n", ns, ...kube()], env);
    expect(await kubeGet(cluster, `/api/v1/namespaces/${ns}/configmaps/smoke-config`)).toBeUndefined();
  });

  test("a Deployment becomes Ready under helm install --wait", async () => {
    const { cluster } = testbed();
    const env = isolatedHelmEnv(path.join(tempDir("helm"), "helm"));
    const ns = `wait-v${major}`;
    const wait = major === 4 ? ["--wait=watcher"] : ["--wait"];
    await helm(bin, ["install", "ready", fixtureChart("web"), "-n", ns, "--create-namespace", "--set", "deployment.enabled=true",
      "--set", "deployment.replicas=2", ...wait, "--timeout", "90s", ...kube()], env);
    expect(await deploymentReady(cluster, ns, "ready")).toBe(true);
    await helm(bin, ["uninstall", "ready", "-n", ns, ...kube()], env);
  });

  test("helm repo add + install from the classic HTTP chart repository (with basic auth)", async () => {
    const { cluster } = testbed();
    const dir = tempDir("repo");
    const repo = await startChartRepo({ dir: path.join(dir, "srv"), charts: [fixtureChart("web")], helm: bin, auth: { username: "u", password: "p" } });
    try {
      const env = isolatedHelmEnv(path.join(dir, "helm"));
      await helm(bin, ["repo", "add", "fixtures", repo.url, "--username", "u", "--password-stdin"], env, "p");
      const ns = `repo-v${major}`;
      await helm(bin, ["install", "fromrepo", "fixtures/web", "--version", "0.1.0", "-n", ns, "--create-namespace", ...kube()], env);
      expect(await kubeGet(cluster, `/api/v1/namespaces/${ns}/configmaps/fromrepo-config`)).toBeDefined();
      expect(repo.count((p) => p === "/index.yaml")).toBeGreaterThanOrEqual(1);
      expect(repo.count((p) => p === "/web-0.1.0.tgz")).toBe(1);
      await helm(bin, ["uninstall", "fromrepo", "-n", ns, ...kube()], env);
    } finally {
      await repo.close();
    }
  });
});
