/**
 * The helm driver when releases cannot become ready, with helm v4 and helm v3: atomic installs and upgrades (helm 3
 * `--atomic`, helm 4 `--rollback-on-failure`), plain `wait` timeouts, the driver's own process deadline and
 * cancellation. A Deployment whose pods select a node label nobody has stays Pending forever on the testbed.
 */
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { HelmError } from "../../../provider/helm/errors";
import { helmEnv, homesUnder } from "../../../provider/helm/environment";
import { run } from "../../../provider/helm/run";
import { kubeGet, waitFor } from "../../harness/kube";
import { deploymentReady, kubeconfigText } from "../../harness/cluster";
import { tempDir, testbed } from "../../harness/testbed";
import { helmBinaries } from "../../harness/tools";
import { driverTempDirs, driverTestScope, newDriver, privateTempRoot, probeChart, probeValues, ProcessWatch, rejection } from "./helpers";

beforeAll(() => privateTempRoot("failures"));

/** Values making the probe's Deployment impossible to schedule (no node has this label). */
const unschedulable = { deployment: { enabled: true, nodeSelector: { "helm-driver-test/no-such-node": "true" } } };

describe.each(helmBinaries())("helm driver failure handling with helm v$major", ({ major, path: bin }) => {
  const { target, namespace } = driverTestScope(major);

  test("atomic first install that cannot become ready: HelmError naming the cause, the release is uninstalled", async () => {
    const { cluster } = testbed();
    const helm = newDriver(bin);
    const n = namespace("atomic-install");
    const ref = { ...target(), name: "stuck", namespace: n };
    const t0 = Date.now();
    const err = await rejection(helm.upgradeInstall({ ...ref, chartPath: probeChart, createNamespace: true, atomic: true, timeout: 5, values: [unschedulable] }));
    expect(Date.now() - t0).toBeLessThan(60_000);
    expect(err).toBeInstanceOf(HelmError);
    const e = err as HelmError;
    expect(e).toMatchObject({ operation: "upgradeInstall", timedOut: false });
    expect(e.exitCode).toBe(1);
    // The cause: the release failed (timed out waiting / not ready) and was rolled back by uninstalling it.
    expect(e.message).toMatch(/stuck/);
    expect(e.message).toMatch(/uninstalled/);
    expect(e.message).toMatch(/atomic|rollback-on-failure/);
    // helm 4 names the resource; helm 3 only says "context deadline exceeded", which the driver explains.
    expect(e.message).toMatch(major === 4 ? /Deployment\/[\w-]+\/stuck not ready/ : /context deadline exceeded \(the release's resources were not ready within the 5s timeout\)/);
    expect(e.transient).toBe(false); // retrying the same install would time out the same way
    expect(e.command).toMatch(major === 4 ? /--rollback-on-failure/ : /--atomic/);
    expect(await helm.getMetadata(ref)).toBeUndefined();
    await waitFor("the probe ConfigMap to be gone", async () => (await probeValues(cluster, n, "stuck")) === undefined, 30_000);
    await waitFor("the Deployment to be gone", async () => (await kubeGet(cluster, `/apis/apps/v1/namespaces/${n}/deployments/stuck`)) === undefined, 30_000);
  });

  test("atomic upgrade that cannot become ready: rolled back to the previous revision and its values", async () => {
    const { cluster } = testbed();
    const helm = newDriver(bin);
    const n = namespace("atomic-upgrade");
    const ref = { ...target(), name: "app", namespace: n };
    await helm.upgradeInstall({ ...ref, chartPath: probeChart, createNamespace: true, values: [{ greeting: "good" }] });
    const err = await rejection(helm.upgradeInstall({ ...ref, chartPath: probeChart, atomic: true, timeout: 5, values: [{ greeting: "bad" }, unschedulable] }));
    expect(err).toBeInstanceOf(HelmError);
    expect(err.message).toMatch(/rolled back|rollback/i);
    expect(err.message).toMatch(major === 4 ? /Deployment\/[\w-]+\/app not ready/ : /not ready within the 5s timeout/);
    expect((err as HelmError).transient).toBe(false);
    const history = await helm.history(ref);
    expect(history?.map((h) => [h.revision, h.status])).toEqual([
      [1, "superseded"],
      [2, "failed"],
      [3, "deployed"],
    ]);
    expect(history?.[2].description).toMatch(/Rollback to 1/);
    expect(await helm.getValues(ref)).toEqual({ greeting: "good" });
    expect(await probeValues(cluster, n, "app")).toMatchObject({ greeting: "good" });
    await waitFor("the Deployment of the failed revision to be gone", async () => (await kubeGet(cluster, `/apis/apps/v1/namespaces/${n}/deployments/app`)) === undefined, 30_000);
  });

  test("wait without atomic: the release is marked failed and the error says why; a later good upgrade recovers it", async () => {
    const helm = newDriver(bin);
    const n = namespace("wait-fail");
    const ref = { ...target(), name: "slow", namespace: n };
    const err = await rejection(helm.upgradeInstall({ ...ref, chartPath: probeChart, createNamespace: true, wait: true, timeout: 4, values: [unschedulable] }));
    expect(err).toBeInstanceOf(HelmError);
    expect(err.message).toMatch(major === 4 ? /Deployment\/[\w-]+\/slow not ready/ : /^context deadline exceeded \(the release's resources were not ready within the 4s timeout\)$/);
    expect(await helm.getMetadata(ref)).toMatchObject({ status: "failed", revision: 1 });
    await helm.upgradeInstall({ ...ref, chartPath: probeChart, wait: true, timeout: 60, values: [{ greeting: "fixed" }] });
    expect(await helm.getMetadata(ref)).toMatchObject({ status: "deployed", revision: 2 });
  });

  test("run() kills a helm process that outlives timeoutMs: HelmError with timedOut, quickly, and the process is gone", async () => {
    const n = namespace("deadline");
    const dir = tempDir("helm-deadline");
    const values = path.join(dir, "values.json");
    fs.writeFileSync(values, JSON.stringify(unschedulable));
    const args = ["upgrade", "--install", "hang", probeChart, "--namespace", n, "--create-namespace", "--values", values,
      major === 4 ? "--wait=watcher" : "--wait", "--timeout", "300s", "--kubeconfig", testbed().cluster.kubeconfig];
    const watch = new ProcessWatch(bin);
    const t0 = Date.now();
    const err = await rejection(run({ operation: "upgradeInstall", binary: bin, args, env: helmEnv(homesUnder(path.join(dir, "homes"))), timeoutMs: 2000 }));
    const elapsed = Date.now() - t0;
    watch.stop();
    expect(err).toBeInstanceOf(HelmError);
    const e = err as HelmError;
    expect(e.timedOut).toBe(true);
    expect(e.transient).toBe(true);
    expect(e.exitCode).toBeUndefined();
    expect(e.message).toMatch(/timed out after 2s/);
    expect(e.message).toContain("upgrade --install hang");
    expect(elapsed).toBeGreaterThanOrEqual(2000);
    expect(elapsed).toBeLessThan(10_000);
    // helm really ran (and waited), and no helm process of this release is left.
    expect(watch.helmCommands().some((c) => c.includes("upgrade --install hang"))).toBe(true);
    const live = new ProcessWatch(bin).stop();
    expect(live.helmCommands().filter((c) => c.includes("upgrade --install hang"))).toEqual([]);
  });

  test("cancelling upgradeInstall through its AbortSignal kills helm and removes the call's temp dir (kubeconfig content included)", async () => {
    const { cluster } = testbed();
    const helm = newDriver(bin);
    const n = namespace("cancel");
    const watch = new ProcessWatch(bin);
    const t0 = Date.now();
    const err = await rejection(
      helm.upgradeInstall({
        kubeconfig: fs.readFileSync(cluster.kubeconfig, "utf8"),
        name: "cancelled",
        namespace: n,
        chartPath: probeChart,
        createNamespace: true,
        wait: true,
        timeout: 300,
        values: [unschedulable],
        signal: AbortSignal.timeout(2000),
      }),
    );
    watch.stop();
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(err).toBeInstanceOf(HelmError);
    expect(err).toMatchObject({ timedOut: true, operation: "upgradeInstall" });
    expect(err.message).toMatch(/cancelled/);
    expect(watch.helmCommands().some((c) => c.includes("upgrade --install cancelled"))).toBe(true);
    expect(new ProcessWatch(bin).stop().helmCommands().filter((c) => c.includes("upgrade --install cancelled"))).toEqual([]);
    expect(driverTempDirs()).toEqual([]);
  });

  test("a rollback or uninstall given a helm timeout gets a process deadline that covers it, even with a shorter default deadline", async () => {
    const { cluster } = testbed();
    const helm = newDriver(bin, { timeoutMs: 1500 });
    const n = namespace("deadline-cover");
    const ref = { ...target(), name: "slowroll", namespace: n };
    await helm.upgradeInstall({ ...ref, chartPath: probeChart, createNamespace: true, values: [{ deployment: { enabled: true } }] });
    await helm.upgradeInstall({ ...ref, chartPath: probeChart, values: [{ greeting: "no deployment" }] });
    await waitFor("the Deployment to be gone", async () => (await kubeGet(cluster, `/apis/apps/v1/namespaces/${n}/deployments/slowroll`)) === undefined, 30_000);
    // Rolling back re-creates the Deployment and waits (helm --timeout 90s) until its pods are Ready: that takes
    // longer than the driver's 1.5 s default, which must not cut it short.
    await helm.rollback({ ...ref, revision: 1, wait: true, timeout: 90 });
    expect(await deploymentReady(cluster, n, "slowroll")).toBe(true);
    // Checks go through a driver with an ordinary deadline: on a loaded machine a `get` may itself exceed 1.5 s.
    const checker = newDriver(bin);
    expect(await checker.getMetadata(ref)).toMatchObject({ revision: 3, status: "deployed" });
    expect(await helm.uninstall({ ...ref, deleteTimeout: 90 })).toBe(true);
    expect(await checker.getMetadata(ref)).toBeUndefined();
  });

  test("the driver's default deadline (options.timeoutMs) ends a call to an API server that never answers; kubeconfig temp file removed", async () => {
    // A TCP server that accepts connections and never says anything: helm would wait on it indefinitely.
    const sockets: net.Socket[] = [];
    const server = net.createServer((s) => sockets.push(s));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const helm = newDriver(bin, { timeoutMs: 2000 });
      const kubeconfig = kubeconfigText(`https://127.0.0.1:${port}`, testbed().cluster.caFile, "token-of-the-silent-server", "silent");
      const t0 = Date.now();
      const err = await rejection(helm.list({ kubeconfig, namespace: "default" }));
      expect(Date.now() - t0).toBeLessThan(10_000);
      expect(err).toBeInstanceOf(HelmError);
      expect(err).toMatchObject({ timedOut: true, operation: "list" });
      expect(err.message).toMatch(/timed out after 2s/);
      expect(err.message).not.toContain("token-of-the-silent-server");
      expect(sockets.length).toBeGreaterThan(0); // helm did try to reach it
      expect(driverTempDirs()).toEqual([]);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
