/**
 * An OCI registry (Debian's docker-registry, CNCF distribution) on 127.0.0.1, optionally behind htpasswd auth.
 * Its access log is the independent witness of how many times a chart was pulled.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import * as path from "node:path";
import { freePort } from "./ports";
import { RunningProcess, startProcess, stopProcess } from "./processes";
import { requireTool, toolPaths } from "./tools";

export interface RegistryOptions {
  /** Directory for config, storage and log (created). */
  dir: string;
  /** Require basic auth with these credentials. */
  auth?: { username: string; password: string };
  /** Keep the registry running after this process exits (see StartOptions.outliveOwner). @default false */
  outliveOwner?: boolean;
}

/** A running registry. `host` is `127.0.0.1:<port>` (what helm's `oci://` references and `registry login` use). */
export interface Registry {
  host: string;
  port: number;
  logFile: string;
  process: RunningProcess;
  auth?: { username: string; password: string };
}

function httpStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.setTimeout(2000, () => req.destroy(new Error("timeout")));
  });
}

export async function startRegistry(o: RegistryOptions): Promise<Registry> {
  const tools = toolPaths();
  requireTool(tools.registry, "docker-registry (Debian package docker-registry)");
  fs.mkdirSync(path.join(o.dir, "storage"), { recursive: true });
  const port = await freePort();
  let authBlock = "";
  if (o.auth) {
    requireTool(tools.htpasswd, "htpasswd (Debian package apache2-utils)");
    const line = execFileSync(tools.htpasswd, ["-Bbn", o.auth.username, o.auth.password], { encoding: "utf8" });
    fs.writeFileSync(path.join(o.dir, "htpasswd"), line, { mode: 0o600 });
    authBlock = `auth:\n  htpasswd:\n    realm: test\n    path: ${path.join(o.dir, "htpasswd")}\n`;
  }
  const config = [
    "version: 0.1",
    "log:",
    "  level: info",
    "  accesslog:",
    "    disabled: false",
    "storage:",
    "  filesystem:",
    `    rootdirectory: ${path.join(o.dir, "storage")}`,
    "  delete:",
    "    enabled: true",
    "http:",
    `  addr: 127.0.0.1:${port}`,
    authBlock,
  ].join("\n");
  const configFile = path.join(o.dir, "config.yml");
  fs.writeFileSync(configFile, config);
  const logFile = path.join(o.dir, "registry.log");
  const proc = await startProcess({
    outliveOwner: o.outliveOwner,
    name: "docker-registry",
    command: tools.registry,
    args: ["serve", configFile],
    logFile,
    ready: async () => {
      const s = await httpStatus(`http://127.0.0.1:${port}/v2/`);
      return s === 200 || s === 401;
    },
    timeoutMs: 30_000,
  });
  return { host: `127.0.0.1:${port}`, port, logFile, process: proc, auth: o.auth };
}

export async function stopRegistry(r: Registry): Promise<void> {
  await stopProcess(r.process);
}

/**
 * Successful manifest GETs recorded in the access log, optionally for one repository (e.g. "charts/web")
 * and one reference (tag or digest). A pull of a chart is exactly one manifest GET; pushes and HEADs are not counted.
 */
export function countManifestPulls(r: Registry, repository?: string, reference?: string): number {
  let text = "";
  try {
    text = fs.readFileSync(r.logFile, "utf8");
  } catch {
    return 0;
  }
  let n = 0;
  const re = /"GET \/v2\/(.+?)\/manifests\/([^ ?"]+)[^"]*" (\d{3})/g;
  for (const m of text.matchAll(re)) {
    if (m[3] !== "200") continue;
    if (repository && m[1] !== repository) continue;
    if (reference && m[2] !== reference) continue;
    n++;
  }
  return n;
}

/** Every request to the registry API (/v2/…, any method and status) recorded in the access log so far. */
export function countRegistryRequests(r: Registry): number {
  let text = "";
  try {
    text = fs.readFileSync(r.logFile, "utf8");
  } catch {
    return 0;
  }
  return [...text.matchAll(/"(?:GET|HEAD|POST|PUT|PATCH|DELETE) \/v2\//g)].length;
}
