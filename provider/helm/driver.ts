/**
 * The helm driver: typed operations over the helm CLI. Every call runs with isolated HELM_* homes, a private temp dir
 * for values files and kubeconfigs (0600, removed afterwards), a deadline, and secrets kept off the command line and
 * out of messages.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { stringify as toYaml } from "yaml";
import { detectHelm, HelmBinary, locateHelm } from "./binary";
import { HelmError, HelmOperation } from "./errors";
import { HelmHomes, helmEnv } from "./environment";
import { installFlags, InstallFlags, templateFlags, uninstallFlags, upgradeFlags } from "./flags";
import type { HelmOptions } from "./options";
import { run } from "./run";
import { SetEntry, setEntriesToValues } from "./set-values";
import { PrivateTempDir, sweepStaleTempDirs, withTempDir } from "./temp-files";
import { HistoryEntry, KubeTarget, ReleaseMetadata, ReleaseRef, ReleaseStatus, ReleaseStatusInfo } from "./types";

export interface HelmDriverOptions {
  /** helm binary (path or name on PATH). @default $PULUMI_HELMFILE_HELM, $HELMFILE_HELM_BINARY, then `helm` on PATH */
  binary?: string;
  /** helm's state directories (repositories, registry logins). */
  homes: HelmHomes;
  /** Default deadline of a helm process, in ms. @default 600000 */
  timeoutMs?: number;
  /** Strings never to show (passwords, kubeconfig contents); more can be given per call. */
  secrets?: string[];
  /** Progress lines (redacted), e.g. forwarded to the Pulumi log. */
  onProgress?: (line: string) => void;
  /** Extra environment for helm (e.g. HELM_DRIVER). */
  env?: Record<string, string>;
}

/** The options `helm uninstall` takes (the option table gives their flags; upgrade's `wait`/`timeout` are not these). */
export type UninstallOptions = Pick<HelmOptions, "deleteWait" | "deleteTimeout" | "cascade" | "disableHooks" | "args"> & { secrets?: string[] };

/** Values and `set` entries of a render or an install. */
export interface ValuesInput {
  /** Values objects, applied in order (each becomes one `--values` file). */
  values?: Record<string, unknown>[];
  /** Values files already on disk, applied before `values`. */
  valuesFiles?: string[];
  set?: SetEntry[];
  setString?: { name: string; value: string }[];
}

export interface UpgradeInstallRequest extends ReleaseRef, ValuesInput, InstallFlags {
  /** A local chart: a directory or a packaged .tgz (charts come through the chart cache). */
  chartPath: string;
  /** Secrets of this call, for redaction. */
  secrets?: string[];
  signal?: AbortSignal;
}

export interface TemplateRequest extends ValuesInput, HelmOptions {
  releaseName: string;
  namespace: string;
  chartPath: string;
  /** Arguments appended to the command line as they are (the CLI's helmfile flags: `--skip-tests`, `--show-only`…). */
  extraArgs?: string[];
  secrets?: string[];
  /** Write each rendered template file under this directory (`--output-dir`) instead of printing it. */
  outputDir?: string;
  /**
   * Render against this cluster (`--dry-run=server` with its kubeconfig and context), so `lookup` sees live objects —
   * what helmfile's sync does for chartify's render.
   */
  cluster?: KubeTarget;
}

export interface PullRequest {
  /** `oci://host/path/chart`, `repoName/chart` (repository added with `repoAdd`), or a chart name with `repoUrl`. */
  ref: string;
  version?: string;
  destination: string;
  plainHttp?: boolean;
  insecureSkipTlsVerify?: boolean;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  devel?: boolean;
}

export interface RepoAddRequest {
  name: string;
  url: string;
  username?: string;
  password?: string;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  insecureSkipTlsVerify?: boolean;
  passCredentials?: boolean;
}

export interface RegistryLoginRequest {
  host: string;
  username: string;
  password: string;
  plainHttp?: boolean;
  insecure?: boolean;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
}

/**
 * Credentials of one pull. They exist on disk only while the pull runs: the registry login and the repository entry
 * are written into the pull's private temp dir (0600 in 0700), which is removed when the pull ends, so nothing with a
 * credential stays behind in the driver's homes — not even when the process is killed without its exit handler (the
 * next process sweeps the dead one's temp dirs).
 */
export interface PullCredentials {
  /** `helm registry login` for this pull only. */
  registry?: RegistryLoginRequest;
  /** The classic repository an `alias/chart` ref names (its index must have been downloaded by `repoAdd`). */
  repository?: RepoAddRequest;
}

