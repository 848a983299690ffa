import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { execFileSync } from "node:child_process";
import { fixtureChart, pushChart } from "../../harness/charts";
import { isAlive } from "../../harness/processes";
import { countManifestPulls, startRegistry, stopRegistry } from "../../harness/registry";
import { startTcpProxy } from "../../harness/tcp-proxy";
import { tempDir } from "../../harness/testbed";
import { toolPaths } from "../../harness/tools";
import { entryCount, runWorker, testCache } from "./helpers";

const helm = toolPaths().helm4;

/** A copy of the web chart carrying `mb` MiB of incompressible data, so a throttled pull takes seconds. */
function bigChart(dir: string, mb: number): string {
  const chart = path.join(dir, "web");
  fs.cpSync(fixtureChart("web"), chart, { recursive: true });
  fs.writeFileSync(path.join(chart, "blob.bin"), crypto.randomBytes(mb * 1024 * 1024));
  return chart;
}

describe("chart cache faults", () => {
  test("a process SIGKILLed in the middle of a pull leaves nothing a later resolution trusts; the next one succeeds", async () => {
    const dir = tempDir("kill");
    const registry = await startRegistry({ dir: path.join(dir, "registry") });
    const proxy = await startTcpProxy({ host: "127.0.0.1", port: registry.port }, { bytesPerSecond: 512 * 1024 });
    try {
      await pushChart(helm, registry, bigChart(dir, 3), ["0.1.0"]);
      const cacheDir = path.join(dir, "cache");
      const req = { chart: `oci://127.0.0.1:${proxy.port}/charts/web`, version: "0.1.0", plainHttp: true };
      const victim = runWorker({ dir: cacheDir, helmBinary: helm, requests: [req], lockStaleMs: 2000 });
      // Wait until the pull is under way (the manifest was fetched), then kill the resolving process hard.
      const deadline = Date.now() + 20_000;
      while (countManifestPulls(registry, "charts/web") === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 700));
      victim.kill("SIGKILL");
      const killed = await victim.done;
      expect(killed.code).toBeNull();
      expect(isAlive(victim.pid)).toBe(false);
      expect(entryCount(cacheDir)).toBe(0);
      expect(testCache(cacheDir, helm).lookup(req)).toBeUndefined();
      // The dead holder's lock is stale; a new resolution takes it over and completes.
      const next = await runWorker({ dir: cacheDir, helmBinary: helm, requests: [req], lockStaleMs: 2000 }).done;
      expect(next.error).toBeUndefined();
      expect(next.results?.[0]).toMatchObject({ name: "web", version: "0.1.0", origin: "download" });
      expect(entryCount(cacheDir)).toBe(1);
    } finally {
      await proxy.close();
      await stopRegistry(registry);
    }
  });

  test("the cache's disk is full (ENOSPC): a clear error naming chart and version, no entry, nothing left behind; with room again the next resolution succeeds", async () => {
    const dir = tempDir("enospc");
    const registry = await startRegistry({ dir: path.join(dir, "registry") });
    const cacheDir = path.join(dir, "cache");
    fs.mkdirSync(cacheDir);
    // A real full disk: a 256 KiB tmpfs for the cache, a chart of 1 MiB of incompressible data.
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=256k", "tmpfs", cacheDir]);
    try {
      await pushChart(helm, registry, bigChart(dir, 1), ["0.1.0"]);
      const req = { chart: `oci://${registry.host}/charts/web`, version: "0.1.0", plainHttp: true };
      const err = await testCache(cacheDir, helm).resolve(req).then(() => undefined, (e: unknown) => e as Error);
      expect(err?.message).toMatch(/chart 'web' version '0\.1\.0'/);
      expect(err?.message).toMatch(/no space left on device|ENOSPC/i);
      expect(entryCount(cacheDir)).toBe(0);
      const files = fs.readdirSync(cacheDir, { recursive: true }).map(String).filter((f) => fs.statSync(path.join(cacheDir, f)).isFile());
      expect(files.filter((f) => !f.startsWith(path.join("v1", "locks")))).toEqual([]);
      execFileSync("mount", ["-o", "remount,size=16m", cacheDir]);
      const ok = await testCache(cacheDir, helm).resolve(req);
      expect(ok).toMatchObject({ name: "web", version: "0.1.0" });
      expect(entryCount(cacheDir)).toBe(1);
    } finally {
      execFileSync("umount", [cacheDir]);
      await stopRegistry(registry);
    }
  });

  test("registry down: bounded retries, then an error naming chart, version and registry; nothing half-written", async () => {
    const dir = tempDir("down");
    const registry = await startRegistry({ dir: path.join(dir, "registry") });
    const proxy = await startTcpProxy({ host: "127.0.0.1", port: registry.port });
    try {
      await pushChart(helm, registry, fixtureChart("web"), ["0.1.0"]);
      proxy.setDown(true);
      const cacheDir = path.join(dir, "cache");
      const logs: string[] = [];
      const cache = testCache(cacheDir, helm, (m) => logs.push(m));
      const t0 = Date.now();
      const err = await cache.resolve({ chart: `oci://127.0.0.1:${proxy.port}/charts/web`, version: "0.1.0", plainHttp: true }).catch((e: Error) => e);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toMatch(new RegExp(`chart 'web' version '0\\.1\\.0' could not be fetched from oci://127\\.0\\.0\\.1:${proxy.port}/charts/web`));
      // 3 attempts in all; on failure the object shows helm's message (why it was not judged transient).
      expect(`${logs.filter((l) => /retry \d/.test(l)).length} retries; ${(err as Error).message}`).toMatch(/^2 retries; /);
      expect(Date.now() - t0).toBeLessThan(60_000);
      expect(entryCount(cacheDir)).toBe(0);
      expect(fs.readdirSync(path.join(cacheDir, "v1", "tmp"))).toEqual([]);
      expect(fs.readdirSync(path.join(cacheDir, "v1", "locks"))).toEqual([]);
      // Registry back: the same cache object succeeds.
      proxy.setDown(false);
      const ok = await cache.resolve({ chart: `oci://127.0.0.1:${proxy.port}/charts/web`, version: "0.1.0", plainHttp: true });
      expect(ok.origin).toBe("download");
    } finally {
      await proxy.close();
      await stopRegistry(registry);
    }
  });
});
