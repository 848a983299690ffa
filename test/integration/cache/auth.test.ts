import * as fs from "node:fs";
import * as path from "node:path";
import { startChartRepo } from "../../harness/chart-repo";
import { fixtureChart, pushChart } from "../../harness/charts";
import { startRegistry, stopRegistry } from "../../harness/registry";
import { tempDir } from "../../harness/testbed";
import { toolPaths } from "../../harness/tools";
import { entryCount, testCache } from "./helpers";

const helm = toolPaths().helm4;
const PASSWORD = "Pw-4e1f9c2b-never-show-me";

/** Every process's command line, sampled from /proc. */
function sampleCmdlines(into: Set<string>): void {
  for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      into.add(fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " "));
    } catch {
      /* exited */
    }
  }
}

describe("chart cache with credentials", () => {
  test("authenticated OCI registry and HTTP repository work; wrong passwords fail clearly; the password never shows", async () => {
    const dir = tempDir("auth");
    const registry = await startRegistry({ dir: path.join(dir, "registry"), auth: { username: "ci", password: PASSWORD } });
    const repo = await startChartRepo({ dir: path.join(dir, "repo"), charts: [fixtureChart("web")], helm, auth: { username: "ci", password: PASSWORD } });
    const cmdlines = new Set<string>();
    const sampler = setInterval(() => sampleCmdlines(cmdlines), 20);
    const logs: string[] = [];
    try {
      await pushChart(helm, registry, fixtureChart("web"), ["0.1.0"]);
      const cacheDir = path.join(dir, "cache");
      const cache = testCache(cacheDir, helm, (m) => logs.push(m));
      const oci = await cache.resolve({
        chart: "private/web",
        version: "0.1.0",
        repository: { name: "private", url: `${registry.host}/charts`, oci: true, plainHttp: true, username: "ci", password: PASSWORD },
      });
      expect(oci).toMatchObject({ name: "web", version: "0.1.0", origin: "download" });
      const http = await cache.resolve({ chart: "private/web", version: "~0.1", repository: { name: "private", url: repo.url, username: "ci", password: PASSWORD } });
      expect(http).toMatchObject({ name: "web", version: "0.1.0" });

      const wrongOci = await testCache(path.join(dir, "c2"), helm)
        .resolve({ chart: `oci://${registry.host}/charts/web`, version: "0.1.0", repository: { url: registry.host, oci: true, plainHttp: true, username: "ci", password: "wrong-password" } })
        .catch((e: Error) => e);
      expect(String(wrongOci)).toMatch(/chart 'web' version '0\.1\.0' could not be fetched from oci:\/\/.*unauthorized|401|denied|failed/i);
      const wrongRepo = await testCache(path.join(dir, "c3"), helm)
        .resolve({ chart: "private/web", version: "0.1.0", repository: { name: "private", url: repo.url, username: "ci", password: "wrong-password" } })
        .catch((e: Error) => e);
      expect(String(wrongRepo)).toMatch(/401|unauthorized|forbidden|could not be fetched|failed/i);
      for (const e of [wrongOci, wrongRepo]) {
        expect(String(e)).not.toContain("wrong-password");
        expect(JSON.stringify(e)).not.toContain("wrong-password");
      }
      expect(entryCount(path.join(dir, "c2"))).toBe(0);
    } finally {
      clearInterval(sampler);
      await repo.close();
      await stopRegistry(registry);
    }
    expect(cmdlines.size).toBeGreaterThan(10);
    expect([...cmdlines].filter((c) => c.includes(PASSWORD))).toEqual([]);
    expect([...cmdlines].filter((c) => c.includes("wrong-password"))).toEqual([]);
    expect(logs.join("\n")).not.toContain(PASSWORD);
  });
});
