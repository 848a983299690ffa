/**
 * The locked, shared on-disk chart cache: every chart@version is fetched once, across releases and across processes.
 *
 *   in-memory map → per-key async-mutex → in-memory map again → disk (verified) → cross-process file lock →
 *   disk again → download into a temp dir → verify (Chart.yaml name/version, repository digest) → atomic rename →
 *   record in memory.
 *
 * Keyed by registry/repository URL + chart + exact version. A pinned version that is already cached costs no network
 * and no helm process. Entries are immutable once published; a corrupt one (failed checksum) is fetched again.
 */
import { PulumiHelmfileError } from "../errors";
import { Mutex } from "async-mutex";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as semver from "semver";
import { HelmDriver, PullCredentials } from "../helm/driver";
import { pullTls, registryLogin, repositoryEntry } from "./credentials";
import { HelmError } from "../helm/errors";
import { ChartMetadata, CorruptChartError, readChartArchive, sha256File } from "./chart-archive";
import { ChartSource, chartSource, RepositorySpec, sourceIdentity } from "./chart-source";
import { withFileLock } from "./file-lock";
import { dependenciesPresent, dependencyFingerprint, directoryDigest, readChartDir } from "./local-chart";
import { RetryOptions, withRetry } from "./retry";
import { highestSatisfying, isPinned } from "./versions";

/** What to resolve. */
export interface ChartRequest {
  /** As written in a release: `oci://…`, `repo/chart`, `chart` (with `repository`), or a local path. */
  chart: string;
  /** Exact version or semver range; for OCI also taken from a `:tag` in the reference. */
  version?: string;
  repository?: RepositorySpec;
  /** Base for relative local paths. @default process.cwd() */
  baseDir?: string;
  /** Use plain HTTP for an OCI registry without a repository entry (helmfile's release `plainHttp`). */
  plainHttp?: boolean;
  /** Skip TLS verification when fetching (helmfile's release `insecureSkipTLSVerify`, ORed with the repository's). */
  insecureSkipTLSVerify?: boolean;
  /** Allow pre-release versions when resolving a range. */
  devel?: boolean;
  /** A local chart is used as it is, without `helm dependency build` (helmfile's `skipDeps`, `--skip-deps`). */
  skipDeps?: boolean;
}

/** The registry login of an OCI pull, when its repository has credentials (it lasts for that pull only). */
function ociCredentials(src: Extract<ChartSource, { kind: "oci" }>): PullCredentials | undefined {
  const registry = registryLogin(src.host, src.repository);
  return registry && { registry };
}

/** A chart ready for helm. */
export interface ResolvedChart {
  /** What to give helm: the cached archive, or the local chart directory/archive. */
  path: string;
  name: string;
  version: string;
  appVersion?: string;
  /** sha256 of the archive (or of a local directory's content). Changes whenever the chart does. */
  digest: string;
  /** The source identity (URL + chart), without version. */
  source: string;
  /** Where this call got it from. */
  origin: "memory" | "disk" | "download" | "local";
  /**
   * A local directory that is not a chart, which chartify turns into one (provider/chartify/): a kustomization
   * (it holds kustomization.yaml) or a directory of plain manifests. Its name is the directory's, its version "1.0.0"
   * (chartify's default; the release's `version` replaces it).
   */
  generated?: "kustomization" | "manifests";
}

export interface ChartCacheOptions {
  /** Cache directory. @default $PULUMI_HELMFILE_CACHE_DIR, else ${XDG_CACHE_HOME:-~/.cache}/pulumi-helmfile/charts */
  dir?: string;
  /** The driver used for pulls, repository indexes and logins (with its own isolated helm homes). */
  helm: HelmDriver;
  log?: (message: string) => void;
  retry?: RetryOptions;
  /** A lock whose holder stopped heart-beating this long ago is taken over. @default 30000 */
  lockStaleMs?: number;
}