/** Result of `pull`: the .tgz written and the digest helm reported (OCI). */
export interface PullResult {
  archive: string;
  digest?: string;
}

export class HelmDriver {
  private readonly binaryPath: string;
  private binaryInfo?: Promise<HelmBinary>;

  constructor(readonly options: HelmDriverOptions) {
    this.binaryPath = locateHelm(options.binary);
    sweepStaleTempDirs();
  }

  /** The binary and its major version (detected once). */
  binary(): Promise<HelmBinary> {
    this.binaryInfo ??= detectHelm(this.binaryPath);
    return this.binaryInfo;
  }

  private async exec(
    operation: HelmOperation,
    args: string[],
    o: { stdin?: string; secrets?: string[]; timeoutMs?: number; signal?: AbortSignal; progress?: boolean; env?: Record<string, string> } = {},
  ) {
    const bin = await this.binary();
    return run({
      operation,
      binary: bin.path,
      args,
      env: helmEnv(this.options.homes, { ...this.options.env, ...o.env }),
      stdin: o.stdin,
      timeoutMs: o.timeoutMs ?? this.options.timeoutMs,
      signal: o.signal,
      secrets: [...(this.options.secrets ?? []), ...(o.secrets ?? [])],
      onStderrLine: o.progress ? this.options.onProgress : undefined,
    });
  }

  /** Kube flags for a call; a kubeconfig given as content is written 0600 into the call's private dir. */
  private kubeArgs(t: KubeTarget, tmp: PrivateTempDir): string[] {
    const a: string[] = [];
    if (t.kubeconfig !== undefined) a.push("--kubeconfig", tmp.write("kubeconfig", t.kubeconfig));
    else if (t.kubeconfigPath) a.push("--kubeconfig", t.kubeconfigPath);
    if (t.kubeContext) a.push("--kube-context", t.kubeContext);
    return a;
  }

  private valuesArgs(v: ValuesInput, tmp: PrivateTempDir): string[] {
    const a: string[] = [];
    for (const f of v.valuesFiles ?? []) a.push("--values", f);
    for (const obj of v.values ?? []) a.push("--values", tmp.write("values.yaml", toYaml(obj ?? {})));
    if ((v.set?.length ?? 0) + (v.setString?.length ?? 0) > 0) {
      a.push("--values", tmp.write("set.yaml", toYaml(setEntriesToValues(v.set ?? [], v.setString ?? []))));
    }
    return a;
  }

  private static secretsOf(t: KubeTarget & { secrets?: string[] }): string[] {
    return [...(t.secrets ?? []), ...(t.kubeconfig ? [t.kubeconfig] : [])];
  }

  /**
   * The process deadline of an operation given helm's own `--timeout` (seconds): that timeout plus a margin, so helm
   * reports its own timeout (and records the release's state) instead of being killed mid-operation, which can leave a
   * release pending. Undefined (the driver's default deadline) when no timeout is given.
   */
  private static deadlineFor(timeoutSeconds: number | undefined): number | undefined {
    return timeoutSeconds === undefined ? undefined : (timeoutSeconds + 120) * 1000;
  }

  /** `helm upgrade --install`: the release as installed (status, revision, values, manifest, notes). */
  async upgradeInstall(r: UpgradeInstallRequest): Promise<ReleaseStatusInfo> {
    return this.installOrUpgrade("upgradeInstall", r);
  }

  /**
   * `helm install`: fails with {@link isNameInUse} when a release of that name exists (in any status), without
   * touching it — helm's storage refuses the first record atomically, so of two stacks racing for one name only one
   * installs.
   */
  async install(r: UpgradeInstallRequest): Promise<ReleaseStatusInfo> {
    return this.installOrUpgrade("install", r);
  }

  private async installOrUpgrade(op: "install" | "upgradeInstall", r: UpgradeInstallRequest): Promise<ReleaseStatusInfo> {
    const bin = await this.binary();
    return withTempDir(op === "install" ? "install" : "upgrade", async (tmp) => {
      // -o json: the installed release (status, revision, values, manifest, notes) comes back from this one process.
      const head = op === "install" ? ["install", r.name, r.chartPath] : ["upgrade", "--install", r.name, r.chartPath];
      const flags = op === "install" ? installFlags(bin.major, r) : upgradeFlags(bin.major, r);
      const args = [...head, "--namespace", r.namespace, ...this.valuesArgs(r, tmp), ...flags, ...this.kubeArgs(r, tmp), "--output", "json"];
      const timeoutMs = HelmDriver.deadlineFor(r.timeout ?? 300);
      try {
        const { stdout } = await this.exec(op, args, { secrets: HelmDriver.secretsOf(r), timeoutMs, signal: r.signal, progress: true });
        return parseReleaseJson(stdout);
      } catch (e) {
        throw HelmDriver.explainReadinessTimeout(e, r);
      }
    });
  }

