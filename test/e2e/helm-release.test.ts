import * as fs from "node:fs";
import { execFileSync } from "node:child_process";
import { fixtureChart, pushChart } from "../harness/charts";
import { helmCounter } from "../harness/helm-counter";
import { isolatedHelmEnv } from "../harness/helm-env";
import { kubeGet } from "../harness/kube";
import { countManifestPulls } from "../harness/registry";
import { tempDir, testbed } from "../harness/testbed";
import { helmBinaries } from "../harness/tools";
import { leaksIn } from "./reliability/leaks";
import { fixtureStack } from "./stack";

const PASSWORD = "S3cret-e2e-7d1c-do-not-leak";

/** Every process's command line, sampled from /proc while `fn` runs. */
async function sampled<T>(fn: () => Promise<T>): Promise<{ result: T; cmdlines: Set<string> }> {
  const cmdlines = new Set<string>();
  const sample = () => {
    for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
      try {
        cmdlines.add(fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " "));
      } catch {
        /* gone */
      }
    }
  };
  const timer = setInterval(sample, 25);
  try {
    return { result: await fn(), cmdlines };
  } finally {
    clearInterval(timer);
  }
}

describe.each(helmBinaries())("HelmRelease end to end with helm v$major", ({ major, path: realHelm }) => {
  const ns = `e2e-release-v${major}`;
  const repo = `e2e-v${major}-${Date.now().toString(36)}`;
  let chart: string;
  let kubeHelm: (args: string[]) => string;

  beforeAll(async () => {
    const { registry, cluster } = testbed();
    await pushChart(realHelm, registry, fixtureChart("web"), ["0.1.0", "0.2.0"], repo);
    chart = `oci://${registry.host}/${repo}/web`;
    const env = { ...process.env, ...isolatedHelmEnv(tempDir("oob")) };
    kubeHelm = (args) => execFileSync(realHelm, [...args, "--kubeconfig", cluster.kubeconfig], { env, encoding: "utf8" });
  });

  test("up, no-change preview, per-object preview diff, update, drift, out-of-band uninstall, rename, destroy", async () => {
    const { registry, cluster } = testbed();
    const counter = helmCounter(tempDir("helm-wrapper"), realHelm);
    const cacheDir = tempDir("chart-cache");
    const stack = await fixtureStack("release", { PULUMI_HELMFILE_HELM: counter.binary, PULUMI_HELMFILE_CACHE_DIR: cacheDir });
    await stack.config({ namespace: ns, chart, greeting: "hello" });
    await stack.secret("kubeconfig", fs.readFileSync(cluster.kubeconfig, "utf8"));
    await stack.secret("password", PASSWORD);
    const pushed = countManifestPulls(registry, `${repo}/web`);

    // up: the release exists in helm and its objects in the API
    const { result: up, cmdlines } = await sampled(() => stack.ok(["up", "--yes", "--skip-preview"]));
    expect(up.stdout).toMatch(/created/);
    const list = JSON.parse(kubeHelm(["list", "-n", ns, "-o", "json"])) as { name: string; status: string; revision: string }[];
    expect(list.map((r) => [r.name, r.status, String(r.revision)])).toEqual([["web", "deployed", "1"]]);
    const cm = await kubeGet<{ data: Record<string, string> }>(cluster, `/api/v1/namespaces/${ns}/configmaps/web-config`);
    expect(cm?.data.greeting).toBe("hello");
    expect(await kubeGet(cluster, `/api/v1/namespaces/${ns}/secrets/web-credentials`)).toBeDefined();
    expect(countManifestPulls(registry, `${repo}/web`) - pushed).toBe(1);
    const outs = await stack.outputs();
    expect(outs.status).toBe("deployed");
    expect(outs.revision).toBe(1);
    expect(outs.objects).toEqual(
      expect.arrayContaining([
        { apiVersion: "v1", kind: "ConfigMap", namespace: ns, name: "web-config" },
        { apiVersion: "v1", kind: "Secret", namespace: ns, name: "web-credentials" },
      ]),
    );

    // an immediate preview: no changes, no pull, no helm process
    counter.reset();
    const quiet = await stack.run(["preview", "--expect-no-changes", "--diff"]);
    expect(quiet.code).toBe(0);
    expect(counter.calls()).toEqual([]);
    expect(countManifestPulls(registry, `${repo}/web`) - pushed).toBe(1);

    // one value changed: the preview diff names the ConfigMap field, and nothing else
    await stack.config({ greeting: "bonjour" });
    const preview = await stack.ok(["preview", "--diff"]);
    const text = preview.stdout;
    expect(text).toMatch(/v1\/ConfigMap\/e2e-release-v\d\/web-config/);
    expect(text).toMatch(/greeting\s*:\s*"hello"\s*=>\s*"bonjour"/);
    expect(text).not.toMatch(/web-credentials"?\s*:\s*\{[^}]*=>/);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(Buffer.from(PASSWORD).toString("base64"));
    const changedLines = text.split("\n").filter((l) => /=>/.test(l));
    expect(changedLines.filter((l) => !/greeting/.test(l))).toEqual([]);

    // up applies it: revision 2
    await stack.ok(["up", "--yes", "--skip-preview"]);
    expect(String(JSON.parse(kubeHelm(["list", "-n", ns, "-o", "json"]))[0].revision)).toBe("2");
    expect((await kubeGet<{ data: Record<string, string> }>(cluster, `/api/v1/namespaces/${ns}/configmaps/web-config`))?.data.greeting).toBe("bonjour");

    // out-of-band helm upgrade --set → refresh reports the drift; up converges back
    kubeHelm(["upgrade", "web", chart, "--version", "0.1.0", "--plain-http", "-n", ns, "--reuse-values", "--set", "greeting=tampered"]);
    const refresh = await stack.ok(["refresh", "--yes", "--skip-preview"]);
    expect(refresh.stdout).toMatch(/changed outside Pulumi: revision 2 → 3/);
    expect((await stack.resourceOutputs(":HelmRelease"))[0].drift).toMatch(/values changed/);
    await stack.ok(["up", "--yes", "--skip-preview"]);
    expect((await kubeGet<{ data: Record<string, string> }>(cluster, `/api/v1/namespaces/${ns}/configmaps/web-config`))?.data.greeting).toBe("bonjour");
    expect((await stack.resourceOutputs(":HelmRelease"))[0].drift).toBe("");

    // out-of-band helm uninstall → refresh drops it → up recreates
    kubeHelm(["uninstall", "web", "-n", ns]);
    await stack.ok(["refresh", "--yes", "--skip-preview"]);
    const afterRefresh = await stack.run(["preview", "--expect-no-changes"]);
    expect(afterRefresh.code).not.toBe(0);
    await stack.ok(["up", "--yes", "--skip-preview"]);
    expect(JSON.parse(kubeHelm(["list", "-n", ns, "-o", "json"])).map((r: { name: string }) => r.name)).toEqual(["web"]);

    // renaming replaces
    await stack.config({ releaseName: "web-renamed" });
    const rename = await stack.ok(["up", "--yes", "--skip-preview"]);
    expect(rename.stdout).toMatch(/replaced/);
    expect(JSON.parse(kubeHelm(["list", "-n", ns, "-o", "json"])).map((r: { name: string }) => r.name)).toEqual(["web-renamed"]);

    // a change of the secret value: the preview says the release changes (Pulumi shows a changed secret only as an
    // update, never its old or new value), and the Secret's digest lives only in a Pulumi secret
    await stack.secret("password", `${PASSWORD}-2`);
    const secretChange = await stack.ok(["preview", "--diff"]);
    expect(secretChange.stdout).toMatch(/HelmRelease: \(update\)/);
    expect(secretChange.stdout).toMatch(/secretDigests\s*:\s*\[secret\]/);
    expect(secretChange.stdout).toMatch(/password: "\[secret\]"/);
    const json = await stack.ok(["preview", "--json"]);
    await stack.ok(["up", "--yes", "--skip-preview"]);

    // secrets never in plaintext, base64, URL-encoded or as a digest prefix: state, previews, argv, CLI output
    const state = await stack.exportState();
    const secretsNow = [PASSWORD, `${PASSWORD}-2`];
    expect([...leaksIn("preview", preview.stdout + secretChange.stdout, secretsNow), ...leaksIn("preview --json", json.stdout, secretsNow), ...leaksIn("stack export", state, secretsNow)]).toEqual([]);
    expect(state).not.toContain(PASSWORD);
    expect(state).not.toContain(cluster.token);
    expect([...cmdlines].filter((c) => c.includes(PASSWORD) || c.includes(cluster.token))).toEqual([]);
    for (const out of [up, preview, refresh, rename]) {
      expect(out.stdout + out.stderr).not.toContain(PASSWORD);
      expect(out.stdout + out.stderr).not.toContain(cluster.token);
    }

    // destroy uninstalls
    await stack.ok(["destroy", "--yes", "--skip-preview"]);
    expect(JSON.parse(kubeHelm(["list", "-n", ns, "-o", "json"]))).toEqual([]);
  }, 900_000);
});
