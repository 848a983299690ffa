/** Counting pulls at the server: the registry's access log and the chart repository's request counter. */
import { countManifestPulls, Registry } from "../test/harness/registry";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Manifest GETs for `repository` in the registry's access log, read once the log has settled (the registry writes a
 * line after it answered, so the client can exit a few milliseconds before its line is on disk).
 */
export async function settledManifestPulls(registry: Registry, repository: string): Promise<number> {
  let last = countManifestPulls(registry, repository);
  for (;;) {
    await sleep(150);
    const now = countManifestPulls(registry, repository);
    if (now === last) return now;
    last = now;
  }
}

/** Pulls caused by `fn`: the settled count after it minus the settled count before it. */
export async function pullsDuring<T>(registry: Registry, repository: string, fn: () => Promise<T>): Promise<{ pulls: number; value: T }> {
  const before = await settledManifestPulls(registry, repository);
  const value = await fn();
  const after = await settledManifestPulls(registry, repository);
  return { pulls: after - before, value };
}
