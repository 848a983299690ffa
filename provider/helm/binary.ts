/** Finding the helm binary and its major version (detected once per binary and process). */
import * as fs from "node:fs";
import * as path from "node:path";
import { HelmNotFoundError } from "./errors";
import { run } from "./run";

/** A helm binary and what it is. */
export interface HelmBinary {
  path: string;
  /** Full version, e.g. "v4.3.1". */
  version: string;
  major: 3 | 4;
}

/** Environment variable naming the helm binary (helmfile's HELMFILE_HELM_BINARY is honoured too). */
export const HELM_BINARY_ENV = "PULUMI_HELMFILE_HELM";

function onPath(name: string, envPath: string | undefined): string | undefined {
  for (const dir of (envPath ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, name);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      /* next */
    }
  }
  return undefined;
}

/** The helm binary to use: the explicit option, else $PULUMI_HELMFILE_HELM, else $HELMFILE_HELM_BINARY, else `helm` on PATH. */
export function locateHelm(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = explicit || env[HELM_BINARY_ENV] || env.HELMFILE_HELM_BINARY;
  if (chosen) {
    const p = chosen.includes(path.sep) ? chosen : onPath(chosen, env.PATH);
    if (p && fs.existsSync(p)) return p;
    throw new HelmNotFoundError(`helm binary '${chosen}' not found: is helm installed? (set ${HELM_BINARY_ENV} or the helmBinary option)`);
  }
  const p = onPath("helm", env.PATH);
  if (!p) throw new HelmNotFoundError(`helm not found on PATH: is helm installed? (set ${HELM_BINARY_ENV} or the helmBinary option to its path)`);
  return p;
}

const detected = new Map<string, Promise<HelmBinary>>();

/** Detect the binary's version with `helm version` (once per path per process). Only helm 3 and 4 are supported. */
export function detectHelm(binaryPath: string): Promise<HelmBinary> {
  let p = detected.get(binaryPath);
  if (!p) {
    p = (async () => {
      const { stdout } = await run({
        operation: "version",
        binary: binaryPath,
        args: ["version", "--template", "{{.Version}}"],
        env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/" },
        timeoutMs: 30_000,
      });
      const version = stdout.trim();
      const m = /^v?(\d+)\./.exec(version);
      const major = m ? Number(m[1]) : NaN;
      if (major !== 3 && major !== 4) throw new HelmNotFoundError(`${binaryPath} is helm ${version}; pulumi-helmfile needs helm 3 or 4`);
      return { path: binaryPath, version, major };
    })();
    p.catch(() => detected.delete(binaryPath));
    detected.set(binaryPath, p);
  }
  return p;
}
