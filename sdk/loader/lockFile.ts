/**
 * helmfile.lock: the chart versions `helmfile deps` (or `pulumi-helmfile deps`) pinned. As helmfile v1.8.0 does it
 * (pkg/state/chart_dependency.go): a state file's lock is its `lockFilePath` (relative to the file's directory), else
 * `<file name without .gotmpl/.yaml/.yml>.lock` beside it; when it exists, every release whose chart is `repo/chart` of
 * a repository declared in `repositories:` gets the first locked version of that chart (OCI: the chart's last path
 * segment) that satisfies the release's version constraint; no such version is an error. Releases with local or
 * `oci://` charts are not locked.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as semver from "semver";
import { parse } from "yaml";
import { toSemverRange } from "../../provider/cache/versions";
import type { RepositorySpec } from "../state/types";
import { HelmfileLoadError } from "./errors";

/** One locked chart. */
export interface LockedChart {
  name: string;
  repository: string;
  version: string;
}

/** A parsed lock file. */
export interface LockFile {
  file: string;
  /** helmfile's (or pulumi-helmfile's) version that wrote it. */
  version?: string;
  dependencies: LockedChart[];
  digest?: string;
  generated?: string;
}

/** Where the lock of `stateFile` is: `lockFilePath` (relative to its directory), else `<basename>.lock`. */
export function lockFilePathOf(stateFile: string, lockFilePath: string | undefined): string {
  if (lockFilePath) return path.resolve(path.dirname(stateFile), lockFilePath);
  const base = path.basename(stateFile).replace(/\.gotmpl$/, "").replace(/\.yaml$/, "").replace(/\.yml$/, "");
  return path.join(path.dirname(stateFile), `${base}.lock`);
}

/** The lock file at `file`, or undefined when there is none. A lock that does not parse is an error naming it. */
export function readLockFile(file: string): LockFile | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new HelmfileLoadError(`cannot read lock file: ${(e as Error).message}`, { file });
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new HelmfileLoadError(`lock file does not parse: ${(e as Error).message}`, { file });
  }
  const o = (doc ?? {}) as Record<string, unknown>;
  const deps = o.dependencies ?? [];
  if (typeof o !== "object" || Array.isArray(o) || !Array.isArray(deps)) {
    throw new HelmfileLoadError("lock file must be a map with a `dependencies` list", { file, keyPath: "dependencies" });
  }
  const dependencies = deps.map((d, i) => {
    const e = d as Record<string, unknown>;
    if (!e || typeof e.name !== "string" || typeof e.version !== "string" || semver.valid(e.version) === null) {
      throw new HelmfileLoadError("a locked chart needs a name and a semantic version", { file, keyPath: `dependencies[${i}]` });
    }
    return { name: e.name, repository: String(e.repository ?? ""), version: e.version };
  });
  return { file, version: o.version as string | undefined, dependencies, digest: o.digest as string | undefined, generated: o.generated as string | undefined };
}

/** `repo/chart` → [repo, chart]; undefined for local paths and URLs (helmfile's resolveRemoteChart). */
export function remoteChart(chart: string): [string, string] | undefined {
  if (chart.includes("://") || /^(\.{1,2}\/|\/)/.test(chart)) return undefined;
  const slash = chart.indexOf("/");
  return slash > 0 ? [chart.slice(0, slash), chart.slice(slash + 1)] : undefined;
}

/**
 * A release chart's entry in a lock: its name and repository URL (OCI: the chart's last path segment, and
 * `oci://<url>[/<path prefix>]`), when the chart is lock-managed at all (`repo/chart` of a declared repository).
 */
export function lockDependency(chart: string, repos: readonly RepositorySpec[]): { name: string; repository: string } | undefined {
  const rc = remoteChart(chart);
  if (!rc) return undefined;
  const repo = repos.find((r) => r.name === rc[0]);
  if (!repo) return undefined;
  if (!repo.oci) return { name: rc[1], repository: repo.url ?? "" };
  const cut = rc[1].lastIndexOf("/");
  const base = `oci://${(repo.url ?? "").replace(/\/+$/, "")}`;
  return { name: rc[1].slice(cut + 1), repository: cut >= 0 ? `${base}/${rc[1].slice(0, cut)}` : base };
}

/** The name of a release's chart in a lock file, when the chart is locked at all. */
export function lockedName(chart: string, repos: readonly RepositorySpec[]): string | undefined {
  return lockDependency(chart, repos)?.name;
}

/**
 * The locked version of a release's chart (undefined when the chart is not lock-managed), or an error naming the lock
 * file and the release's version key.
 */
export function lockedVersion(lock: LockFile, chart: string, constraint: string | undefined, repos: readonly RepositorySpec[], where: { file: string; keyPath: string }): string | undefined {
  const name = lockedName(chart, repos);
  if (name === undefined) return undefined;
  const range = toSemverRange(constraint || "*");
  if (semver.validRange(range) === null) throw new HelmfileLoadError(`invalid version constraint "${constraint}"`, where);
  const hit = lock.dependencies.find((d) => d.name === name && semver.satisfies(d.version, range));
  if (!hit) {
    const locked = lock.dependencies.filter((d) => d.name === name).map((d) => d.version);
    throw new HelmfileLoadError(
      `no resolved dependency found for "${name}"${constraint ? ` satisfying "${constraint}"` : ""} in lock file ${lock.file}` +
        `${locked.length ? ` (it locks ${locked.join(", ")})` : ""}, running "pulumi-helmfile deps" (or "helmfile deps") may resolve the issue`,
      where,
    );
  }
  return hit.version;
}
