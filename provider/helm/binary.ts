/** Finding the helm binary and its major version (detected once per binary and process). */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
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

/** Identity of a binary without running it: a digest of its resolved path, size and mtime. Throws when it is missing. */
export function binaryIdentity(binaryPath: string): string {
  const st = fs.statSync(binaryPath);
  return crypto.createHash("sha256").update(`${path.resolve(binaryPath)}|${st.size}|${st.mtimeMs}`).digest("hex");
}

/** The executable `name` on the given PATH, or undefined. */
export function onPath(name: string, envPath: string | undefined): string | undefined {
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

/**
 * Where detected versions are remembered across processes, keyed by the binary's path, size and mtime: a no-change
 * preview must not start even a `helm version`.
 */
function memoFile(binaryPath: string): string | undefined {
  try {
    const key = binaryIdentity(binaryPath).slice(0, 24);
    const dir = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "pulumi-helmfile", "helm-versions");
    return path.join(dir, `${key}.json`);
  } catch {
    return undefined;
  }
}

/** Detect the binary's version with `helm version` (once per binary, remembered on disk). Only helm 3 and 4 are supported. */
export function detectHelm(binaryPath: string): Promise<HelmBinary> {
  let p = detected.get(binaryPath);
  if (!p) {
    p = (async () => {
      const memo = memoFile(binaryPath);
      if (memo && fs.existsSync(memo)) {
        const known = JSON.parse(fs.readFileSync(memo, "utf8")) as HelmBinary;
        return { ...known, path: binaryPath };
      }
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
      const info: HelmBinary = { path: binaryPath, version, major };
      if (memo) {
        fs.mkdirSync(path.dirname(memo), { recursive: true });
        fs.writeFileSync(`${memo}.${process.pid}`, JSON.stringify(info));
        fs.renameSync(`${memo}.${process.pid}`, memo);
      }
      return info;
    })();
    p.catch(() => detected.delete(binaryPath));
    detected.set(binaryPath, p);
  }
  return p;
}
