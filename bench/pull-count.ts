/** Counting pulls at the server: the registry's access log and the chart repository's request counter. */
import { countManifestPulls, countRegistryRequests, Registry } from "../test/harness/registry";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Manifest GETs for `repository` in the registry's access log, read once the log has settled (the registry writes a
 * line after it answered, so the client can exit a few milliseconds before its line is on disk).
 */
export async function settledManifestPulls(registry: Registry, repository: string): Promise<number> {
  return settled(() => countManifestPulls(registry, repository));
}

async function settled(count: () => number): Promise<number> {
  let last = count();
  for (;;) {
    await sleep(150);
    const now = count();
    if (now === last) return now;
    last = now;
  }
}

/** Every registry API request (any method) caused by `fn`, settled like the pulls. */
export async function registryRequestsDuring<T>(registry: Registry, fn: () => Promise<T>): Promise<{ requests: number; value: T }> {
  const before = await settled(() => countRegistryRequests(registry));
  const value = await fn();
  return { requests: (await settled(() => countRegistryRequests(registry))) - before, value };
}

/** Pulls caused by `fn`: the settled count after it minus the settled count before it. */
export async function pullsDuring<T>(registry: Registry, repository: string, fn: () => Promise<T>): Promise<{ pulls: number; value: T }> {
  const before = await settledManifestPulls(registry, repository);
  const value = await fn();
  const after = await settledManifestPulls(registry, repository);
  return { pulls: after - before, value };
}
