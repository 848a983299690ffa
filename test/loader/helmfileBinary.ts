/** Running the real helmfile (v1.8.0, built by `scripts/setup.sh helmfile`) in an isolated environment. */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { tempDir } from "../harness/temp";

/** The tool cache directory of scripts/setup.sh. */
export function toolsDir(): string {
  return process.env.PULUMI_HELMFILE_TOOLS ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "pulumi-helmfile", "tools");
}

function versionOf(name: string): string | undefined {
  const f = path.resolve(__dirname, "../../scripts/versions.sh");
  const m = new RegExp(`^${name}=["']?([^"'\\s]+)`, "m").exec(fs.readFileSync(f, "utf8"));
  return m?.[1];
}

/** Absolute paths of the helmfile binary and of a directory holding `helm`, or why they are missing. */
export function locateTools(): { helmfile: string; helmDir: string } | { missing: string } {
  const tools = toolsDir();
  const helmfile = path.join(tools, `helmfile-${versionOf("HELMFILE_VERSION") ?? "v1.8.0"}`, "helmfile");
  const helmDir = path.join(tools, `helm-${versionOf("HELM4_VERSION") ?? "v4.3.1"}`);
  if (!fs.existsSync(helmfile)) return { missing: `helmfile binary not found at ${helmfile}: run \`bash scripts/setup.sh helmfile\`` };
  if (!fs.existsSync(path.join(helmDir, "helm"))) return { missing: `helm not found in ${helmDir}: run \`bash scripts/setup.sh helm\`` };
  return { helmfile, helmDir };
}

/** Result of one helmfile run. */
export interface HelmfileRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs helmfile with `args` in `cwd`, with HOME/HELM_* dirs isolated in a temp dir and only `env` from outside. */
export function runHelmfile(tools: { helmfile: string; helmDir: string }, args: string[], cwd: string, env: Record<string, string | undefined>): HelmfileRun {
  const home = tempDir("helmfile-diff");
  try {
    const r = spawnSync(tools.helmfile, args, {
      cwd,
      encoding: "utf8",
      timeout: 60_000,
      env: {
        ...Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined)),
        PATH: `${tools.helmDir}:/usr/bin:/bin`,
        HOME: home,
        // helmfile's chartify leaves its temporary charts behind: keep them in this run's home.
        TMPDIR: home,
        HELM_CACHE_HOME: path.join(home, "helm-cache"),
        HELM_CONFIG_HOME: path.join(home, "helm-config"),
        HELM_DATA_HOME: path.join(home, "helm-data"),
        HELMFILE_CACHE_HOME: path.join(home, "helmfile-cache"),
        NO_COLOR: "1",
      },
    });
    return { status: r.status ?? -1, stdout: r.stdout ?? "", stderr: (r.stderr ?? "") + (r.error ? String(r.error) : "") };
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

/** `--state-values-set` assignments equivalent to a values map (`a.b=c`, `list[0]=x`). */
export function stateValuesSetArgs(values: Record<string, unknown>, prefix = ""): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(values)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (Array.isArray(v)) v.forEach((x, i) => out.push(`${key}[${i}]=${String(x)}`));
    else if (v !== null && typeof v === "object") out.push(...stateValuesSetArgs(v as Record<string, unknown>, key));
    else out.push(`${key}=${String(v)}`);
  }
  return out;
}
