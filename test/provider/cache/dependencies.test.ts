/**
 * Ad-hoc chart dependencies (provider/cache/dependencies.ts), no cluster and no network: chartify's Chart.yaml
 * entries (name, repository, condition, alias), the Chart.yaml merge, the composed chart's digest, and the
 * composition itself from local charts and a packaged (archive) chart through a real chart cache.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { createChartCache } from "../../../provider/cache";
import { parseOciReference } from "../../../provider/cache/chart-source";
import { adhocEntry, composedDigest, dependencyProblems, mergeChartYaml, withDependencies } from "../../../provider/cache/dependencies";
import { packageChart } from "../../harness/charts";
import { toolPaths } from "../../harness/tools";
import { tempDir } from "../../harness/temp";

const tmp = tempDir("deps-unit");

function writeChart(dir: string, name: string, version: string, extra = ""): string {
  const chart = path.join(dir, name);
  fs.mkdirSync(path.join(chart, "templates"), { recursive: true });
  fs.writeFileSync(path.join(chart, "Chart.yaml"), `apiVersion: v2\nname: ${name}\nversion: ${version}\n${extra}`);
  fs.writeFileSync(path.join(chart, "templates", "cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-{{ .Chart.Name }}\n");
  return chart;
}

describe("chartify's Chart.yaml entry of an ad-hoc dependency", () => {
  it("OCI: name is the last path element, repository the reference without it; condition <name>.enabled", () => {
    expect(adhocEntry({ version: "1.2.0" }, parseOciReference("oci://reg.example.com/charts/redis"))).toEqual({
      name: "redis", repository: "oci://reg.example.com/charts", condition: "redis.enabled", version: "1.2.0",
    });
  });

  it("an alias names the condition (<alias>.enabled) and is kept", () => {
    expect(adhocEntry({ version: "~1.2", alias: "cache" }, parseOciReference("oci://reg.example.com/charts/redis"))).toEqual({
      name: "redis", repository: "oci://reg.example.com/charts", condition: "cache.enabled", alias: "cache", version: "~1.2",
    });
  });

  it("classic repository: the repository's URL as written (what `helm repo list` prints); local: file://<absolute dir>", () => {
    const repository = { name: "bitnami", url: "https://charts.example.com/stable/" };
    expect(adhocEntry({ version: "1.0.0", repository }, { kind: "repository", url: "https://charts.example.com/stable", chart: "nginx", repository })).toMatchObject({
      name: "nginx", repository: "https://charts.example.com/stable/", condition: "nginx.enabled",
    });
    expect(adhocEntry({ version: "0.1.0" }, { kind: "local", path: "/srv/charts/sub" })).toMatchObject({ name: "sub", repository: "file:///srv/charts/sub" });
  });

  it("a dependency needs a chart and a version (helm refuses an empty constraint)", () => {
    expect(dependencyProblems([{ chart: "oci://r/x/dep", version: "1.0.0" }])).toEqual([]);
    expect(dependencyProblems([{ chart: "oci://r/x/dep" }])[0].reason).toMatch(/dependencies\[0\] \(oci:\/\/r\/x\/dep\): a version or constraint is required/);
    expect(dependencyProblems([{ version: "1" }])[0].reason).toMatch(/a chart is required/);
  });
});

describe("Chart.yaml merge (chartify's UpdateRequirements)", () => {
  const adhoc = { name: "redis", repository: "oci://r/charts", condition: "cache.enabled", alias: "cache", version: "1.2.0" };

  it("the chart's own dependencies, then requirements.yaml's, then the ad-hoc ones; other fields kept", () => {
    const chart = [
      "apiVersion: v2",
      "name: app",
      "version: 1.10",
      'appVersion: "2.0"',
      "description: an app",
      "dependencies:",
      "  - name: db",
      "    version: 1.10",
      "    repository: https://charts.example.com",
      "    condition: db.enabled",
      "    tags: [backend]",
      "    import-values: [data]",
      "",
    ].join("\n");
    const requirements = "dependencies:\n  - name: legacy\n    version: 0.1.0\n    repository: file://../legacy\n";
    const merged = parse(mergeChartYaml(chart, requirements, [adhoc]));
    expect(merged.dependencies).toEqual([
      // chartify re-writes them with its fields only (tags are dropped), versions as written.
      { name: "db", repository: "https://charts.example.com", condition: "db.enabled", version: "1.10", "import-values": ["data"] },
      { name: "legacy", repository: "file://../legacy", version: "0.1.0" },
      adhoc,
    ]);
    expect(merged).toMatchObject({ apiVersion: "v2", name: "app", appVersion: "2.0", description: "an app" });
  });

  it("without dependencies of its own the chart gets exactly the ad-hoc ones", () => {
    expect(parse(mergeChartYaml("apiVersion: v2\nname: app\nversion: 0.1.0\n", undefined, [adhoc])).dependencies).toEqual([adhoc]);
  });
});

describe("composed chart digest", () => {
  const yaml = "dependencies: []\n";
  const base = composedDigest("base", yaml, [{ file: "redis-1.2.0.tgz", digest: "a" }]);
  it("changes with a dependency's content or version, the Chart.yaml (alias, constraint) and the base chart", () => {
    expect(composedDigest("base", yaml, [{ file: "redis-1.2.1.tgz", digest: "b" }])).not.toBe(base);
    expect(composedDigest("base", yaml, [{ file: "redis-1.2.0.tgz", digest: "b" }])).not.toBe(base);
    expect(composedDigest("base", "dependencies: [x]\n", [{ file: "redis-1.2.0.tgz", digest: "a" }])).not.toBe(base);
    expect(composedDigest("other", yaml, [{ file: "redis-1.2.0.tgz", digest: "a" }])).not.toBe(base);
  });
  it("does not depend on the order the parts are listed in", () => {
    const p = [{ file: "a.tgz", digest: "1" }, { file: "b.tgz", digest: "2" }];
    expect(composedDigest("x", yaml, p)).toBe(composedDigest("x", yaml, [...p].reverse()));
  });
});

describe("composition through the chart cache (local and packaged charts)", () => {
  const cache = createChartCache({ dir: path.join(tmp, "cache"), helmBinary: toolPaths().helm4 });
  const src = path.join(tmp, "src");
  const app = writeChart(src, "app", "0.1.0", 'appVersion: "1.0"\n');
  const dep = writeChart(src, "sub", "0.1.0");

  it("a copy of the chart whose Chart.yaml lists the dependency and whose charts/ holds it; lookup and resolve agree", async () => {
    const deps = [{ chart: dep, version: "0.1.0", alias: "extra" }];
    const resolved = await withDependencies(cache, { chart: app }, deps, "resolve");
    const looked = await withDependencies(cache, { chart: app }, deps, "lookup");
    expect(looked).toEqual(resolved);
    expect(resolved).toMatchObject({ name: "app", version: "0.1.0", appVersion: "1.0" });
    const dir = resolved!.path;
    expect(dir).not.toBe(app);
    expect(parse(fs.readFileSync(path.join(dir, "Chart.yaml"), "utf8")).dependencies).toEqual([
      { name: "sub", repository: `file://${dep}`, condition: "extra.enabled", alias: "extra", version: "0.1.0" },
    ]);
    expect(fs.readFileSync(path.join(dir, "charts", "sub", "Chart.yaml"), "utf8")).toContain("name: sub");
    // The chart itself is untouched.
    expect(fs.existsSync(path.join(app, "charts"))).toBe(false);
  });

  it("the digest changes when the dependency's version (or alias) does", async () => {
    const a = await withDependencies(cache, { chart: app }, [{ chart: dep, version: ">=0.1.0" }], "resolve");
    fs.writeFileSync(path.join(dep, "Chart.yaml"), "apiVersion: v2\nname: sub\nversion: 0.2.0\n");
    const b = await withDependencies(cache, { chart: app }, [{ chart: dep, version: ">=0.1.0" }], "resolve");
    const c = await withDependencies(cache, { chart: app }, [{ chart: dep, version: ">=0.1.0", alias: "other" }], "resolve");
    expect(new Set([a!.digest, b!.digest, c!.digest]).size).toBe(3);
    expect(a!.path).not.toBe(b!.path);
    expect(fs.existsSync(a!.path)).toBe(true); // published entries are immutable
  });

  it("a local dependency whose version does not satisfy the constraint fails, as in helm", async () => {
    await expect(withDependencies(cache, { chart: app }, [{ chart: dep, version: "~0.1.0" }], "resolve")).rejects.toThrow(/can't get a valid version for dependency sub/);
  });

  it("a packaged chart is unpacked (Chart.yaml from the archive); the archive dependency lands as <name>-<version>.tgz", async () => {
    const helm = toolPaths().helm4;
    const pkg = await packageChart(helm, app, "0.3.0", path.join(tmp, "pkg"));
    const depPkg = await packageChart(helm, dep, "0.4.0", path.join(tmp, "pkg"));
    const r = await withDependencies(cache, { chart: pkg }, [{ chart: depPkg, version: "0.4.0" }], "resolve");
    expect(r).toMatchObject({ name: "app", version: "0.3.0" });
    expect(fs.readFileSync(path.join(r!.path, "templates", "cm.yaml"), "utf8")).toContain("{{ .Release.Name }}");
    const listed = parse(fs.readFileSync(path.join(r!.path, "Chart.yaml"), "utf8"));
    expect(listed).toMatchObject({ name: "app", version: "0.3.0", dependencies: [{ name: path.basename(depPkg), repository: `file://${depPkg}` }] });
    expect(fs.readdirSync(path.join(r!.path, "charts"))).toEqual(["sub-0.4.0.tgz"]);
  });
});
