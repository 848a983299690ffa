/** Starting cache workers (bench/cache-worker.ts and the harness's test/harness/cache-worker.js) as real processes. */
import * as path from "node:path";
import type { ChartRequest } from "../provider/cache";
import { repoRoot as benchRepoRoot } from "../test/harness/tools";
import { execTimed } from "./exec";

export interface WorkerReport {
  /** Wall time of the whole process, spawn to exit (node start-up and module loading included). */
  wallMs: number;
  /** Time inside the worker from cache creation to the last resolution (bench worker only). */
  innerMs?: number;
  origins?: Record<string, number>;
  hwmKiB?: number;
}

function parseLast(stdout: string): Record<string, unknown> {
  const line = stdout.trim().split("\n").pop() || "{}";
  return JSON.parse(line) as Record<string, unknown>;
}

const workerEnv = (): NodeJS.ProcessEnv => ({ ...process.env, NODE_OPTIONS: "" });

/** Run the bench worker (dist/bench/cache-worker.js) resolving `requests` on cache `dir`. */
export async function runBenchWorker(dir: string, helmBinary: string, requests: ChartRequest[], onSpawn?: (pid: number) => void): Promise<WorkerReport> {
  const r = await execTimed(process.execPath, [path.join(__dirname, "cache-worker.js"), JSON.stringify({ dir, helmBinary, requests })], { env: workerEnv(), onSpawn });
  const out = parseLast(r.stdout);
  if (out.error) throw new Error(`bench cache worker: ${String(out.error)}`);
  return { wallMs: r.ms, innerMs: out.ms as number, origins: out.origins as Record<string, number>, hwmKiB: out.hwmKiB as number };
}

/** Run the harness worker (test/harness/cache-worker.js, as the cross-process tests do) resolving `requests` on `dir`. */
export async function runHarnessWorker(dir: string, helmBinary: string, requests: ChartRequest[]): Promise<WorkerReport> {
  const script = path.join(benchRepoRoot, "test", "harness", "cache-worker.js");
  const r = await execTimed(process.execPath, [script, JSON.stringify({ dir, helmBinary, requests })], { env: workerEnv() });
  const out = parseLast(r.stdout) as { error?: string; results?: { origin: string }[] };
  if (out.error) throw new Error(`harness cache worker: ${out.error}`);
  const origins: Record<string, number> = {};
  for (const x of out.results ?? []) origins[x.origin] = (origins[x.origin] ?? 0) + 1;
  return { wallMs: r.ms, origins };
}
