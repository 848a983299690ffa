/** Repositories: credentials fallback from env and chart reference resolution (`repo/chart`, `oci://`, local). */
import * as fs from "node:fs";
import * as path from "node:path";
import type { ChartRef, RepositorySpec } from "../state/types";

/** `<NAME>_USERNAME`/`<NAME>_PASSWORD` variable prefix for a repository name (upper-cased, `-` → `_`). */
export function credentialsEnvPrefix(name: string): string {
  return name.toUpperCase().replace(/-/g, "_");
}

/** A repository with credentials filled from the environment and TLS files made absolute. */
export function resolveRepository(r: RepositorySpec, baseDir: string, env: Record<string, string | undefined>): RepositorySpec {
  const out: RepositorySpec = { ...r };
  const prefix = credentialsEnvPrefix(r.name);
  if (!out.username && env[`${prefix}_USERNAME`]) out.username = env[`${prefix}_USERNAME`];
  if (!out.password && env[`${prefix}_PASSWORD`]) out.password = env[`${prefix}_PASSWORD`];
  for (const k of ["caFile", "certFile", "keyFile"] as const) {
    const v = out[k];
    if (v) out[k] = path.resolve(baseDir, v);
  }
  return out;
}

/** helmfile's isLocalChart (pkg/state/util.go). */
export function isLocalChartSyntax(chart: string): boolean {
  if (chart.startsWith("./") || chart.startsWith("../")) return true;
  if (chart.includes("://")) return false;
  const n = chart.split("/").length;
  return chart === "" || path.isAbsolute(chart) || !chart.includes("/") || (n !== 2 && n !== 3);
}

/** Why a chart could not be resolved. */
export class ChartRefError extends Error {}

/**
 * Resolves a chart as written to where it comes from. `repo/chart` needs a declared repository unless a directory
 * of that path exists beside the state file (then it is a local chart, as helmfile decides).
 */
export function resolveChartRef(chart: string, repos: RepositorySpec[], baseDir: string): ChartRef {
  if (chart.startsWith("oci://")) {
    const rest = chart.slice("oci://".length);
    const repository = repos.find((r) => r.oci && r.url && rest.startsWith(r.url.replace(/\/+$/, "") + "/"));
    return repository ? { kind: "oci", url: chart, repository } : { kind: "oci", url: chart };
  }
  if (chart.includes("://")) throw new ChartRefError(`chart "${chart}": remote (go-getter) charts are not supported`);
  if (isLocalChartSyntax(chart)) return { kind: "local", path: path.resolve(baseDir, chart) };
  const [repoName, ...rest] = chart.split("/");
  const repository = repos.find((r) => r.name === repoName);
  if (repository) {
    const name = rest.join("/");
    if (repository.oci) {
      const url = (repository.url ?? "").replace(/^oci:\/\//, "").replace(/\/+$/, "");
      return { kind: "oci", url: `oci://${url}/${name}`, repository };
    }
    return { kind: "repository", repository, chart: name };
  }
  const local = path.resolve(baseDir, chart);
  if (fs.existsSync(local)) return { kind: "local", path: local };
  throw new ChartRefError(`chart "${chart}": repository "${repoName}" is not declared in repositories and no local directory "${chart}" exists`);
}

/**
 * Resolves an ad-hoc dependency's chart (helmfile's PrepareChartify): an existing directory beside the state file is a
 * local chart; `repo/chart` of an OCI repository becomes `oci://<url>/<chart>`; else as for a release's chart.
 */
export function resolveDependencyRef(chart: string, repos: RepositorySpec[], baseDir: string): ChartRef {
  const local = path.resolve(baseDir, chart);
  if (!chart.includes("://") && fs.existsSync(local) && fs.statSync(local).isDirectory()) return { kind: "local", path: local };
  return resolveChartRef(chart, repos, baseDir);
}
