/**
 * Release `dependencies:` (helmfile's ad-hoc chart dependencies, chartify), through the real CLI (dist) and helm 4:
 * (differential) `pulumi-helmfile template` is byte-identical to `helmfile template` for releases whose dependencies
 * come from a classic repository, an OCI registry (one aliased) and a local directory — on a local chart and on a
 * chart from the repository — with the charts' `.Chart.Dependencies` printed so Chart.yaml's merge is compared too;
 * two releases sharing a dependency chart@version pull it once from the registry (access log), and a dependency
 * condition (`<alias>.enabled: false`) drops it as in helmfile.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { pushChart, writeTree } from "../harness/charts";
import { type ChartRepo, startChartRepo } from "../harness/chart-repo";
import { countManifestPulls, type Registry, startRegistry, stopRegistry } from "../harness/registry";
import { repoRoot, requireTool, toolPaths } from "../harness/tools";
import { tempDir } from "../harness/temp";

const execFileP = promisify(execFile);
jest.setTimeout(180_000);

/** A chart printing its name, a value, and its Chart.yaml dependencies as helm sees them. */
function writeChart(dir: string, name: string, version = "0.1.0"): string {
  const chart = path.join(dir, name);
  const files: Record<string, string> = {
    "Chart.yaml": `apiVersion: v2\nname: ${name}\nversion: ${version}\nappVersion: "1.0"\n`,
    "values.yaml": `greeting: from-${name}\n`,
    "templates/cm.yaml": [
      "apiVersion: v1",
      "kind: ConfigMap",
      "metadata:",
      "  name: {{ .Release.Name }}-{{ .Chart.Name }}",
      "data:",
      "  greeting: {{ .Values.greeting | quote }}",
      "  chart: {{ .Chart.Name }}-{{ .Chart.Version }}",
      "  dependencies: {{ toJson .Chart.Dependencies | quote }}",
      "",
    ].join("\n"),
  };
  return writeTree(chart, files);
}

describe("pulumi-helmfile template: release dependencies", () => {
  const helm = toolPaths().helm4;
  const dir = tempDir("cli-deps");
  const src = path.join(dir, "src");
  const env = { ...process.env, PULUMI_HELMFILE_HELM: helm, HOME: path.join(dir, "home"), NODE_OPTIONS: "" };
  const main = path.join(repoRoot, "dist", "sdk", "cli", "main.js");
  let registry: Registry;
  let repo: ChartRepo;
  let file: string;
  let shared: string;

  beforeAll(async () => {
    const app = writeChart(src, "app");
    writeChart(src, "dep-repo");
    const ociDep = writeChart(src, "dep-oci");
    writeChart(path.join(dir, "local"), "dep-local");
    registry = await startRegistry({ dir: path.join(dir, "registry") });
    await pushChart(helm, registry, ociDep, ["0.1.0", "0.2.0"]);
    repo = await startChartRepo({ dir: path.join(dir, "repo"), charts: [app, path.join(src, "dep-repo")], helm });
    const deps = [
      "    dependencies:",
      "      - chart: myrepo/dep-repo",
      "        version: 0.1.0",
      `      - chart: oci://${registry.host}/charts/dep-oci`,
      "        version: ~0.1.0",
      "        alias: cache",
      "      - chart: ./local/dep-local",
      "        version: 0.1.0",
    ];
    file = path.join(dir, "helmfile.yaml");
    fs.writeFileSync(
      file,
      [
        "repositories:",
        "  - name: myrepo",
        `    url: ${repo.url}`,
        "releases:",
        "  - name: local-base",
        "    namespace: ns1",
        `    chart: ${app}`,
        "    values:",
        "      - cache: { greeting: set-by-parent }",
        ...deps,
        "  - name: repo-base",
        "    namespace: ns2",
        "    chart: myrepo/app",
        "    version: 0.1.0",
        ...deps,
        "  - name: disabled-dep",
        `    chart: ${app}`,
        "    values:",
        "      - cache: { enabled: false }",
        "    dependencies:",
        `      - chart: oci://${registry.host}/charts/dep-oci`,
        "        version: 0.1.0",
        "        alias: cache",
        "",
      ].join("\n"),
    );
    shared = path.join(dir, "shared.yaml");
    fs.writeFileSync(
      shared,
      ["releases:", ...["one", "two"].flatMap((n) => [`  - name: ${n}`, `    chart: ${app}`, "    dependencies:", `      - chart: oci://${registry.host}/charts/dep-oci`, "        version: 0.2.0"]), ""].join("\n"),
    );
  });

  afterAll(async () => {
    if (registry) await stopRegistry(registry);
    if (repo) await repo.close();
  });

  const ours = (f: string, cache: string) => execFileP(process.execPath, [main, "template", "-f", f, "--oci-plain-http"], { env: { ...env, PULUMI_HELMFILE_CACHE_DIR: cache }, cwd: dir });
  const theirs = (f: string) => execFileP(requireTool(toolPaths().helmfile, "helmfile"), ["--helm-binary", helm, "template", "-f", f, "--oci-plain-http"], { env, cwd: dir });

  it("prints the same manifests as `helmfile template` (classic, OCI with alias, and local dependencies; local and repository base charts)", async () => {
    const [mine, helmfiles] = [await ours(file, path.join(dir, "cache-a")), await theirs(file)];
    // The dependencies were rendered, under their alias, with the parent's values for them, and helm saw them listed.
    expect(mine.stdout).toContain("name: local-base-dep-repo");
    expect(mine.stdout).toContain("# Source: app/charts/cache/templates/cm.yaml");
    expect(mine.stdout).toMatch(/name: local-base-cache\n[\s\S]*?greeting: "set-by-parent"\n  chart: cache-0\.1\.0/);
    expect(mine.stdout).toContain("name: repo-base-dep-local");
    expect(mine.stdout).toContain(`\\"Condition\\":\\"cache.enabled\\",\\"Enabled\\":true,\\"ImportValues\\":[],\\"Name\\":\\"cache\\",\\"Repository\\":\\"oci://${registry.host}/charts\\"`);
    expect(mine.stdout).toContain(`\\"Repository\\":\\"${repo.url}\\"`);
    // `cache.enabled: false` drops the aliased dependency.
    expect(mine.stdout).toContain("name: disabled-dep-app");
    expect(mine.stdout).not.toContain("name: disabled-dep-cache");
    expect(mine.stdout).toBe(helmfiles.stdout);
  });

  it("two releases sharing a dependency chart@version pull it once from the registry", async () => {
    const before = countManifestPulls(registry, "charts/dep-oci", "0.2.0");
    const mine = await ours(shared, path.join(dir, "cache-b"));
    expect(mine.stdout).toContain("name: one-dep-oci");
    expect(mine.stdout).toContain("name: two-dep-oci");
    expect(countManifestPulls(registry, "charts/dep-oci", "0.2.0") - before).toBe(1);
    // And again with the cache warm: no pull at all.
    await ours(shared, path.join(dir, "cache-b"));
    expect(countManifestPulls(registry, "charts/dep-oci", "0.2.0") - before).toBe(1);
  });
});
