/**
 * helm 4 takes a post-renderer plugin's name, not a path: `postRenderer: ./postrenderers/add-labels.bash` becomes the
 * plugin `add-labels` (helmfile's rule), so the same helmfile renders the same with helmfile v1.8.0 and with
 * pulumi-helmfile (byte-identical); helm 3 runs the script itself. A plugin that is not installed is an error naming it.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { fixtureChart } from "../harness/charts";
import { repoRoot, requireTool, toolPaths } from "../harness/tools";
import { tempDir } from "../harness/temp";

const execFileP = promisify(execFile);
jest.setTimeout(120_000);

describe("post-renderer paths", () => {
  const dir = tempDir("cli-postrender");
  const script = path.join(dir, "postrenderers", "add-labels.bash");
  fs.mkdirSync(path.dirname(script), { recursive: true });
  fs.writeFileSync(script, '#!/bin/sh\nexec sed "s/^metadata:$/metadata:\\n  labels: {post-rendered: \\"yes\\"}/"\n', { mode: 0o755 });
  const plugins = path.join(dir, "plugins");
  fs.mkdirSync(path.join(plugins, "add-labels"), { recursive: true });
  fs.writeFileSync(
    path.join(plugins, "add-labels", "plugin.yaml"),
    ["apiVersion: v1", "type: postrenderer/v1", "name: add-labels", "version: 0.1.0", "runtime: subprocess", "runtimeConfig:", "  platformCommand:", `    - command: ${script}`, ""].join("\n"),
  );
  const file = path.join(dir, "helmfile.yaml");
  fs.writeFileSync(file, ["releases:", "  - name: pr", "    namespace: ns", `    chart: ${fixtureChart("web")}`, "    postRenderer: ./postrenderers/add-labels.bash", ""].join("\n"));
  const env = (helm: string, extra: Record<string, string> = {}) => ({ ...process.env, PULUMI_HELMFILE_HELM: helm, PULUMI_HELMFILE_CACHE_DIR: path.join(dir, "cache"), HOME: path.join(dir, "home"), NODE_OPTIONS: "", ...extra });
  const main = path.join(repoRoot, "dist", "sdk", "cli", "main.js");
  const ours = (helm: string, extra?: Record<string, string>) => execFileP(process.execPath, [main, "template", "-f", file], { env: env(helm, extra), cwd: dir });
  const theirs = (helm: string, extra?: Record<string, string>) => execFileP(requireTool(toolPaths().helmfile, "helmfile"), ["--helm-binary", helm, "template", "-f", file], { env: env(helm, extra), cwd: dir });

  it.each([
    ["helm 4 (the plugin add-labels)", () => toolPaths().helm4, { HELM_PLUGINS: plugins }],
    ["helm 3 (the script itself)", () => toolPaths().helm3, {}],
  ] as const)("%s: the same manifests as helmfile, post-rendered", async (_n, helm, extra) => {
    const [a, b] = await Promise.all([ours(helm(), extra), theirs(helm(), extra)]);
    expect(a.stdout).toContain('post-rendered: "yes"');
    expect(a.stdout).toBe(b.stdout);
  });

  it("helm 4 without the plugin: an error naming it", async () => {
    const failed = await ours(toolPaths().helm4, { HELM_PLUGINS: path.join(dir, "none") }).then(() => undefined, (e: { code: number; stderr: string }) => e);
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/add-labels.*not found/);
  });
});