  /**
   * Resources that never became ready under --wait/--atomic: helm 3 reports only "context deadline exceeded", so say
   * what that means; and for both helm 3 and 4 the failure is not transient (stderr mentions "context deadline
   * exceeded", which `isTransient` counts as a network blip, but retrying would time out the same way).
   */
  private static explainReadinessTimeout(e: unknown, r: InstallFlags): unknown {
    if (!(e instanceof HelmError) || e.exitCode === undefined || !(r.wait || r.atomic || r.waitForJobs)) return e;
    const named = /\bnot ready\b/i.test(e.message); // helm 4: "resource Deployment/ns/x not ready. status: InProgress"
    if (!named && !/context deadline exceeded\s*$/.test(e.message)) return e;
    const what = r.waitForJobs ? "resources (and Jobs)" : "resources";
    const message = named ? e.message : `${e.message} (the release's ${what} were not ready within the ${r.timeout ?? 300}s timeout)`;
    return new HelmError(e.operation, e.command, e.exitCode, e.stderr, message, false, e.timedOut);
  }

  /** `helm template`: the rendered manifests (hooks included unless disabled; CRDs included unless skipped). */
  async template(r: TemplateRequest): Promise<string> {
    const bin = await this.binary();
    return withTempDir("template", async (tmp) => {
      const args = ["template", r.releaseName, r.chartPath, "--namespace", r.namespace, ...this.valuesArgs(r, tmp), ...templateFlags(bin.major, r)];
      if (r.outputDir) args.push(`--output-dir=${r.outputDir}`);
      if (r.cluster) args.push(...this.kubeArgs(r.cluster, tmp), "--dry-run=server");
      args.push(...(r.extraArgs ?? []));
      const secrets = [...(r.secrets ?? []), ...(r.cluster ? HelmDriver.secretsOf(r.cluster) : [])];
      const { stdout } = await this.exec("template", args, { secrets });
      return stdout;
    });
  }

  /** `helm uninstall`. A release that does not exist is success (returns false). */
  async uninstall(r: ReleaseRef & UninstallOptions & { keepHistory?: boolean }): Promise<boolean> {
    const bin = await this.binary();
    return withTempDir("uninstall", async (tmp) => {
      const args = ["uninstall", r.name, "--namespace", r.namespace, ...this.kubeArgs(r, tmp)];
      if (r.keepHistory) args.push("--keep-history");
      args.push(...uninstallFlags(bin.major, r));
      try {
        await this.exec("uninstall", args, { secrets: HelmDriver.secretsOf(r), progress: true, timeoutMs: HelmDriver.deadlineFor(r.deleteTimeout) });
        return true;
      } catch (e) {
        if (e instanceof HelmError && /release: not found|Release not loaded/.test(e.stderr)) return false;
        throw e;
      }
    });
  }

