import * as path from "node:path";
import { startChartRepo } from "../../harness/chart-repo";
import { fixtureChart } from "../../harness/charts";
import { tempDir } from "../../harness/testbed";
import { toolPaths } from "../../harness/tools";
import { runWorker, testCache } from "./helpers";
import { processCounts } from "../../../provider/helm/run";

const helm = toolPaths().helm4;

describe("chart cache with a classic HTTP repository", () => {
  test("50 concurrent resolutions: one index download and one .tgz download; a range resolves once", async () => {
    const dir = tempDir("repo");
    const repo = await startChartRepo({ dir: path.join(dir, "srv"), charts: [fixtureChart("web")], helm });
    try {
      const cache = testCache(path.join(dir, "cache"), helm);
      const repository = { name: "fixtures", url: repo.url };
      const pinned = await Promise.all(Array.from({ length: 50 }, () => cache.resolve({ chart: "fixtures/web", version: "0.1.0", repository })));
      expect(new Set(pinned.map((r) => r.path)).size).toBe(1);
      expect(repo.count((p) => p === "/index.yaml")).toBe(1);
      expect(repo.count((p) => p.endsWith(".tgz"))).toBe(1);
      const ranged = await Promise.all(Array.from({ length: 20 }, () => cache.resolve({ chart: "fixtures/web", version: ">=0.1.0, <1.0.0", repository })));
      expect(new Set(ranged.map((r) => r.version))).toEqual(new Set(["0.1.0"]));
      expect(repo.count((p) => p === "/index.yaml")).toBe(1); // index fetched once per process per repository
      expect(repo.count((p) => p.endsWith(".tgz"))).toBe(1);
      // Another process with the pinned version cached: no request at all.
      const other = await runWorker({ dir: path.join(dir, "cache"), helmBinary: helm, requests: [{ chart: "fixtures/web", version: "0.1.0", repository }] }).done;
      expect(other.results?.[0].origin).toBe("disk");
      expect(repo.count(() => true)).toBe(2);
      await expect(cache.resolve({ chart: "fixtures/web", version: "^3.0.0", repository })).rejects.toThrow(
        /no version of chart 'web' in repository 'http:\/\/127\.0\.0\.1:\d+' satisfies '\^3\.0\.0' \(available: 0\.1\.0\)/,
      );
    } finally {
      await repo.close();
    }
  });

  test("a local chart with a dependency: `helm dependency build` runs once per change of Chart.yaml", async () => {
    const dir = tempDir("local");
    const fs = await import("node:fs");
    fs.cpSync(path.join(fixtureChart("web"), ".."), path.join(dir, "charts"), { recursive: true });
    const umbrella = path.join(dir, "charts", "umbrella");
    const cache = testCache(path.join(dir, "cache"), helm);
    const before = processCounts.get("dependencyBuild") ?? 0;
    const results = await Promise.all(Array.from({ length: 5 }, () => cache.resolve({ chart: umbrella })));
    expect(results[0]).toMatchObject({ name: "umbrella", origin: "local" });
    expect(processCounts.get("dependencyBuild")).toBe(before + 1);
    await cache.resolve({ chart: umbrella });
    expect(processCounts.get("dependencyBuild")).toBe(before + 1);
    fs.appendFileSync(path.join(umbrella, "Chart.yaml"), "\nkeywords: [changed]\n");
    const changed = await cache.resolve({ chart: umbrella });
    expect(processCounts.get("dependencyBuild")).toBe(before + 2);
    expect(changed.digest).not.toBe(results[0].digest);
  });
});
