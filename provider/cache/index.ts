/** The chart cache's public surface, and the one way the rest of the project builds a cache. */
import * as path from "node:path";
import { homesUnder } from "../helm/environment";
import { HelmDriver } from "../helm/driver";
import { PrivateTempDir } from "../helm/temp-files";
import { ChartCache, defaultCacheDir } from "./chart-cache";
import { RetryOptions } from "./retry";

export { ChartCache, ChartResolutionError, defaultCacheDir } from "./chart-cache";
export type { ChartRequest, ResolvedChart } from "./chart-cache";
export { ChartReferenceError, chartSource } from "./chart-source";
export type { RepositorySpec, ChartSource } from "./chart-source";
export { isPinned } from "./versions";

export interface CreateChartCacheOptions {
  /** @default defaultCacheDir() */
  dir?: string;
  /** helm binary. @default $PULUMI_HELMFILE_HELM, then `helm` on PATH */
  helmBinary?: string;
  log?: (message: string) => void;
  retry?: RetryOptions;
  lockStaleMs?: number;
}

/**
 * A chart cache with its own helm driver whose homes (repositories, registry logins) live in a private temp dir of
 * this process: credentials applied for the cache never touch the user's helm configuration.
 */
export function createChartCache(o: CreateChartCacheOptions = {}): ChartCache {
  const homes = homesUnder(path.join(new PrivateTempDir("cache-helm", { untilExit: true }).path, "helm"));
  const helm = new HelmDriver({ binary: o.helmBinary, homes, onProgress: o.log });
  return new ChartCache({ dir: o.dir ?? defaultCacheDir(), helm, log: o.log, retry: o.retry, lockStaleMs: o.lockStaleMs });
}