/** The error of a failed resolution: names the chart, the version and the registry/repository. */
export class ChartResolutionError extends PulumiHelmfileError {
  override readonly name: string = "ChartResolutionError";
  constructor(
    message: string,
    readonly chart: string,
    readonly version: string | undefined,
    readonly source: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

/** A digest-pinned OCI reference (`oci://…/chart@sha256:…`) must resolve to exactly that manifest. */
function checkPinnedDigest(src: ChartSource, version: string, pulled: string | undefined): void {
  if (src.kind !== "oci" || !src.digest || pulled === src.digest) return;
  throw new ChartResolutionError(
    `chart '${src.chart}' version '${version}' from ${src.url} has digest ${pulled ?? "(not reported by helm)"}, not the pinned ${src.digest}`,
    src.chart, version, src.url,
  );
}

interface EntryRecord {
  source: string;
  chart: string;
  version: string;
  appVersion?: string;
  sha256: string;
  ociDigest?: string;
  fetchedAt: string;
}

/** Default cache directory. */
export function defaultCacheDir(): string {
  if (process.env.PULUMI_HELMFILE_CACHE_DIR) return process.env.PULUMI_HELMFILE_CACHE_DIR;
  return path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "pulumi-helmfile", "charts");
}

// Process-wide: shared by every ChartCache on the same directory (one per provider process in practice).
const memory = new Map<string, ResolvedChart>();
const mutexes = new Map<string, Mutex>();
function mutexFor(key: string): Mutex {
  let m = mutexes.get(key);
  if (!m) mutexes.set(key, (m = new Mutex()));
  return m;
}

const sha = (s: string) => crypto.createHash("sha256").update(s).digest("hex");
const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 60);

export class ChartCache {
  readonly dir: string;
  private readonly root: string;
  private readonly repoReady = new Map<string, Promise<string>>();
  private readonly rangeMemo = new Map<string, Promise<string>>();
  private readonly log: (m: string) => void;

  constructor(private readonly o: ChartCacheOptions) {
    this.dir = path.resolve(o.dir ?? defaultCacheDir());
    this.root = path.join(this.dir, "v1");
    for (const d of ["entries", "locks", "tmp", "local"]) fs.mkdirSync(path.join(this.root, d), { recursive: true, mode: 0o700 });
    this.log = o.log ?? (() => undefined);
  }

  /**
   * The chart if it is resolvable with no network and no helm process: a pinned version already in the cache,
   * or a local chart whose dependencies are built. Used by check/diff, which must stay cheap.
   */
  lookup(req: ChartRequest): ResolvedChart | undefined {
    let src: ChartSource;
    try {
      src = chartSource(req.chart, req.repository, req.baseDir ?? process.cwd());
    } catch {
      return undefined;
    }
    if (src.kind === "local") {
      try {
        // A pending dependency build changes the chart: leave it to resolve(), so both paths see the same digest.
        return !req.skipDeps && this.dependencyState(src.path).due ? undefined : this.localChart(src.path);
      } catch {
        return undefined;
      }
    }
    const version = req.version ?? (src.kind === "oci" ? src.tag : undefined);
    if (!isPinned(version)) return undefined;
    const key = this.key(src, version);
    return memory.get(key) ?? this.readEntry(key, src, version, "disk");
  }

  /** Resolve a chart to a local path, downloading it at most once per chart@version across processes. */
  async resolve(req: ChartRequest): Promise<ResolvedChart> {
    const src = chartSource(req.chart, req.repository, req.baseDir ?? process.cwd());
    if (src.kind === "local") return req.skipDeps ? this.localChart(src.path) : this.resolveLocal(src.path);
    let version = req.version ?? (src.kind === "oci" ? src.tag : undefined);
    if (!isPinned(version)) version = await this.resolveRange(src, version, req);
    const key = this.key(src, version);
    const hit = memory.get(key);
    if (hit) return { ...hit, origin: "memory" };
    return mutexFor(key).runExclusive(async () => {
      const again = memory.get(key);
      if (again) return { ...again, origin: "memory" as const };
      const v = version as string;
      const resolved =
        this.readEntry(key, src, v, "disk") ??
        (await withFileLock(
          path.join(this.root, "locks", `${this.entryName(src, v)}.lock`),
          async () => this.readEntry(key, src, v, "disk") ?? (await this.download(key, src, v, req)),
          { staleMs: this.o.lockStaleMs, onWait: (owner) => this.log(`waiting for process ${owner?.pid ?? "?"} to finish fetching ${src.chart}@${v}`) },
        ));
      memory.set(key, { ...resolved, origin: "memory" });
      return resolved;
    });
  }

  private key(src: ChartSource, version: string): string {
    return `${this.root}|${sourceIdentity(src)}@${version}`;
  }

