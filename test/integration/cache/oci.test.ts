import * as fs from "node:fs";
import * as path from "node:path";
import { fixtureChart, pushChart } from "../../harness/charts";
import { countManifestPulls } from "../../harness/registry";
import { tempDir, testbed } from "../../harness/testbed";
import { toolPaths } from "../../harness/tools";
import { entryCount, runWorker, testCache, uniqueRepo } from "./helpers";

/** Manifest GETs since `pushed` (helm's push itself GETs the manifest once per version pushed). */
function pullsSince(registry: Parameters<typeof countManifestPulls>[0], repo: string, pushed: number, tag?: string): number {
  return countManifestPulls(registry, repo, tag) - pushed;
}

const helm = toolPaths().helm4;

describe("chart cache with an OCI registry", () => {
  test("50 concurrent resolutions of one chart@version in one process cause exactly 1 pull", async () => {
    const { registry } = testbed();
    const repo = uniqueRepo("one-proc");
    await pushChart(helm, registry, fixtureChart("web"), ["0.1.0"], repo);
    const pushed = countManifestPulls(registry, `${repo}/web`);
    const dir = tempDir("cache");
    const cache = testCache(dir, helm);
    const req = { chart: `oci://${registry.host}/${repo}/web`, version: "0.1.0", plainHttp: true };
    const results = await Promise.all(Array.from({ length: 50 }, () => cache.resolve(req)));
    expect(pullsSince(registry, `${repo}/web`, pushed)).toBe(1);
    expect(new Set(results.map((r) => r.path)).size).toBe(1);
    expect(results.filter((r) => r.origin === "download")).toHaveLength(1);
    expect(results[0]).toMatchObject({ name: "web", version: "0.1.0", appVersion: "1.0.0" });
    expect(results[0].digest).toMatch(/^[0-9a-f]{64}$/);
  });

  test("2 processes x 25 concurrent resolutions cause 1 pull in total; two versions cause exactly 2", async () => {
    const { registry } = testbed();
    const repo = uniqueRepo("two-proc");
    await pushChart(helm, registry, fixtureChart("web"), ["0.1.0", "0.2.0"], repo);
    const p1 = countManifestPulls(registry, `${repo}/web`, "0.1.0");
    const p2 = countManifestPulls(registry, `${repo}/web`, "0.2.0");
    const dir = tempDir("cache");
    const url = `oci://${registry.host}/${repo}/web`;
    const requests = (v: string) => Array.from({ length: 25 }, () => ({ chart: url, version: v, plainHttp: true }));
    const [a, b] = await Promise.all([runWorker({ dir, helmBinary: helm, requests: requests("0.1.0") }).done, runWorker({ dir, helmBinary: helm, requests: requests("0.1.0") }).done]);
    expect(a.error ?? b.error).toBeUndefined();
    expect(pullsSince(registry, `${repo}/web`, p1, "0.1.0")).toBe(1);
    const [c, d] = await Promise.all([
      runWorker({ dir, helmBinary: helm, requests: [...requests("0.1.0"), ...requests("0.2.0")] }).done,
      runWorker({ dir, helmBinary: helm, requests: [...requests("0.2.0"), ...requests("0.1.0")] }).done,
    ]);
    expect(c.error ?? d.error).toBeUndefined();
    expect(pullsSince(registry, `${repo}/web`, p1, "0.1.0")).toBe(1);
    expect(pullsSince(registry, `${repo}/web`, p2, "0.2.0")).toBe(1);
    expect(entryCount(dir)).toBe(2);
  });

  test("a pinned, cached chart costs no network and no helm process: lookup() answers from disk", async () => {
    const { registry } = testbed();
    const repo = uniqueRepo("pinned");
    await pushChart(helm, registry, fixtureChart("web"), ["0.1.0"], repo);
    const pushed = countManifestPulls(registry, `${repo}/web`);
    const dir = tempDir("cache");
    const req = { chart: `oci://${registry.host}/${repo}/web`, version: "0.1.0", plainHttp: true };
    expect(testCache(dir, helm).lookup(req)).toBeUndefined();
    const first = await runWorker({ dir, helmBinary: helm, requests: [req] }).done;
    expect(first.results?.[0].origin).toBe("download");
    const second = await runWorker({ dir, helmBinary: helm, requests: [req] }).done;
    expect(second.results?.[0].origin).toBe("disk");
    expect(pullsSince(registry, `${repo}/web`, pushed)).toBe(1);
    const looked = testCache(dir, helm).lookup(req);
    expect(looked?.path).toBe(first.results?.[0].path);
  });

  test("a semver range resolves against the registry's tags once per process and lands in the cache", async () => {
    const { registry } = testbed();
    const repo = uniqueRepo("range");
    await pushChart(helm, registry, fixtureChart("web"), ["0.1.0", "0.2.0", "1.0.0"], repo);
    const pushed = countManifestPulls(registry, `${repo}/web`);
    const dir = tempDir("cache");
    const cache = testCache(dir, helm);
    const req = { chart: `oci://${registry.host}/${repo}/web`, version: "^0.1.0 || ~0.2", plainHttp: true };
    const results = await Promise.all(Array.from({ length: 10 }, () => cache.resolve(req)));
    expect(new Set(results.map((r) => r.version))).toEqual(new Set(["0.2.0"]));
    expect(pullsSince(registry, `${repo}/web`, pushed)).toBe(1);
    // the exact version is now cached: asking for it pinned costs nothing
    expect(cache.lookup({ ...req, version: "0.2.0" })?.version).toBe("0.2.0");
  });

  test("a corrupted (truncated) cache entry is detected and fetched again", async () => {
    const { registry } = testbed();
    const repo = uniqueRepo("corrupt");
    await pushChart(helm, registry, fixtureChart("web"), ["0.1.0"], repo);
    const pushed = countManifestPulls(registry, `${repo}/web`);
    const dir = tempDir("cache");
    const req = { chart: `oci://${registry.host}/${repo}/web`, version: "0.1.0", plainHttp: true };
    const first = await runWorker({ dir, helmBinary: helm, requests: [req] }).done;
    const archive = first.results?.[0].path as string;
    const bytes = fs.readFileSync(archive);
    fs.writeFileSync(archive, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(testCache(dir, helm).lookup(req)).toBeUndefined();
    const again = await runWorker({ dir, helmBinary: helm, requests: [req] }).done;
    expect(again.results?.[0].origin).toBe("download");
    expect(fs.readFileSync(archive)).toEqual(bytes);
    expect(pullsSince(registry, `${repo}/web`, pushed)).toBe(2);
  });

  test("a chart or version that does not exist gives an error naming chart, version and registry, and caches nothing", async () => {
    const { registry } = testbed();
    const dir = tempDir("cache");
    const cache = testCache(dir, helm);
    await expect(cache.resolve({ chart: `oci://${registry.host}/charts/web`, version: "9.9.9", plainHttp: true })).rejects.toThrow(
      new RegExp(`chart 'web' version '9\\.9\\.9' could not be fetched from oci://${registry.host.replace(/\./g, "\\.")}/charts/web`),
    );
    expect(entryCount(dir)).toBe(0);
    expect(fs.readdirSync(path.join(dir, "v1", "tmp"))).toEqual([]);
  });
});
