/** Shared helpers of the chart-cache integration tests. */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { createChartCache, ChartCache, ChartRequest, ResolvedChart } from "../../../provider/cache";
import { repoRoot } from "../../harness/tools";

/** A cache on `dir` using `helm`, with fast retries for tests. */
export function testCache(dir: string, helm: string, log?: (m: string) => void): ChartCache {
  return createChartCache({ dir, helmBinary: helm, log, retry: { attempts: 3, baseDelayMs: 100 } });
}

/** Number of published entries in a cache directory. */
export function entryCount(dir: string): number {
  const p = path.join(dir, "v1", "entries");
  return fs.existsSync(p) ? fs.readdirSync(p).length : 0;
}

export interface WorkerRun {
  pid: number;
  done: Promise<{ results?: ResolvedChart[]; error?: string; code: number | null }>;
  kill(signal: NodeJS.Signals): void;
}

/** Resolve `requests` in a separate Node process through the built package (dist/). */
export function runWorker(spec: { dir: string; helmBinary: string; requests: ChartRequest[]; lockStaleMs?: number }): WorkerRun {
  const child = spawn(process.execPath, [path.join(repoRoot, "test", "harness", "cache-worker.js"), JSON.stringify(spec)], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const done = new Promise<{ results?: ResolvedChart[]; error?: string; code: number | null }>((resolve) =>
    child.on("close", (code) => {
      try {
        resolve({ ...(JSON.parse(out.trim().split("\n").pop() || "{}") as object), code });
      } catch {
        resolve({ error: `worker output: ${out} ${err}`, code });
      }
    }),
  );
  return { pid: child.pid ?? -1, done, kill: (s) => child.kill(s) };
}

/** A unique OCI repository path per test, so registry pull counts of different tests never mix. */
export function uniqueRepo(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
}