  private entryName(src: ChartSource, version: string): string {
    const chart = src.kind === "local" ? path.basename(src.path) : src.chart;
    return `${safe(chart)}-${safe(version)}-${sha(`${sourceIdentity(src)}@${version}`).slice(0, 16)}`;
  }

  /** A verified entry from disk (recorded in memory), or undefined when missing or corrupt. */
  private readEntry(key: string, src: ChartSource, version: string, origin: "disk"): ResolvedChart | undefined {
    const dir = path.join(this.root, "entries", this.entryName(src, version));
    const recordFile = path.join(dir, "entry.json");
    const archive = path.join(dir, "chart.tgz");
    if (!fs.existsSync(recordFile) || !fs.existsSync(archive)) return undefined;
    let rec: EntryRecord;
    try {
      rec = JSON.parse(fs.readFileSync(recordFile, "utf8")) as EntryRecord;
    } catch {
      return undefined;
    }
    if (sha256File(archive) !== rec.sha256) {
      this.log(`cache entry ${dir} is corrupt (checksum mismatch); it will be fetched again`);
      return undefined;
    }
    const r: ResolvedChart = { path: archive, name: rec.chart, version: rec.version, appVersion: rec.appVersion, digest: rec.sha256, source: rec.source, origin };
    memory.set(key, { ...r, origin: "memory" });
    return r;
  }

