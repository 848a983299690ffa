/**
 * Faults against real processes. Each scenario ends with Pulumi's state matching `helm list` (same releases, all
 * deployed, no duplicates, no orphans), and every run is leak-probed (secret value and secret kubeconfig).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { execFileSync, spawn } from "node:child_process";
import { fixtureChart, pushChart } from "../../harness/charts";
import { isolatedHelmEnv } from "../../harness/helm-env";
import { waitFor } from "../../harness/kube";
import { countManifestPulls } from "../../harness/registry";
import { startTcpProxy, TcpProxy } from "../../harness/tcp-proxy";
import { tempDir, testbed } from "../../harness/testbed";
import { processesWithEnv } from "../../harness/processes";
import { toolPaths } from "../../harness/tools";
import { fixtureStack, TestStack } from "../stack";
import { probeLeaks, stateLeaks } from "./leaks";

const helmBin = toolPaths().helm4;
const PASSWORD = `s3cret-${Math.random().toString(36).slice(2)}-pw`;
const VERSIONS = Array.from({ length: 12 }, (_, i) => `0.1.${i}`);
const found: string[] = [];

describe("faults: state matches helm list afterwards", () => {
  let repo: string;
  const helmEnv = { ...process.env, ...isolatedHelmEnv(tempDir("rel-faults-helm")) };
  const kubeconfig = () => fs.readFileSync(testbed().cluster.kubeconfig, "utf8");
  const helmList = (ns: string) =>
    (JSON.parse(execFileSync(helmBin, ["list", "-n", ns, "-o", "json", "--kubeconfig", testbed().cluster.kubeconfig], { env: helmEnv, encoding: "utf8" })) as { name: string; status: string }[])
      .map((r) => `${r.name}:${r.status}`)
      .sort();
  const stateReleases = async (stack: TestStack) =>
    (await stack.resourceOutputs("HelmRelease")).map((o) => `${o.name as string}:${(o.status as string) ?? "?"}`).sort();
  const secrets = () => [PASSWORD, testbed().cluster.token];

  async function manyStack(ns: string, chart: string, count: number, extra: Record<string, string> = {}) {
    const tmp = tempDir("rel-faults-tmp");
    const stack = await fixtureStack("reliability/many", { PULUMI_HELMFILE_HELM: helmBin, PULUMI_HELMFILE_CACHE_DIR: tempDir("rel-faults-cache"), PULUMI_HELMFILE_TMPDIR: tmp, ...extra });
    await stack.config({ namespace: ns, chart, count, versions: VERSIONS.join(",") });
    await stack.secret("kubeconfig", kubeconfig());
    await stack.secret("password", PASSWORD);
    return { stack, tmp };
  }
  async function expectConverged(stack: TestStack, ns: string, count: number) {
    const want = Array.from({ length: count }, (_, i) => `r${i}:deployed`).sort();
    expect(helmList(ns)).toEqual(want);
    expect(await stateReleases(stack)).toEqual(want);
    expect((await stack.run(["preview", "--expect-no-changes"])).code).toBe(0);
    expect(stateLeaks(await stack.exportState(), [PASSWORD])).toEqual([]);
  }

  /** `pulumi up` (leak-probed) while `cutWhen` is polled; once it holds, the proxy goes down. The up must then fail. */
  async function upWithCut(stack: TestStack, tmp: string, proxy: TcpProxy, cutWhen: () => boolean) {
    let cut = false;
    const watcher = (async () => {
      for (const deadline = Date.now() + 180_000; Date.now() < deadline && !cutWhen(); ) await new Promise((r) => setTimeout(r, 20));
      proxy.setDown(true);
      cut = true;
    })();
    const { result: failed, report } = await probeLeaks(secrets(), tmp, () => stack.run(["up", "--yes", "--skip-preview"]));
    await watcher;
    expect(cut).toBe(true);
    return { failed, report, text: failed.stdout + failed.stderr };
  }

  beforeAll(async () => {
    repo = `rel-faults-${Date.now().toString(36)}`;
    await pushChart(helmBin, testbed().registry, fixtureChart("web"), VERSIONS, repo);
  }, 300_000);

  afterAll(() => process.stderr.write(`[faults] ${found.join("\n")}\n`));

  test("the registry goes down in the middle of an up of 12 releases, comes back, the next up converges", async () => {
    const { registry } = testbed();
    const proxy: TcpProxy = await startTcpProxy({ host: "127.0.0.1", port: registry.port });
    try {
      const ns = "rel-outage";
      const { stack, tmp } = await manyStack(ns, `oci://127.0.0.1:${proxy.port}/${repo}/web`, 12);
      // Let the first releases through, then cut the registry while the rest are being pulled. Charts are pulled
      // (program-side preview render and provider) before most installs: cut after 3 pulls.
      const pulls0 = countManifestPulls(registry, `${repo}/web`);
      const { failed, report, text } = await upWithCut(stack, tmp, proxy, () => countManifestPulls(registry, `${repo}/web`) - pulls0 >= 3);
      const deployedDuringOutage = helmList(ns).length;
      const pulledBeforeCut = countManifestPulls(registry, `${repo}/web`);
      if (failed.code === 0) throw new Error(`the up succeeded although the registry went down after ${deployedDuringOutage} releases:\n${text}`);
      expect(text).toMatch(new RegExp(`release ${ns}/r\\d+`));
      expect(text).not.toMatch(/<ref \*1>/);
      expect(report.leaks).toEqual([]);
      // What the state says matches what helm says, even after the failed up.
      expect(await stateReleases(stack)).toEqual(helmList(ns).filter((r) => r.endsWith(":deployed")));
      proxy.setDown(false);
      const { report: report2 } = await probeLeaks(secrets(), tmp, () => stack.ok(["up", "--yes"]));
      expect(report2.leaks).toEqual([]);
      await expectConverged(stack, ns, 12);
      found.push(`registry outage: cut after ${pulledBeforeCut} pulls, ${deployedDuringOutage}/12 deployed after the failed up; failed up exit ${failed.code}; next up converged`);
      await stack.ok(["destroy", "--yes", "--skip-preview"]);
      expect(helmList(ns)).toEqual([]);
    } finally {
      await proxy.close();
    }
  }, 600_000);

  test("the API server becomes unreachable in the middle of an up of 12 releases: the up fails naming a release; the next up converges", async () => {
    const { cluster } = testbed();
    const api = new URL(cluster.server);
    // The provider reaches the API server through a throttled proxy (installs take a while), cut once some are in.
    const proxy: TcpProxy = await startTcpProxy({ host: "127.0.0.1", port: Number(api.port) }, { bytesPerSecond: 256 * 1024 });
    try {
      const ns = "rel-apidown";
      const { stack, tmp } = await manyStack(ns, `oci://${testbed().registry.host}/${repo}/web`, 12);
      await stack.secret("kubeconfig", kubeconfig().split(cluster.server).join(`https://127.0.0.1:${proxy.port}`));
      await stack.config({ recoverPending: true });
      const { failed, report, text } = await upWithCut(stack, tmp, proxy, () => helmList(ns).length >= 2);
      const afterCut = helmList(ns);
      if (failed.code === 0) throw new Error(`the up succeeded although the API server went away after ${afterCut.length} releases:\n${text}`);
      expect(text).toMatch(new RegExp(`release ${ns}/r\\d+`));
      expect(text).not.toMatch(/<ref \*1>/);
      expect(report.leaks).toEqual([]);
      proxy.setDown(false);
      const { result: next, report: report2 } = await probeLeaks(secrets(), tmp, () => stack.run(["up", "--yes", "--skip-preview"]));
      if (next.code !== 0) throw new Error(`the up after the API server came back failed (helm had ${afterCut.join(", ")}):\n${next.stdout}\n${next.stderr}`);
      expect(report2.leaks).toEqual([]);
      await expectConverged(stack, ns, 12);
      found.push(`API server unreachable: cut with [${afterCut.join(", ")}] in helm; failed up exit ${failed.code}; next up converged`);
      await stack.ok(["destroy", "--yes", "--skip-preview"]);
      expect(helmList(ns)).toEqual([]);
    } finally {
      await proxy.close();
    }
  }, 600_000);

  test("pulumi up SIGKILLed (whole process group) while releases install; recover; the next up converges without duplicates or orphans", async () => {
    const ns = "rel-sigkill";
    // The installs of r5–r9 wait a few seconds before helm runs, so the kill always lands while releases are installing
    // (a quiet machine installs all ten in about a second: polling alone could miss the moment). Those installs go on
    // after the kill (the provider's children outlive the engine), as a real interrupted up's would.
    const slowHelm = path.join(tempDir("rel-sigkill-helm"), "helm");
    fs.writeFileSync(slowHelm, `#!/bin/sh\ncase " $* " in *" install r"[5-9]" "*) sleep 8 ;; esac\nexec '${helmBin}' "$@"\n`, { mode: 0o755 });
    const { stack, tmp } = await manyStack(ns, `oci://${testbed().registry.host}/${repo}/web`, 10, { PULUMI_HELMFILE_HELM: slowHelm });
    await stack.config({ recoverPending: true });
    const child = spawn("pulumi", ["up", "--yes", "--skip-preview", "--non-interactive"], { cwd: stack.dir, env: stack.env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    const helmRunning = () =>
      fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p)).some((p) => {
        try {
          // A create is `helm install` (refuses an existing name); an update `helm upgrade --install`.
          const cmd = fs.readFileSync(`/proc/${p}/cmdline`, "utf8");
          return (cmd.includes(`\0install\0`) || cmd.includes(`upgrade\0--install`)) && cmd.includes(ns);
        } catch {
          return false;
        }
      });
    await waitFor("some releases installed and a helm install running", async () => helmList(ns).length >= 2 && helmRunning(), 180_000).catch((e: Error) => {
      throw new Error(`${e.message}\n${out}`);
    });
    process.kill(-child.pid!, "SIGKILL");
    await new Promise((r) => child.on("close", r));
    await waitFor("the installs in flight at the kill to end", async () => !helmRunning(), 120_000);
    const afterKill = helmList(ns);
    // Pulumi requires dealing with the interrupted update's pending operations: refresh and clear them.
    // Pulumi requires: `pulumi cancel` (the killed update's lock), then refresh clearing the pending creates.
    const cancel = await stack.run(["cancel", "--yes"]);
    const refresh = await stack.run(["refresh", "--yes", "--clear-pending-creates"]);
    expect(refresh.stdout + refresh.stderr).not.toContain(PASSWORD);
    const { result: up, report } = await probeLeaks(secrets(), tmp, () => stack.run(["up", "--yes", "--skip-preview"]));
    if (up.code !== 0) throw new Error(`up after the kill (helm had: ${afterKill.join(", ")}; cancel exit ${cancel.code}: ${cancel.stdout}${cancel.stderr}; refresh exit ${refresh.code}: ${refresh.stdout}${refresh.stderr}) failed:\n${up.stdout}\n${up.stderr}`);
    expect(report.leaks).toEqual([]);
    await expectConverged(stack, ns, 10);
    await stack.ok(["destroy", "--yes", "--skip-preview"]);
    expect(helmList(ns)).toEqual([]);
    // The killed engine's plugins (language host, dynamic provider) run in process groups of their own and outlive it:
    // every command of this stack has ended, so whatever still runs with its PULUMI_HOME is one of them. Stop them.
    const orphans = processesWithEnv("PULUMI_HOME", stack.env.PULUMI_HOME as string);
    for (const pid of orphans) process.kill(pid, "SIGKILL");
    found.push(`SIGKILL: helm had [${afterKill.join(", ")}] after the kill; refresh --clear-pending-creates exit ${refresh.code}; next up converged; ${orphans.length} plugin process(es) of the killed engine still running at the end (stopped)`);
  }, 600_000);

  test("two stacks up at the same time on one cache dir: both succeed, one pull per chart@version", async () => {
    const { registry } = testbed();
    const shared = tempDir("rel-shared-cache");
    const chart = `oci://${registry.host}/${repo}/web`;
    const a = await manyStack("rel-conc-a", chart, 6, { PULUMI_HELMFILE_CACHE_DIR: shared });
    const b = await manyStack("rel-conc-b", chart, 6, { PULUMI_HELMFILE_CACHE_DIR: shared });
    await a.stack.config({ versions: VERSIONS.slice(0, 3).join(",") });
    await b.stack.config({ versions: VERSIONS.slice(0, 3).join(",") });
    const before = VERSIONS.slice(0, 3).map((v) => countManifestPulls(registry, `${repo}/web`, v));
    const [ra, rb] = await Promise.all([
      probeLeaks(secrets(), a.tmp, () => a.stack.run(["up", "--yes"])),
      probeLeaks(secrets(), b.tmp, () => b.stack.run(["up", "--yes"])),
    ]);
    if (ra.result.code !== 0 || rb.result.code !== 0) throw new Error(`concurrent ups failed:\n${ra.result.stdout}${ra.result.stderr}\n---\n${rb.result.stdout}${rb.result.stderr}`);
    expect([...ra.report.leaks, ...rb.report.leaks]).toEqual([]);
    const pulls = VERSIONS.slice(0, 3).map((v, i) => countManifestPulls(registry, `${repo}/web`, v) - before[i]);
    expect(pulls).toEqual([1, 1, 1]);
    await expectConverged(a.stack, "rel-conc-a", 6);
    await expectConverged(b.stack, "rel-conc-b", 6);
    found.push(`concurrent stacks: both converged; pulls per version ${pulls.join(",")}`);
    await Promise.all([a.stack.ok(["destroy", "--yes", "--skip-preview"]), b.stack.ok(["destroy", "--yes", "--skip-preview"])]);
  }, 600_000);
});