  /**
   * `helm get metadata -o json`, with the release's labels; undefined when the release does not exist. helm 4 prints
   * the labels with the metadata; helm 3 does not, so they come from `helm get all --template` over the release
   * record (the two run at once).
   */
  async getMetadata(r: ReleaseRef): Promise<ReleaseMetadata | undefined> {
    const { major } = await this.binary();
    const meta = this.getOrMissing("getMetadata", r, ["get", "metadata", r.name, "-o", "json"], (s) => {
      const m = JSON.parse(s) as ReleaseMetadata & { labels?: Record<string, string> | null };
      return { ...m, status: m.status as ReleaseStatus, labels: m.labels ?? {} };
    });
    if (major === 4) return meta;
    // Label keys and values are restricted to [-A-Za-z0-9_./]: one `key=value` per line is unambiguous.
    const template = '{{range $k, $v := .Release.Labels}}{{$k}}={{$v}}{{"\\n"}}{{end}}';
    const labels = this.getOrMissing("getMetadata", r, ["get", "all", r.name, "--template", template], (s) =>
      Object.fromEntries(s.split("\n").filter((l) => l.includes("=")).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)])),
    );
    // Both settle before either's failure is reported: neither process outlives the call (nor its temp dir).
    const [m, l] = await Promise.allSettled([meta, labels]);
    if (m.status === "rejected") throw m.reason;
    if (l.status === "rejected") throw l.reason;
    return m.value && { ...m.value, labels: l.value ?? {} };
  }

  /**
   * `helm status -o json`: status, revision, timestamps, user-supplied values and manifest in one process;
   * undefined when the release does not exist. (Chart name/version are not in it: see getMetadata.)
   */
  async status(r: ReleaseRef): Promise<ReleaseStatusInfo | undefined> {
    return this.getOrMissing("status", r, ["status", r.name, "-o", "json"], parseReleaseJson);
  }

  /** `helm get manifest` (the current revision, or `revision`); undefined when the release does not exist. */
  async getManifest(r: ReleaseRef & { revision?: number }): Promise<string | undefined> {
    const args = ["get", "manifest", r.name, ...(r.revision ? ["--revision", String(r.revision)] : [])];
    return this.getOrMissing("getManifest", r, args, (s) => s);
  }

  /** `helm get values -o json` (user-supplied values, or all computed values with `all`). */
  async getValues(r: ReleaseRef & { all?: boolean; revision?: number }): Promise<Record<string, unknown> | undefined> {
    const args = ["get", "values", r.name, "-o", "json", ...(r.all ? ["--all"] : []), ...(r.revision ? ["--revision", String(r.revision)] : [])];
    return this.getOrMissing("getValues", r, args, (s) => (JSON.parse(s) as Record<string, unknown> | null) ?? {});
  }

  /** `helm history -o json`, oldest first; undefined when the release does not exist. */
  async history(r: ReleaseRef & { max?: number }): Promise<HistoryEntry[] | undefined> {
    const args = ["history", r.name, "-o", "json", "--max", String(r.max ?? 256)];
    return this.getOrMissing("history", r, args, (s) => JSON.parse(s) as HistoryEntry[]);
  }

  /** `helm rollback` to `revision` (the previous one when omitted). */
  async rollback(r: ReleaseRef & { revision?: number; wait?: boolean; timeout?: number; cleanupOnFail?: boolean; force?: boolean }): Promise<void> {
    const bin = await this.binary();
    await withTempDir("rollback", async (tmp) => {
      const args = ["rollback", r.name, ...(r.revision ? [String(r.revision)] : []), "--namespace", r.namespace, ...this.kubeArgs(r, tmp)];
      if (r.wait) args.push(bin.major === 4 ? "--wait=watcher" : "--wait");
      if (r.timeout !== undefined) args.push("--timeout", `${r.timeout}s`);
      if (r.cleanupOnFail) args.push("--cleanup-on-fail");
      // helm 4 refuses --force-replace with server-side apply (its default for releases it installed): a forced
      // rollback is a client-side replace, as in helm 3 (see upgradeFlags).
      if (r.force) args.push(...(bin.major === 4 ? ["--force-replace", "--server-side=false"] : ["--force"]));
      await this.exec("rollback", args, { secrets: HelmDriver.secretsOf(r), progress: true, timeoutMs: HelmDriver.deadlineFor(r.timeout) });
    });
  }

  /** `helm list` in a namespace (all statuses), parsed. */
  async list(t: KubeTarget & { namespace?: string; filter?: string }): Promise<{ name: string; namespace: string; revision: string; status: ReleaseStatus; chart: string; app_version: string }[]> {
    const bin = await this.binary();
    return withTempDir("list", async (tmp) => {
      const args = ["list", "-o", "json", ...(t.namespace ? ["--namespace", t.namespace] : ["--all-namespaces"]), ...this.kubeArgs(t, tmp)];
      if (bin.major === 3) args.push("--all");
      if (t.filter) args.push("--filter", t.filter);
      const { stdout } = await this.exec("list", args, { secrets: HelmDriver.secretsOf(t) });
      return JSON.parse(stdout || "[]");
    });
  }

  private async getOrMissing<T>(op: HelmOperation, r: ReleaseRef, args: string[], parse: (s: string) => T): Promise<T | undefined> {
    return withTempDir(op, async (tmp) => {
      try {
        const { stdout } = await this.exec(op, [...args, "--namespace", r.namespace, ...this.kubeArgs(r, tmp)], { secrets: HelmDriver.secretsOf(r) });
        return parse(stdout);
      } catch (e) {
        // helm's own wording for a release that does not exist (not any "not found", e.g. a proxy's 404 page).
        if (e instanceof HelmError && /release: not found/.test(e.stderr) && !/kubeconfig|context/i.test(e.stderr)) return undefined;
        throw e;
      }
    });
  }

  /**
   * `helm pull` into `destination`. helm writes into a private directory of the call first, so the archive reported is
   * the one this call pulled, whatever else `destination` holds (an archive of the same name is replaced).
   */
  async pull(r: PullRequest & { credentials?: PullCredentials }): Promise<PullResult> {
    fs.mkdirSync(r.destination, { recursive: true });
    return withTempDir("pull", async (tmp) => {
      const env = this.credentialFiles(tmp);
      if (r.credentials?.registry) await this.login(r.credentials.registry, env);
      if (r.credentials?.repository) fs.writeFileSync(env.HELM_REPOSITORY_CONFIG, repositoriesFile(r.credentials.repository), { mode: 0o600 });
      const into = tmp.dir("out");
      const args = ["pull", r.ref, "--destination", into];
      if (r.version) args.push("--version", r.version);
      if (r.plainHttp) args.push("--plain-http");
      if (r.insecureSkipTlsVerify) args.push("--insecure-skip-tls-verify");
      if (r.caFile) args.push("--ca-file", r.caFile);
      if (r.certFile) args.push("--cert-file", r.certFile);
      if (r.keyFile) args.push("--key-file", r.keyFile);
      if (r.devel) args.push("--devel");
      const { stdout, stderr } = await this.exec("pull", args, { timeoutMs: 300_000, env });
      const archives = fs.readdirSync(into).filter((f) => f.endsWith(".tgz"));
      if (archives.length !== 1) throw new Error(`helm pull ${r.ref}: expected one chart archive, helm wrote ${archives.length}`);
      const archive = path.join(r.destination, archives[0]);
      try {
        fs.renameSync(path.join(into, archives[0]), archive);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EXDEV") throw e;
        fs.copyFileSync(path.join(into, archives[0]), archive); // temp root on another file system
      }
      const digest = /Digest:\s*(sha256:[0-9a-f]{64})/.exec(stdout + "\n" + stderr)?.[1];
      return { archive, digest };
    });
  }

  /** The registry config and repositories file of one operation, inside its private temp dir. */
  private credentialFiles(tmp: PrivateTempDir): { HELM_REGISTRY_CONFIG: string; HELM_REPOSITORY_CONFIG: string } {
    const d = tmp.dir("credentials");
    return { HELM_REGISTRY_CONFIG: path.join(d, "registry.json"), HELM_REPOSITORY_CONFIG: path.join(d, "repositories.yaml") };
  }

  /**
   * `helm repo add --force-update`: downloads the repository's index into the driver's repository cache (indexes
   * hold no credentials). The repository entry, with its password (given through stdin), is written only into this
   * call's private repositories file, removed when the call ends; pulls name the repository again (PullCredentials).
   */
  async repoAdd(r: RepoAddRequest): Promise<void> {
    const args = ["repo", "add", r.name, r.url, "--force-update"];
    if (r.username) args.push("--username", r.username);
    if (r.password !== undefined) args.push("--password-stdin");
    if (r.caFile) args.push("--ca-file", r.caFile);
    if (r.certFile) args.push("--cert-file", r.certFile);
    if (r.keyFile) args.push("--key-file", r.keyFile);
    if (r.insecureSkipTlsVerify) args.push("--insecure-skip-tls-verify");
    if (r.passCredentials) args.push("--pass-credentials");
    await withTempDir("repoAdd", (tmp) =>
      this.exec("repoAdd", args, { stdin: r.password, secrets: r.password ? [r.password] : [], timeoutMs: 120_000, env: this.credentialFiles(tmp) }),
    );
  }

  /** The repository's index (as downloaded by `repoAdd`): chart name → versions (newest first as in the index). */
  repoIndex(repoName: string): Map<string, { version: string; digest?: string; urls: string[] }[]> {
    const file = path.join(this.options.homes.repositoryCache, `${repoName}-index.yaml`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { parse } = require("yaml") as typeof import("yaml");
    const idx = parse(fs.readFileSync(file, "utf8")) as { entries?: Record<string, { version: string; digest?: string; urls?: string[] }[]> };
    const out = new Map<string, { version: string; digest?: string; urls: string[] }[]>();
    for (const [name, list] of Object.entries(idx?.entries ?? {})) {
      out.set(name, (list ?? []).map((e) => ({ version: String(e.version), digest: e.digest, urls: e.urls ?? [] })));
    }
    return out;
  }

  /**
   * `helm registry login` (password through stdin) into a private registry config of this call, removed afterwards:
   * it checks the credentials; pulls log in again for themselves (PullCredentials).
   */
  async registryLogin(r: RegistryLoginRequest): Promise<void> {
    await withTempDir("registryLogin", (tmp) => this.login(r, this.credentialFiles(tmp)));
  }

  private async login(r: RegistryLoginRequest, env: Record<string, string>): Promise<void> {
    const args = ["registry", "login", r.host, "--username", r.username, "--password-stdin"];
    if (r.plainHttp) args.push("--plain-http");
    if (r.insecure) args.push("--insecure");
    if (r.caFile) args.push("--ca-file", r.caFile);
    if (r.certFile) args.push("--cert-file", r.certFile);
    if (r.keyFile) args.push("--key-file", r.keyFile);
    await this.exec("registryLogin", args, { stdin: r.password, secrets: [r.password], timeoutMs: 60_000, env });
  }

  /**
   * `helm dependency update` of a chart directory (its Chart.yaml `dependencies` resolved to versions, Chart.lock
   * written, the charts downloaded into charts/). The repositories (with credentials) and registry logins exist only
   * in this call's private temp dir, like a pull's.
   */
  async dependencyUpdate(chartDir: string, o: { repositories?: RepoAddRequest[]; registries?: RegistryLoginRequest[]; skipRefresh?: boolean; extraArgs?: string[] } = {}): Promise<void> {
    await withTempDir("dependencyUpdate", async (tmp) => {
      const env = this.credentialFiles(tmp);
      for (const r of o.registries ?? []) await this.login(r, env);
      fs.writeFileSync(env.HELM_REPOSITORY_CONFIG, repositoriesFile(...(o.repositories ?? [])), { mode: 0o600 });
      const args = ["dependency", "update", chartDir, ...(o.skipRefresh ? ["--skip-refresh"] : []), ...(o.extraArgs ?? [])];
      const secrets = (o.repositories ?? []).flatMap((r) => (r.password ? [r.password] : []));
      await this.exec("dependencyUpdate", args, { timeoutMs: 600_000, env, secrets, progress: true });
    });
  }

  /** `helm dependency build` of a local chart directory (repositories must have been added). */
  async dependencyBuild(chartDir: string, o: { skipRefresh?: boolean } = {}): Promise<void> {
    const args = ["dependency", "build", chartDir];
    if (o.skipRefresh !== false) args.push("--skip-refresh");
    await this.exec("dependencyBuild", args, { timeoutMs: 300_000 });
  }
}