  private async download(key: string, src: ChartSource, version: string, req: ChartRequest): Promise<ResolvedChart> {
    const name = src.kind === "local" ? src.path : src.chart;
    const where = src.kind === "oci" ? src.url : src.kind === "repository" ? src.url : src.path;
    const tmp = fs.mkdtempSync(path.join(this.root, "tmp", `${process.pid}-`));
    try {
      const { archive, indexDigest, ociDigest } = await withRetry(() => this.fetch(src, version, req, tmp), {
        ...this.o.retry,
        onRetry: (n, e, ms) => this.log(`fetching ${name}@${version} from ${where} failed (${e.message}); retry ${n} in ${ms} ms`),
      });
      return this.publish(key, src, version, archive, { indexDigest, ociDigest });
    } catch (e) {
      if (e instanceof ChartResolutionError) throw e;
      const reason = e instanceof HelmError ? e.message : (e as Error).message;
      throw new ChartResolutionError(`chart '${name}' version '${version}' could not be fetched from ${where}: ${reason}`, name, version, where, e);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }

  /** Verify a downloaded archive and publish it as the entry (atomic rename). */
  private publish(key: string, src: ChartSource, version: string, archive: string, d: { indexDigest?: string; ociDigest?: string }): ResolvedChart {
    if (src.kind === "local") throw new Error("local charts are not cached");
    const meta: ChartMetadata = readChartArchive(archive);
    const sum = sha256File(archive);
    const sameVersion = meta.version === version || (semver.valid(meta.version) && semver.valid(version) && semver.eq(meta.version, version));
    if (meta.name !== src.chart || !sameVersion) {
      throw new ChartResolutionError(
        `chart '${src.chart}' version '${version}' from ${src.url}: the archive is ${meta.name}@${meta.version}`,
        src.chart, version, src.url,
      );
    }
    if (d.indexDigest && d.indexDigest !== sum) {
      throw new ChartResolutionError(`chart '${src.chart}' version '${version}' from ${src.url}: digest mismatch with the repository index`, src.chart, version, src.url);
    }
    const staging = fs.mkdtempSync(path.join(this.root, "tmp", `${process.pid}-entry-`));
    fs.copyFileSync(archive, path.join(staging, "chart.tgz"));
    const rec: EntryRecord = { source: sourceIdentity(src), chart: meta.name, version, appVersion: meta.appVersion, sha256: sum, ociDigest: d.ociDigest, fetchedAt: new Date().toISOString() };
    fs.writeFileSync(path.join(staging, "entry.json"), JSON.stringify(rec, null, 2));
    const dest = path.join(this.root, "entries", this.entryName(src, version));
    if (fs.existsSync(dest)) {
      // A corrupt entry (we only download when the verified read failed): move it away first.
      const trash = `${staging}-corrupt`;
      fs.renameSync(dest, trash);
      fs.rmSync(trash, { recursive: true, force: true });
    }
    fs.renameSync(staging, dest);
    this.log(`cached ${src.chart}@${version} from ${src.url}`);
    const r: ResolvedChart = { path: path.join(dest, "chart.tgz"), name: meta.name, version, appVersion: meta.appVersion, digest: sum, source: rec.source, origin: "download" };
    memory.set(key, { ...r, origin: "memory" });
    return r;
  }

  private async fetch(src: ChartSource, version: string, req: ChartRequest, tmp: string): Promise<{ archive: string; indexDigest?: string; ociDigest?: string }> {
    const dest = fs.mkdtempSync(path.join(tmp, "pull-"));
    if (src.kind === "oci") {
      const r = await this.o.helm.pull({ ref: src.url, version, destination: dest, ...pullTls(src.repository, req), credentials: ociCredentials(src) });
      checkPinnedDigest(src, version, r.digest);
      return { archive: r.archive, ociDigest: r.digest };
    }
    if (src.kind === "repository") {
      const alias = await this.ensureRepository(src.repository, src.url);
      const entry = this.o.helm.repoIndex(alias).get(src.chart)?.find((e) => e.version === version);
      if (!entry) throw new ChartResolutionError(`chart '${src.chart}' version '${version}' not found in repository '${src.url}'`, src.chart, version, src.url);
      const r = await this.o.helm.pull({ ref: `${alias}/${src.chart}`, version, destination: dest, ...pullTls(src.repository, req), credentials: { repository: repositoryEntry(alias, src.repository, src.url) } });
      return { archive: r.archive, indexDigest: entry.digest };
    }
    throw new Error("local charts are not fetched");
  }

  /** The alias of a repository in the driver's repository cache. */
  private aliasOf(repo: RepositorySpec, url: string): string {
    return `${safe(repo.name ?? "repo")}-${sha(url).slice(0, 8)}`;
  }

  /** `helm repo add` once per repository per process (its index downloaded then); returns the alias used. */
  private ensureRepository(repo: RepositorySpec, url: string): Promise<string> {
    const alias = this.aliasOf(repo, url);
    let p = this.repoReady.get(alias);
    if (!p) {
      p = withRetry(() => this.o.helm.repoAdd(repositoryEntry(alias, repo, url))).then(() => alias);
      p.catch(() => this.repoReady.delete(alias));
      this.repoReady.set(alias, p);
    }
    return p;
  }

  /** A range (or no version) → an exact version, once per process per source and range. */
  private resolveRange(src: Exclude<ChartSource, { kind: "local" }>, range: string | undefined, req: ChartRequest): Promise<string> {
    const k = `${sourceIdentity(src)}|${range ?? ""}|${req.devel ? "devel" : ""}`;
    let p = this.rangeMemo.get(k);
    if (!p) {
      p = src.kind === "repository" ? this.resolveRepoRange(src, range, req) : this.resolveOciRange(src, range, req);
      p.catch(() => this.rangeMemo.delete(k));
      this.rangeMemo.set(k, p);
    }
    return p;
  }

  private async resolveRepoRange(src: Extract<ChartSource, { kind: "repository" }>, range: string | undefined, req: ChartRequest): Promise<string> {
    const alias = await this.ensureRepository(src.repository, src.url);
    const versions = (this.o.helm.repoIndex(alias).get(src.chart) ?? []).map((e) => e.version);
    if (versions.length === 0) throw new ChartResolutionError(`chart '${src.chart}' not found in repository '${src.url}'`, src.chart, range, src.url);
    const v = highestSatisfying(versions, range, req.devel);
    if (!v) {
      throw new ChartResolutionError(
        `no version of chart '${src.chart}' in repository '${src.url}' satisfies '${range}' (available: ${versions.slice(0, 10).join(", ")})`,
        src.chart, range, src.url,
      );
    }
    return v;
  }

  /** OCI: helm resolves the range against the registry's tags while pulling; the pulled archive becomes the entry. */
  private async resolveOciRange(src: Extract<ChartSource, { kind: "oci" }>, range: string | undefined, req: ChartRequest): Promise<string> {
    const tmp = fs.mkdtempSync(path.join(this.root, "tmp", `${process.pid}-range-`));
    try {
      const r = await withRetry(() => this.o.helm.pull({ ref: src.url, version: range, destination: tmp, ...pullTls(src.repository, req), credentials: ociCredentials(src) }), this.o.retry).catch((e) => {
        throw new ChartResolutionError(`chart '${src.url}' version '${range ?? "latest"}': ${(e as Error).message}`, src.chart, range, src.url, e);
      });
      const meta = readChartArchive(r.archive);
      checkPinnedDigest(src, meta.version, r.digest);
      const key = this.key(src, meta.version);
      if (!memory.has(key)) {
        await mutexFor(key).runExclusive(() =>
          withFileLock(path.join(this.root, "locks", `${this.entryName(src, meta.version)}.lock`), async () => {
            if (!this.readEntry(key, src, meta.version, "disk")) this.publish(key, src, meta.version, r.archive, { ociDigest: r.digest });
          }),
        );
      }
      return meta.version;
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }

  /**
   * Whether a local chart directory needs `helm dependency build`: when a declared dependency is missing under charts/,
   * or when Chart.yaml/Chart.lock/charts/ changed since the last build recorded here. Dependencies already present
   * with no record (a checkout with vendored charts/) count as built, so nothing rewrites them behind the user's back.
   */
  private dependencyState(chartPath: string): { due: boolean; marker: string; meta: ChartMetadata } {
    const marker = path.join(this.root, "local", `${sha(chartPath).slice(0, 24)}.json`);
    if (!fs.statSync(chartPath).isDirectory()) return { due: false, marker, meta: readChartArchive(chartPath) };
    if (generatedKind(chartPath)) return { due: false, marker, meta: { name: path.basename(chartPath), version: "1.0.0" } };
    const meta = readChartDir(chartPath);
    if ((meta.dependencies?.length ?? 0) === 0) return { due: false, marker, meta };
    if (!dependenciesPresent(chartPath, meta)) return { due: true, marker, meta };
    const due = fs.existsSync(marker) && fs.readFileSync(marker, "utf8") !== dependencyFingerprint(chartPath);
    return { due, marker, meta };
  }

  /** A local chart: dependencies built if due (once per change, under the lock), digest of its content. */
  private async resolveLocal(chartPath: string): Promise<ResolvedChart> {
    const first = this.dependencyState(chartPath);
    if (first.due) {
      await mutexFor(`deps|${chartPath}`).runExclusive(() =>
        withFileLock(`${first.marker}.lock`, async () => {
          const { due, meta } = this.dependencyState(chartPath);
          if (!due) return;
          for (const d of meta.dependencies ?? []) {
            if (d.repository && /^https?:\/\//.test(d.repository)) await this.ensureRepository({ name: d.name, url: d.repository }, d.repository);
          }
          this.log(`helm dependency build ${chartPath}`);
          await this.o.helm.dependencyBuild(chartPath);
          fs.writeFileSync(first.marker, dependencyFingerprint(chartPath));
        }),
      );
    } else if ((first.meta.dependencies?.length ?? 0) > 0 && !fs.existsSync(first.marker)) {
      fs.writeFileSync(first.marker, dependencyFingerprint(chartPath));
    }
    return this.localChart(chartPath);
  }

  private localChart(chartPath: string): ResolvedChart {
    const isDir = fs.statSync(chartPath).isDirectory();
    const generated = isDir ? generatedKind(chartPath) : undefined;
    if (generated) {
      return { path: chartPath, name: path.basename(chartPath), version: "1.0.0", digest: directoryDigest(chartPath), source: `local:${chartPath}`, origin: "local", generated };
    }
    const meta = isDir ? readChartDir(chartPath) : readChartArchive(chartPath);
    if (isDir && !dependenciesPresent(chartPath, meta)) throw new CorruptChartError(`${chartPath}: dependencies not built`);
    return {
      path: chartPath,
      name: meta.name,
      version: meta.version,
      appVersion: meta.appVersion,
      digest: isDir ? directoryDigest(chartPath) : sha256File(chartPath),
      source: `local:${chartPath}`,
      origin: "local",
    };
  }
}

/** What a local directory without Chart.yaml is to chartify: a kustomization, or plain manifests; undefined for a chart. */
function generatedKind(dir: string): ResolvedChart["generated"] {
  if (fs.existsSync(path.join(dir, "Chart.yaml"))) return undefined;
  return fs.existsSync(path.join(dir, "kustomization.yaml")) ? "kustomization" : "manifests";
}
