/**
 * A Pulumi environment for tests: the testbed's CLI and dynamic-provider plugin on PATH, its language host and the
 * kubernetes resource plugin in PULUMI_HOME's plugin directory, a file backend in a temp directory, an empty
 * passphrase, and every network feature (update check, plugin downloads, registry) off.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot, requireTool, ToolPaths, toolPaths, toolVersions } from "./tools";

export interface PulumiEnv {
  /** Environment for `pulumi` processes and Automation API workspaces. */
  env: Record<string, string>;
  backendUrl: string;
  home: string;
}

export function pulumiEnv(dir: string, extra: Record<string, string> = {}): PulumiEnv {
  const tools = toolPaths();
  requireTool(path.join(tools.pulumiBin, "pulumi"), "pulumi CLI");
  requireTool(path.join(tools.langhostBin, "pulumi-language-nodejs"), "pulumi-language-nodejs (testbed language host)");
  const backend = path.join(dir, "backend");
  const home = path.join(dir, "pulumi-home");
  fs.mkdirSync(backend, { recursive: true });
  fs.mkdirSync(home, { recursive: true });
  installPlugins(home, tools);
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    // Never leak the jest runner's flags or a developer's own Pulumi login into the test's engine.
    if (v === undefined || k === "NODE_OPTIONS" || k.startsWith("PULUMI_") || k.startsWith("JEST_")) continue;
    env[k] = v;
  }
  Object.assign(env, {
    PATH: [tools.pulumiBin, path.dirname(process.execPath), process.env.PATH ?? ""].join(path.delimiter),
    PULUMI_HOME: home,
    PULUMI_BACKEND_URL: `file://${backend}`,
    PULUMI_CONFIG_PASSPHRASE: "",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_DISABLE_REGISTRY_RESOLVE: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
    PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "false",
    // Keep the helmfile cache of a test run private unless the test shares one on purpose.
    ...extra,
  });
  if (process.env.PULUMI_HELMFILE_TOOLS) env.PULUMI_HELMFILE_TOOLS = process.env.PULUMI_HELMFILE_TOOLS;
  return { env, backendUrl: `file://${backend}`, home };
}

/**
 * Link the testbed's plugins into PULUMI_HOME/plugins as the CLI's plugin cache lays them out
 * (<kind>-<name>-<version>/<binary>). Found there, they carry their version (no "expected to have version" warning)
 * and the CLI does not warn "using … from $PATH" on every command. The kubernetes plugin is linked when it is built.
 */
function installPlugins(home: string, tools: ToolPaths): void {
  const v = toolVersions();
  const plugins = [{ dir: `language-nodejs-${v.PULUMI_VERSION}`, file: path.join(tools.langhostBin, "pulumi-language-nodejs") }];
  if (fs.existsSync(tools.k8sPlugin)) plugins.push({ dir: `resource-kubernetes-${v.PULUMI_KUBERNETES_VERSION}`, file: tools.k8sPlugin });
  for (const p of plugins) {
    const dir = path.join(home, "plugins", p.dir);
    fs.mkdirSync(dir, { recursive: true });
    const link = path.join(dir, path.basename(p.file));
    fs.rmSync(link, { force: true });
    fs.symlinkSync(p.file, link);
  }
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the `pulumi` CLI; never throws on a non-zero exit (tests assert on `code`). */
export function runPulumi(args: string[], o: { cwd: string; env: Record<string, string>; timeoutMs?: number; stdin?: string }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("pulumi", [...args, "--non-interactive"], { cwd: o.cwd, env: o.env, stdio: ["pipe", "pipe", "pipe"] });
    child.stdin.end(o.stdin ?? "");
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), o.timeoutMs ?? 300_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

/**
 * The package root whose dist and dependencies a test project loads: $PULUMI_HELMFILE_PACKAGE_ROOT (.ci/matrix: this
 * dist with the newest @pulumi/pulumi), else this repository.
 */
function packageRootOf(o: { packageRoot?: string } = {}): string {
  return o.packageRoot ?? (process.env.PULUMI_HELMFILE_PACKAGE_ROOT || repoRoot);
}

/**
 * Give `dir` a node_modules holding a link to each entry of the package root's node_modules, except
 * `pulumi-helmfile`, which links to the package root itself (see packageRootOf). The engine starts the
 * dynamic-provider plugin in the project's directory, and its launcher resolves `@pulumi/pulumi/cmd/dynamic-provider`
 * from there; the provider's shim requires "pulumi-helmfile/provider" by name. So a project (or an Automation API
 * `workDir`) outside the repository works only with this, not because some node_modules happens to sit above the temp
 * directory — also in a git worktree whose node_modules is shared with another checkout.
 */
export function linkNodeModules(dir: string, o: { packageRoot?: string } = {}): string {
  const root = packageRootOf(o);
  const shared = path.join(root, "node_modules");
  const own = path.join(dir, "node_modules");
  fs.mkdirSync(own, { recursive: true });
  for (const entry of fs.readdirSync(shared)) {
    if (entry !== "pulumi-helmfile") fs.symlinkSync(path.join(shared, entry), path.join(own, entry));
  }
  fs.symlinkSync(root, path.join(own, "pulumi-helmfile"));
  return dir;
}

/** A copy of a fixture Pulumi project in a temp dir, with linkNodeModules. */
export function projectCopy(src: string, dir: string, o: { packageRoot?: string } = {}): string {
  fs.cpSync(src, dir, { recursive: true });
  return linkNodeModules(dir, o);
}

/** A self-contained Automation API `workDir` (created if missing): see linkNodeModules. */
export function automationWorkDir(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  return linkNodeModules(dir);
}
