/**
 * `deps`: resolving lock-managed charts to versions and writing helmfile.lock, as `helmfile deps` does
 * (pkg/state/chart_dependency.go): a temporary chart whose Chart.yaml lists the charts as dependencies (the existing
 * lock copied to Chart.lock), `helm dependency update`, then Chart.lock's dependencies sorted by name and
 * deduplicated, written as the lock.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import type { RegistryLoginRequest, RepoAddRequest } from "./helm/driver";
import { withTempDir } from "./helm/temp-files";
import { driverFor } from "./release/context";

/** The helmfile version whose `helmfile deps` this emulates: the `version` of the locks it writes. */
export const HELMFILE_LOCK_VERSION = "v1.8.0";

/** One lock-managed chart of a state file. */
export interface LockDependency {
  name: string;
  repository: string;
  /** The release's constraint ("*" when it gave none). */
  version: string;
  /** helmfile's unique alias: `<namespace>-<release>`. */
  alias: string;
}

/** What `deps` writes for one lock file. */
export interface LockUpdate {
  lockFile: string;
  dependencies: LockDependency[];
  /** Repositories and registry logins helm may need (credentials included; they live only during the call). */
  repositories: RepoAddRequest[];
  registries: RegistryLoginRequest[];
  helmBinary?: string;
  /** `--skip-repos`: no repository refresh. */
  skipRefresh?: boolean;
  /** `--args`. */
  extraArgs?: string[];
  /**
   * Written as the lock's `version`. helmfile refuses a lock written by a helmfile newer than itself, so this is the
   * helmfile version whose lock format is written (see {@link HELMFILE_LOCK_VERSION}), not this package's.
   */
  writtenBy: string;
}

/** The lock helmfile writes from helm's Chart.lock: dependencies sorted by name, duplicates dropped. Pure. */
export function lockFromChartLock(chartLock: string, writtenBy: string): string {
  const l = (parse(chartLock) ?? {}) as { dependencies?: { name: string; repository?: string; version: string }[]; digest?: string; generated?: string };
  const seen = new Set<string>();
  const deps = [...(l.dependencies ?? [])]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .filter((d) => {
      const k = `${d.name}|${d.repository ?? ""}|${d.version}`;
      return seen.has(k) ? false : (seen.add(k), true);
    })
    .map((d) => ({ name: d.name, repository: d.repository ?? "", version: d.version }));
  return stringify({ version: writtenBy, dependencies: deps, digest: l.digest ?? "", generated: l.generated ?? "" });
}

/** Resolve and write one lock file; returns its new content. */
export async function updateLockFile(u: LockUpdate): Promise<string> {
  const helm = driverFor({ helmBinary: u.helmBinary });
  return withTempDir("deps", async (tmp) => {
    const chart = tmp.dir("chart");
    const name = path.basename(u.lockFile).replace(/\.lock$/, "");
    fs.writeFileSync(path.join(chart, "Chart.yaml"), `name: ${name}\nversion: 1.0.0\napiVersion: v2\n${stringify({ dependencies: u.dependencies })}`);
    if (fs.existsSync(u.lockFile)) fs.copyFileSync(u.lockFile, path.join(chart, "Chart.lock"));
    await helm.dependencyUpdate(chart, { repositories: u.repositories, registries: u.registries, skipRefresh: u.skipRefresh, extraArgs: u.extraArgs });
    const content = lockFromChartLock(fs.readFileSync(path.join(chart, "Chart.lock"), "utf8"), u.writtenBy);
    fs.mkdirSync(path.dirname(u.lockFile), { recursive: true });
    fs.writeFileSync(u.lockFile, content);
    return content;
  });
}
