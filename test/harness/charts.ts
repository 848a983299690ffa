/** The test charts (test/fixtures/charts) and helpers to package and push them with the real helm. */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { isolatedHelmEnv } from "./helm-env";
import { repoRoot } from "./tools";
import { tempDir } from "./temp";

const execFileP = promisify(execFile);

/** Absolute path of a fixture chart directory ("web", "umbrella"). */
export function fixtureChart(name: string): string {
  return path.join(repoRoot, "test", "fixtures", "charts", name);
}

/** `helm package` a chart directory at `version` into `outDir`; returns the .tgz path. */
export async function packageChart(helm: string, chartDir: string, version: string, outDir: string): Promise<string> {
  fs.mkdirSync(outDir, { recursive: true });
  const env = { ...process.env, ...isolatedHelmEnv(path.join(outDir, ".helm")) };
  const { stdout } = await execFileP(helm, ["package", chartDir, "--version", version, "-d", outDir], { env });
  const m = /saved it to: (.+\.tgz)/.exec(stdout);
  if (!m) throw new Error(`helm package: unexpected output: ${stdout}`);
  return m[1].trim();
}

/**
 * Push `chartDir` at each version to `oci://<host>/<repository>` (the chart's name is appended by helm),
 * logging in first when credentials are given.
 */
export async function pushChart(
  helm: string,
  registry: { host: string; auth?: { username: string; password: string } },
  chartDir: string,
  versions: string[],
  repository = "charts",
): Promise<void> {
  const work = tempDir("push");
  try {
    const env = { ...process.env, ...isolatedHelmEnv(path.join(work, "helm")) };
    if (registry.auth) {
      const login = execFile(helm, ["registry", "login", registry.host, "--plain-http", "-u", registry.auth.username, "--password-stdin"], { env });
      login.stdin?.end(registry.auth.password);
      await new Promise<void>((resolve, reject) =>
        login.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`helm registry login failed (${code})`)))),
      );
    }
    for (const v of versions) {
      const tgz = await packageChart(helm, chartDir, v, path.join(work, "pkg"));
      await execFileP(helm, ["push", tgz, `oci://${registry.host}/${repository}`, "--plain-http"], { env });
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Write `files` (relative path → content) under `dir`, creating directories; returns `dir`. */
export function writeTree(dir: string, files: Record<string, string>): string {
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), text);
  }
  return dir;
}