/** helm's repositories file with these entries (helm's repo.Entry field names). */
function repositoriesFile(...rs: RepoAddRequest[]): string {
  const entry = (r: RepoAddRequest) => ({
    name: r.name,
    url: r.url,
    username: r.username ?? "",
    password: r.password ?? "",
    certFile: r.certFile ?? "",
    keyFile: r.keyFile ?? "",
    caFile: r.caFile ?? "",
    insecure_skip_tls_verify: !!r.insecureSkipTlsVerify,
    pass_credentials_all: !!r.passCredentials,
  });
  return toYaml({ apiVersion: "", generated: new Date(0).toISOString(), repositories: rs.map(entry) });
}

/** A release printed by `helm status -o json` or `helm upgrade --install -o json` (helm v3 and v4 print the same). */
function parseReleaseJson(text: string): ReleaseStatusInfo {
  const j = JSON.parse(text) as {
    name: string;
    namespace: string;
    version: number;
    config?: Record<string, unknown> | null;
    manifest?: string;
    info?: { status?: string; first_deployed?: string; last_deployed?: string; description?: string; notes?: string };
    apply_method?: string;
  };
  return {
    name: j.name,
    namespace: j.namespace,
    revision: j.version,
    status: (j.info?.status ?? "unknown") as ReleaseStatus,
    firstDeployed: j.info?.first_deployed ?? "",
    lastDeployed: j.info?.last_deployed ?? "",
    description: j.info?.description ?? "",
    values: j.config ?? {},
    manifest: j.manifest ?? "",
    notes: j.info?.notes || undefined,
    applyMethod: j.apply_method || undefined,
  };
}
