/**
 * Process-wide helpers of the release handlers: one chart cache and one helm driver per (cache dir, helm binary),
 * living in this package (not in the serialized provider), so every release of a deployment shares them.
 */
import * as path from "node:path";
import { ChartCache, createChartCache } from "../cache";
import { HelmDriver } from "../helm/driver";
import { homesUnder } from "../helm/environment";
import { PrivateTempDir } from "../helm/temp-files";
import type { ReleaseInputs } from "./inputs";

/** A destination of progress messages (one line each, without the newline). */
export type ProgressSink = (message: string) => void;

/** By default stdout: the dynamic-provider host forwards it to the engine as info messages. */
let progressSink: ProgressSink = (message) => process.stdout.write(`${message}\n`);

/** Reports progress (chart downloads, helm's stderr lines of long operations) to the current sink. */
export function progress(message: string): void {
  progressSink(message);
}

/** Sends progress elsewhere from now on (the CLI: stderr, so that stdout carries only the command's output). */
export function setProgressSink(sink: ProgressSink): void {
  progressSink = sink;
}

/**
 * A warning: the dynamic-provider host has no warning channel (stdout and stderr both reach the engine as info), so
 * it is a progress line that says so.
 */
export function warn(message: string): void {
  progress(`warning: ${message}`);
}

const caches = new Map<string, ChartCache>();
const drivers = new Map<string, HelmDriver>();

/** The chart cache for these inputs. */
export function chartCacheFor(i: Pick<ReleaseInputs, "cacheDir" | "helmBinary">): ChartCache {
  const key = `${i.cacheDir ?? ""}|${i.helmBinary ?? ""}`;
  let c = caches.get(key);
  if (!c) caches.set(key, (c = createChartCache({ dir: i.cacheDir, helmBinary: i.helmBinary, log: progress })));
  return c;
}

/** The helm driver for release operations (its own isolated helm homes). */
export function driverFor(i: Pick<ReleaseInputs, "helmBinary">): HelmDriver {
  const key = i.helmBinary ?? "";
  let d = drivers.get(key);
  if (!d) {
    const homes = homesUnder(path.join(new PrivateTempDir("release-helm", { untilExit: true }).path, "helm"));
    drivers.set(key, (d = new HelmDriver({ binary: i.helmBinary, homes, onProgress: progress })));
  }
  return d;
}
