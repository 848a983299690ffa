/**
 * `pulumi-helmfile deps` through the real CLI (dist) and helm 4, against a real classic chart repository with basic
 * auth: the lock it writes equals `helmfile deps`' (dependencies, digest), and `template`/`list` then install the
 * locked versions; the password never reaches the lock or the output.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { parse } from "yaml";
import { lockFromChartLock } from "../../provider/deps";
import { startChartRepo, type ChartRepo } from "../harness/chart-repo";
import { repoRoot, requireTool, toolPaths } from "../harness/tools";
import { tempDir } from "../harness/temp";

const execFileP = promisify(execFile);
jest.setTimeout(120_000);
const PASSWORD = "Deps-pw-5b1e-do-not-leak";

function chart(dir: string, name: string, version: string): string {
  const c = path.join(dir, "src", `${name}-${version}`);
  fs.mkdirSync(path.join(c, "templates"), { recursive: true });
  fs.writeFileSync(path.join(c, "Chart.yaml"), `apiVersion: v2\nname: ${name}\nversion: ${version}\n`);
  fs.writeFileSync(path.join(c, "templates", "cm.yaml"), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  chartVersion: {{ .Chart.Version | quote }}\n`);
  return c;
}

describe("pulumi-helmfile deps", () => {
  const helm = toolPaths().helm4;
  const dir = tempDir("cli-deps");
  let repo: ChartRepo;
  const env = { ...process.env, PULUMI_HELMFILE_HELM: helm, PULUMI_HELMFILE_CACHE_DIR: path.join(dir, "cache"), HOME: path.join(dir, "home"), NODE_OPTIONS: "", CHARTS_PASSWORD: PASSWORD };
  const main = path.join(repoRoot, "dist", "sdk", "cli", "main.js");
  const project = (name: string) => {
    const p = path.join(dir, name);
    fs.mkdirSync(p, { recursive: true });
    fs.writeFileSync(
      path.join(p, "helmfile.yaml"),
      ["repositories:", "  - name: charts", `    url: ${repo.url}`, "    username: ci", "releases:", "  - name: web", "    chart: charts/web", '    version: "~0.1.0"',
        "  - name: api", "    namespace: apps", "    chart: charts/api", ""].join("\n"),
    );
    return path.join(p, "helmfile.yaml");
  };
  const ours = (args: string[], f: string) => execFileP(process.execPath, [main, ...args, "-f", f], { env, cwd: path.dirname(f) });
  const theirs = (args: string[], f: string) => execFileP(requireTool(toolPaths().helmfile, "helmfile"), ["--helm-binary", helm, ...args, "-f", f], { env, cwd: path.dirname(f) });

  beforeAll(async () => {
    repo = await startChartRepo({ dir: path.join(dir, "repo"), helm, auth: { username: "ci", password: PASSWORD }, charts: [chart(dir, "web", "0.1.0"), chart(dir, "web", "0.1.2"), chart(dir, "web", "0.2.0"), chart(dir, "api", "1.0.0")] });
  });
  afterAll(() => repo.close());

  it("writes the lock helmfile deps writes, and template/list use the locked versions", async () => {
    const mineFile = project("ours");
    const theirsFile = project("theirs");
    const run = await ours(["deps"], mineFile);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/wrote .*helmfile\.lock \(2 charts\)/);
    await theirs(["deps"], theirsFile);
    const mine = parse(fs.readFileSync(path.join(path.dirname(mineFile), "helmfile.lock"), "utf8"));
    const their = parse(fs.readFileSync(path.join(path.dirname(theirsFile), "helmfile.lock"), "utf8"));
    expect(mine.dependencies).toEqual(their.dependencies);
    expect(mine.dependencies).toEqual([
      { name: "api", repository: repo.url, version: "1.0.0" },
      { name: "web", repository: repo.url, version: "0.1.2" },
    ]);
    expect([mine.version, their.version]).toEqual(["v1.8.0", "v1.8.0"]); // helmfile refuses locks of a newer helmfile
    expect(fs.readFileSync(path.join(path.dirname(mineFile), "helmfile.lock"), "utf8")).not.toContain(PASSWORD);
    for (const t of [run.stdout, run.stderr]) expect(t).not.toContain(PASSWORD);

    // The locked versions are what is rendered, by both.
    const [a, b] = await Promise.all([ours(["template"], mineFile), theirs(["template"], theirsFile)]);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toContain('chartVersion: "0.1.2"');
    const list = JSON.parse((await ours(["list", "--output", "json"], mineFile)).stdout) as { name: string; version: string }[];
    expect(Object.fromEntries(list.map((r) => [r.name, r.version]))).toEqual({ web: "0.1.2", api: "1.0.0" });
  });

  it("lockFromChartLock: sorted by name, duplicates dropped, helm's digest and time kept", () => {
    const out = parse(lockFromChartLock("dependencies:\n- {name: b, repository: r, version: 1.0.0}\n- {name: a, repository: r, version: 2.0.0}\n- {name: b, repository: r, version: 1.0.0}\ndigest: sha256:x\ngenerated: t\n", "0.1.0"));
    expect(out).toEqual({ version: "0.1.0", dependencies: [{ name: "a", repository: "r", version: "2.0.0" }, { name: "b", repository: "r", version: "1.0.0" }], digest: "sha256:x", generated: "t" });
  });
});
