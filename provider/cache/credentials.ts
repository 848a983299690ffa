/**
 * A repository (helmfile's `repositories:` entry) as what helm is given: the repository entry of `repo add` and of a
 * pull by `alias/chart`, the registry login of an OCI pull, and the TLS flags of a pull. One mapping for the chart cache
 * and for `deps` (helm dependency update). Pure.
 */
import type { PullRequest, RegistryLoginRequest, RepoAddRequest } from "../helm/driver";
import type { RepositorySpec } from "./chart-source";

/** helmfile's name is `skipTLSVerify`; `insecureSkipTLSVerify` is accepted too. */
function insecure(repo: RepositorySpec | undefined): boolean | undefined {
  return repo?.skipTLSVerify || repo?.insecureSkipTLSVerify || undefined;
}

/** The repository entry (credentials included) helm gets under `name`. */
export function repositoryEntry(name: string, repo: RepositorySpec, url: string = repo.url): RepoAddRequest {
  return {
    name, url, username: repo.username, password: repo.password, caFile: repo.caFile, certFile: repo.certFile, keyFile: repo.keyFile,
    insecureSkipTlsVerify: insecure(repo), passCredentials: repo.passCredentials,
  };
}

/** The registry of an OCI repository: the host of its URL. */
export function registryHost(url: string): string {
  return url.replace(/^oci:\/\//, "").split("/")[0];
}

/** The `helm registry login` of an OCI repository at `host`, when it has credentials. */
export function registryLogin(host: string, repo: RepositorySpec | undefined): RegistryLoginRequest | undefined {
  if (!repo?.username || repo.password === undefined) return undefined;
  return {
    host, username: repo.username, password: repo.password, plainHttp: repo.plainHttp, insecure: insecure(repo),
    caFile: repo.caFile, certFile: repo.certFile, keyFile: repo.keyFile,
  };
}

/**
 * The TLS and protocol flags of a pull: helmfile ORs the release's (helmDefaults' already in it) and the repository's
 * `plainHttp` and TLS verification settings.
 */
export function pullTls(repo: RepositorySpec | undefined, req: { plainHttp?: boolean; insecureSkipTLSVerify?: boolean; devel?: boolean }): Omit<PullRequest, "ref" | "version" | "destination"> {
  return {
    plainHttp: repo?.plainHttp || req.plainHttp || undefined,
    insecureSkipTlsVerify: insecure(repo) || req.insecureSkipTLSVerify || undefined,
    caFile: repo?.caFile,
    certFile: repo?.certFile,
    keyFile: repo?.keyFile,
    devel: req.devel,
  };
}
