import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { fixtureChart } from "../harness/charts";
import { repoRoot, requireTool, toolPaths } from "../harness/tools";
import { tempDir } from "../harness/temp";

const execFileP = promisify(execFile);

/** A helmfile whose releases use local charts only (no network, no cluster): two releases, values, set, a selector label. */
function writeHelmfile(dir: string): string {
  const file = path.join(dir, "helmfile.yaml");
  fs.writeFileSync(
    file,
    [
      "releases:",
      "  - name: one",
      "    namespace: ns1",
      `    chart: ${fixtureChart("web")}`,
      "    labels: { tier: front }",
      "    values:",
      "      - greeting: from-one",
      "        extra: { a: b }",
      "  - name: two",
      "    namespace: ns2",
      `    chart: ${fixtureChart("web")}`,
      "    set:",
      "      - name: extra.k",
      "        value: v",
      "      - name: password",
      "        value: s3cret-value",
      "  - name: off",
      `    chart: ${fixtureChart("web")}`,
      "    installed: false",
      "",
    ].join("\n"),
  );
  return file;
}

describe("pulumi-helmfile template", () => {
  const helm = toolPaths().helm4;
  const dir = tempDir("cli-template");
  const file = writeHelmfile(dir);
  const env = { ...process.env, PULUMI_HELMFILE_HELM: helm, PULUMI_HELMFILE_CACHE_DIR: path.join(dir, "cache"), NODE_OPTIONS: "" };
  const ours = (args: string[]) => execFileP(process.execPath, [path.join(repoRoot, "dist", "sdk", "cli", "main.js"), "template", "-f", file, ...args], { env });

  test("prints the same manifests as `helmfile template`, release by release", async () => {
    const helmfile = requireTool(toolPaths().helmfile, "helmfile");
    const theirs = await execFileP(helmfile, ["--helm-binary", helm, "template", "-f", file], { env: { ...env, HOME: path.join(dir, "home") } });
    const mine = await ours([]);
    expect(mine.stdout).toContain("greeting: \"from-one\"");
    expect(mine.stdout).toBe(theirs.stdout);
  });

  test("renders in the order of needs, as helmfile: a release needing one declared after it comes after it (byte-identical)", async () => {
    const needsFile = path.join(dir, "needs.yaml");
    const rel = (name: string, needs: string[]) => [`  - name: ${name}`, "    namespace: ns", `    chart: ${fixtureChart("web")}`, ...(needs.length ? [`    needs: [${needs.join(", ")}]`] : [])];
    fs.writeFileSync(needsFile, ["releases:", ...rel("app", ["db", "cache"]), ...rel("db", []), ...rel("cache", ["db"]), ...rel("metrics", []), ""].join("\n"));
    const helmfile = requireTool(toolPaths().helmfile, "helmfile");
    const theirs = await execFileP(helmfile, ["--helm-binary", helm, "template", "-f", needsFile], { env: { ...env, HOME: path.join(dir, "home") } });
    const mine = await execFileP(process.execPath, [path.join(repoRoot, "dist", "sdk", "cli", "main.js"), "template", "-f", needsFile], { env });
    const order = (text: string) => [...text.matchAll(/name: (\w+)-config/g)].map((m) => m[1]);
    expect(order(mine.stdout)).toEqual(["db", "metrics", "cache", "app"]);
    expect(mine.stdout).toBe(theirs.stdout);
  });

  test("honours selectors, and fails clearly (exit 1, one line) when helm is missing", async () => {
    const selected = await ours(["-l", "tier=front"]);
    expect(selected.stdout).toContain("one-config");
    expect(selected.stdout).not.toContain("two-config");
    const failed = await execFileP(process.execPath, [path.join(repoRoot, "dist", "sdk", "cli", "main.js"), "template", "-f", file], {
      env: { ...env, PULUMI_HELMFILE_HELM: "", PATH: "/nonexistent" },
    }).catch((e: { code: number; stderr: string }) => e);
    expect((failed as { code: number }).code).toBe(1);
    expect((failed as { stderr: string }).stderr).toMatch(/^Templating release=one.*\nerror: helm not found on PATH: is helm installed\?/s);
    expect((failed as { stderr: string }).stderr).not.toMatch(/\bat \S+ \(/);
  });
});
