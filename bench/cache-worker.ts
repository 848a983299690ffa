/**
 * A separate Node process resolving charts through the built chart cache, timing itself and reporting its own peak RSS:
 * `node dist/bench/cache-worker.js '<json {dir, helmBinary, requests}>'` prints one JSON line
 * {ms, origins, hwmKiB} or {error}. Used for the warm case (a new process finding the chart on disk) and for memory.
 */
import * as fs from "node:fs";
import { ChartRequest, createChartCache } from "../provider/cache";

interface WorkerSpec {
  dir: string;
  helmBinary: string;
  requests: ChartRequest[];
}

/** VmHWM of this process in KiB (0 where /proc is not available). */
export function selfHwmKiB(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync("/proc/self/status", "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2]) as WorkerSpec;
  const t0 = performance.now();
  const cache = createChartCache({ dir: spec.dir, helmBinary: spec.helmBinary });
  const results = await Promise.all(spec.requests.map((r) => cache.resolve(r)));
  const ms = performance.now() - t0;
  const origins: Record<string, number> = {};
  for (const r of results) origins[r.origin] = (origins[r.origin] ?? 0) + 1;
  process.stdout.write(JSON.stringify({ ms, origins, hwmKiB: selfHwmKiB() }) + "\n");
}

if (require.main === module) {
  main().catch((e: Error) => {
    process.stdout.write(JSON.stringify({ error: e.message }) + "\n");
    process.exit(1);
  });
}
