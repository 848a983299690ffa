/**
 * Private copies of the binaries the figures run (helm v4, helm v3, helmfile), taken at the start of a run: the shared
 * tool cache can be rebuilt by `scripts/setup.sh` while the benchmark runs, and a binary vanishing mid-run would fail it.
 * helmfile and the helm-diff plugin are built first when missing (`bash scripts/setup.sh helmfile helmdiff`), or awaited
 * when a build is in progress.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ToolPaths } from "../test/harness/tools";
import { repoRoot as benchRepoRoot } from "../test/harness/tools";
import { execTimed } from "./exec";
import { progress } from "./types";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Make sure helmfile and the helm-diff plugin exist (the benchmark tier of scripts/setup.sh). */
export async function ensureBenchTools(tools: ToolPaths): Promise<void> {
  await ensureComponent("helmfile", path.dirname(tools.helmfile), tools.helmfile);
  await ensureComponent("helmdiff", path.dirname(tools.helmDiffPlugins), path.join(tools.helmDiffPlugins, "diff", "bin", "diff"));
}

/** Make sure a setup component exists: wait for a build in progress (…partial), else build it with the setup script. */
async function ensureComponent(component: string, dir: string, file: string, timeoutMs = 15 * 60_000): Promise<void> {
  const complete = () => fs.existsSync(path.join(dir, ".complete")) && fs.existsSync(file);
  if (complete()) return;
  const deadline = Date.now() + timeoutMs;
  if (fs.existsSync(`${dir}.partial`)) {
    progress(`${component} is being built by someone else (${dir}.partial): waiting`);
    while (!complete() && fs.existsSync(`${dir}.partial`) && Date.now() < deadline) await sleep(2000);
    if (complete()) return;
  }
  progress(`${component} missing: bash scripts/setup.sh ${component}`);
  await execTimed("bash", [path.join(benchRepoRoot, "scripts", "setup.sh"), component], { timeoutMs: Math.max(60_000, deadline - Date.now()) });
}

/** Copy (or hard-link) `helm4`, `helm3`, `helmfile` and the helm-diff plugin into `dir`; returns paths to the copies. */
export function privateTools(tools: ToolPaths, dir: string): ToolPaths {
  fs.mkdirSync(dir, { recursive: true });
  const copy = (src: string, name: string) => {
    const dest = path.join(dir, name);
    try {
      fs.linkSync(src, dest);
    } catch {
      fs.copyFileSync(src, dest);
      fs.chmodSync(dest, 0o755);
    }
    return dest;
  };
  const plugins = path.join(dir, "plugins");
  fs.cpSync(tools.helmDiffPlugins, plugins, { recursive: true });
  return { ...tools, helm4: copy(tools.helm4, "helm4"), helm3: copy(tools.helm3, "helm3"), helmfile: copy(tools.helmfile, "helmfile"), helmDiffPlugins: plugins };
}
