/**
 * What a chart reference points at, normalised: a local directory or archive, a chart in a classic HTTP repository,
 * or an OCI artifact. The cache key is built from this (registry/repository URL + chart + version), never from the
 * chart name alone.
 */
import { PulumiHelmfileError } from "../errors";
import * as fs from "node:fs";
import * as path from "node:path";

/** A repository as helmfile's `repositories:` entries and HelmRelease's `repository` input describe it. */
export interface RepositorySpec {
  name?: string;
  /** Classic: http(s) URL. OCI (`oci: true`): `host/path` without scheme (an `oci://` prefix is accepted). */
  url: string;
  oci?: boolean;
  username?: string;
  password?: string;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  /** helmfile's name is skipTLSVerify; insecureSkipTLSVerify is accepted too. */
  skipTLSVerify?: boolean;
  insecureSkipTLSVerify?: boolean;
  plainHttp?: boolean;
  passCredentials?: boolean;
}

export type ChartSource =
  | { kind: "local"; path: string }
  | { kind: "repository"; url: string; chart: string; repository: RepositorySpec }
  | { kind: "oci"; url: string; host: string; chart: string; tag?: string; digest?: string; repository?: RepositorySpec };

export class ChartReferenceError extends PulumiHelmfileError {
  override readonly name: string = "ChartReferenceError";
}

/** Parse `oci://host[:port]/path/chart[:tag][@sha256:…]`. */
export function parseOciReference(ref: string, repository?: RepositorySpec): Extract<ChartSource, { kind: "oci" }> {
  const rest = ref.replace(/^oci:\/\//, "");
  let body = rest;
  let digest: string | undefined;
  const at = body.indexOf("@");
  if (at >= 0) {
    digest = body.slice(at + 1);
    body = body.slice(0, at);
    if (!/^sha256:[0-9a-f]{64}$/.test(digest)) throw new ChartReferenceError(`chart '${ref}': invalid digest '${digest}'`);
  }
  const slash = body.indexOf("/");
  if (slash <= 0) throw new ChartReferenceError(`chart '${ref}': an OCI reference is oci://host/path/chart`);
  const host = body.slice(0, slash);
  let repoPath = body.slice(slash + 1);
  let tag: string | undefined;
  const colon = repoPath.lastIndexOf(":");
  if (colon > repoPath.lastIndexOf("/")) {
    tag = repoPath.slice(colon + 1);
    repoPath = repoPath.slice(0, colon);
  }
  if (!repoPath || repoPath.endsWith("/")) throw new ChartReferenceError(`chart '${ref}': missing chart name`);
  const chart = repoPath.slice(repoPath.lastIndexOf("/") + 1);
  return { kind: "oci", url: `oci://${host}/${repoPath}`, host, chart, tag, digest, repository };
}

/**
 * Resolve `chart` (as written in a release) to a source.
 * - `oci://…` → OCI;
 * - `./x`, `../x`, `/x`, or an existing path relative to `baseDir` → local;
 * - `repo/chart` whose `repo` is the given repository's name → that repository (OCI when `oci: true`);
 * - `chart` with a repository → that repository.
 */
export function chartSource(chart: string, repository: RepositorySpec | undefined, baseDir: string): ChartSource {
  if (!chart) throw new ChartReferenceError("chart is empty");
  if (chart.startsWith("oci://")) return parseOciReference(chart, repository);
  const local = path.resolve(baseDir, chart);
  if (/^(\.{1,2}\/|\/)/.test(chart) || fs.existsSync(local)) {
    if (!fs.existsSync(local)) throw new ChartReferenceError(`local chart '${chart}' not found (looked at ${local})`);
    return { kind: "local", path: local };
  }
  const slash = chart.indexOf("/");
  const repoName = slash > 0 ? chart.slice(0, slash) : undefined;
  const name = slash > 0 ? chart.slice(slash + 1) : chart;
  if (!repository) {
    throw new ChartReferenceError(
      `chart '${chart}': no repository${repoName ? ` named '${repoName}'` : ""} is defined (add it to repositories, or use oci://… or a local path)`,
    );
  }
  if (repoName && repository.name && repository.name !== repoName) {
    throw new ChartReferenceError(`chart '${chart}' names repository '${repoName}' but the release's repository is '${repository.name}'`);
  }
  if (repository.oci) {
    const base = repository.url.replace(/^oci:\/\//, "").replace(/\/+$/, "");
    return parseOciReference(`oci://${base}/${name}`, repository);
  }
  return { kind: "repository", url: repository.url.replace(/\/+$/, ""), chart: name, repository };
}

/** A stable identity of the source (without version): the key's prefix. */
export function sourceIdentity(s: ChartSource): string {
  switch (s.kind) {
    case "local":
      return `local:${s.path}`;
    case "repository":
      return `repo:${s.url}/${s.chart}`;
    case "oci":
      // A digest-pinned reference is its own cache identity: an entry is only ever a verified pull of that digest.
      return s.digest ? `${s.url}@${s.digest}` : s.url;
  }
}
