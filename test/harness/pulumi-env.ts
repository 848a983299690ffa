/**
 * A Pulumi environment for tests: the testbed's CLI, language host and dynamic-provider plugin on PATH, a file backend
 * in a temp directory, an empty passphrase, and every network feature (update check, plugin downloads, registry) off.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot, requireTool, toolPaths } from "./tools";

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
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    // Never leak the jest runner's flags or a developer's own Pulumi login into the test's engine.
    if (v === undefined || k === "NODE_OPTIONS" || k.startsWith("PULUMI_") || k.startsWith("JEST_")) continue;
    env[k] = v;
  }
  Object.assign(env, {
    PATH: [tools.pulumiBin, tools.langhostBin, path.dirname(process.execPath), process.env.PATH ?? ""].join(path.delimiter),
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
 * A copy of a fixture Pulumi project in a temp dir. Its node_modules holds a link to each entry of the repository's
 * node_modules, except `pulumi-helmfile`, which links to `o.packageRoot` (default: this repository, so a program and
 * the dynamic provider's shim — it requires "pulumi-helmfile/provider" by name — both load this checkout's dist, also
 * in a git worktree whose node_modules is shared with another checkout).
 */
export function projectCopy(src: string, dir: string, o: { packageRoot?: string } = {}): string {
  fs.cpSync(src, dir, { recursive: true });
  const shared = path.join(repoRoot, "node_modules");
  const own = path.join(dir, "node_modules");
  fs.mkdirSync(own);
  for (const entry of fs.readdirSync(shared)) {
    if (entry !== "pulumi-helmfile") fs.symlinkSync(path.join(shared, entry), path.join(own, entry));
  }
  fs.symlinkSync(o.packageRoot ?? repoRoot, path.join(own, "pulumi-helmfile"));
  return dir;
}
