/**
 * The helm driver's chart-source operations, with helm v4 and helm v3: pull from the testbed's OCI registry (digest
 * checked against the registry itself, pull counted in its access log), repoAdd + repoIndex + pull from a classic HTTP
 * repository behind basic auth, registryLogin against a registry with htpasswd auth, dependencyBuild of `umbrella`.
 */
import * as fs from "node:fs";
import * as http from "node:http";
import * as path from "node:path";
import { parseAllDocuments } from "yaml";
import { HelmError } from "../../../provider/helm/errors";
import { ChartRepo, startChartRepo } from "../../harness/chart-repo";
import { fixtureChart, pushChart } from "../../harness/charts";
import { countManifestPulls, Registry, startRegistry, stopRegistry } from "../../harness/registry";
import { tempDir, testbed } from "../../harness/testbed";
import { helmBinaries } from "../../harness/tools";
import { deleteNamespace, driverTempDirs, newDriver, ns, privateTempRoot, probeChart, ProcessWatch, rejection } from "./helpers";

beforeAll(() => privateTempRoot("charts"));

const REPO_PASSWORD = "Rp-31c9f0d2-repo-password";
const REGISTRY_PASSWORD = "Rg-8a24b6e1-registry-password";

/** The manifest digest the registry itself reports for a tag (Docker-Content-Digest of a HEAD). */
function registryDigest(host: string, repository: string, tag: string): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: host.split(":")[0], port: Number(host.split(":")[1]), method: "HEAD", path: `/v2/${repository}/manifests/${tag}`, headers: { Accept: "application/vnd.oci.image.manifest.v1+json" } },
      (res) => {
        res.resume();
        resolve(res.headers["docker-content-digest"] as string | undefined);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/** The file names inside a chart archive (via tar, which every test machine has). */
function tgzEntries(file: string): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { execFileSync } = require("node:child_process") as typeof import("node:child_process");
  return execFileSync("tar", ["-tzf", file], { encoding: "utf8" }).split("\n").filter(Boolean);
}

/** Files under the driver's helm homes whose content contains `needle`. */
function filesContaining(homes: object, needle: string): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    if (!fs.existsSync(p)) return;
    if (fs.statSync(p).isDirectory()) for (const e of fs.readdirSync(p)) walk(path.join(p, e));
    else if (fs.readFileSync(p).includes(needle)) out.push(p);
  };
  for (const d of new Set(Object.values(homes) as string[])) walk(d);
  return out;
}

describe.each(helmBinaries())("helm driver chart sources with helm v$major", ({ major, path: bin }) => {
  let authRegistry: Registry;
  let repo: ChartRepo;
  let dir: string;
  beforeAll(async () => {
    dir = tempDir(`helm-charts-v${major}`);
    authRegistry = await startRegistry({ dir: path.join(dir, "registry"), auth: { username: "ci", password: REGISTRY_PASSWORD } });
    await pushChart(bin, authRegistry, probeChart, ["0.3.0"], "private");
    repo = await startChartRepo({ dir: path.join(dir, "repo"), charts: [fixtureChart("web"), probeChart], helm: bin, auth: { username: "ci", password: REPO_PASSWORD } });
  });
  afterAll(async () => {
    await repo?.close();
    if (authRegistry) await stopRegistry(authRegistry);
  });
  afterEach(() => expect(driverTempDirs()).toEqual([]));

  test("pull from the OCI registry: the archive is written and the digest reported is the registry's", async () => {
    const { registry } = testbed();
    const helm = newDriver(bin);
    const before = countManifestPulls(registry, "charts/web", "0.2.0");
    const dest = path.join(dir, "oci-pull");
    const r = await helm.pull({ ref: `oci://${registry.host}/charts/web`, version: "0.2.0", destination: dest, plainHttp: true });
    expect(r.archive).toBe(path.join(dest, "web-0.2.0.tgz"));
    expect(tgzEntries(r.archive)).toEqual(expect.arrayContaining(["web/Chart.yaml", "web/templates/configmap.yaml"]));
    expect(r.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(r.digest).toBe(await registryDigest(registry.host, "charts/web", "0.2.0"));
    expect(countManifestPulls(registry, "charts/web", "0.2.0")).toBe(before + 1);

    // A second version into the same destination: reported as the archive just pulled (the other one stays).
    const r1 = await helm.pull({ ref: `oci://${registry.host}/charts/web`, version: "0.1.0", destination: dest, plainHttp: true });
    expect(r1.archive).toBe(path.join(dest, "web-0.1.0.tgz"));
    expect(r1.digest).toBe(await registryDigest(registry.host, "charts/web", "0.1.0"));
    expect(fs.readdirSync(dest).sort()).toEqual(["web-0.1.0.tgz", "web-0.2.0.tgz"]);
    // Pulling a version again overwrites its archive in place.
    const again = await helm.pull({ ref: `oci://${registry.host}/charts/web`, version: "0.2.0", destination: dest, plainHttp: true });
    expect(again).toEqual(r);

    // A version the registry does not have: a HelmError naming it, and no archive.
    const missing = await rejection(helm.pull({ ref: `oci://${registry.host}/charts/web`, version: "9.9.9", destination: path.join(dir, "oci-missing"), plainHttp: true }));
    expect(missing).toBeInstanceOf(HelmError);
    expect(missing).toMatchObject({ operation: "pull" });
    expect(missing.message).toMatch(/9\.9\.9|not found/);
    expect(fs.readdirSync(path.join(dir, "oci-missing"))).toEqual([]);
  });

  test("repoAdd with basic auth (password through stdin, never argv), repoIndex, then pull from the HTTP repository", async () => {
    const helm = newDriver(bin);
    const watch = new ProcessWatch(bin);
    try {
      await helm.repoAdd({ name: "fixtures", url: repo.url, username: "ci", password: REPO_PASSWORD });
    } finally {
      watch.stop();
    }
    expect(watch.helmCommands().filter((c) => c.includes(`repo add fixtures ${repo.url}`)).length).toBeGreaterThan(0);
    expect(watch.containing(REPO_PASSWORD)).toEqual([]);
    expect(repo.count((p) => p === "/index.yaml")).toBeGreaterThan(0);

    // The index as the repository serves it (charts and versions, digests, URLs).
    const index = helm.repoIndex("fixtures");
    expect([...index.keys()].sort()).toEqual(["probe", "web"]);
    expect(index.get("web")).toEqual([{ version: "0.1.0", digest: expect.stringMatching(/^[0-9a-f]{64}$/), urls: [`${repo.url}/web-0.1.0.tgz`] }]);
    expect(index.get("probe")?.map((e) => e.version)).toEqual(["0.3.0"]);

    // The repository entry (with its password) lived only in the call's private repositories file.
    expect(filesContaining(helm.options.homes, REPO_PASSWORD)).toEqual([]);
    const entry = { name: "fixtures", url: repo.url, username: "ci", password: REPO_PASSWORD };
    const before = repo.count((p) => p === "/probe-0.3.0.tgz");
    const r = await helm.pull({ ref: "fixtures/probe", version: "0.3.0", destination: path.join(dir, `http-pull-${major}`), credentials: { repository: entry } });
    expect(filesContaining(helm.options.homes, REPO_PASSWORD)).toEqual([]);
    expect(r.archive).toBe(path.join(dir, `http-pull-${major}`, "probe-0.3.0.tgz"));
    expect(fs.readFileSync(r.archive)).toEqual(fs.readFileSync(path.join(dir, "repo", "probe-0.3.0.tgz")));
    expect(repo.count((p) => p === "/probe-0.3.0.tgz")).toBe(before + 1);

    // Re-adding (force-update) with the other repository options helm accepts for HTTP repositories.
    await helm.repoAdd({ name: "fixtures", url: repo.url, username: "ci", password: REPO_PASSWORD, passCredentials: true, insecureSkipTlsVerify: true });
    expect(helm.repoIndex("fixtures").get("web")?.[0].version).toBe("0.1.0");
    const devel = await helm.pull({ ref: "fixtures/web", version: "0.1.0", devel: true, destination: path.join(dir, `http-devel-${major}`), credentials: { repository: entry } });
    expect(path.basename(devel.archive)).toBe("web-0.1.0.tgz");
    expect(devel.digest).toBeUndefined(); // digests are reported for OCI pulls only

    // A wrong password: refused, the password not in the error.
    const other = newDriver(bin);
    const err = await rejection(other.repoAdd({ name: "fixtures", url: repo.url, username: "ci", password: "Wrong-0f3e-password" }));
    expect(err).toBeInstanceOf(HelmError);
    expect(err.message).toMatch(/401|unauthorized/i);
    expect(err.message).toContain(repo.url);
    for (const t of [err.message, (err as HelmError).stderr, (err as HelmError).command]) expect(t).not.toContain("Wrong-0f3e-password");
  });

  test("registryLogin against a registry with auth: then pulls work; a wrong password is a HelmError without the password", async () => {
    const anonymous = newDriver(bin);
    const refused = await rejection(anonymous.pull({ ref: `oci://${authRegistry.host}/private/probe`, version: "0.3.0", destination: path.join(dir, "anon"), plainHttp: true }));
    expect(refused).toBeInstanceOf(HelmError);
    expect(refused.message).toMatch(/401|unauthorized|authentication required|basic credential not found/i);

    const helm = newDriver(bin);
    const watch = new ProcessWatch(bin);
    let wrong: Error;
    try {
      wrong = await rejection(helm.registryLogin({ host: authRegistry.host, username: "ci", password: "Bad-77c1-registry-password", plainHttp: true }));
      await helm.registryLogin({ host: authRegistry.host, username: "ci", password: REGISTRY_PASSWORD, plainHttp: true });
    } finally {
      watch.stop();
    }
    expect(wrong).toBeInstanceOf(HelmError);
    expect(wrong).toMatchObject({ operation: "registryLogin" });
    expect(wrong.message).toMatch(/401|unauthorized|authentication required|login/i);
    for (const t of [wrong.message, (wrong as HelmError).stderr, (wrong as HelmError).command]) expect(t).not.toContain("Bad-77c1-registry-password");
    expect(watch.helmCommands().filter((c) => c.includes(`registry login ${authRegistry.host}`)).length).toBeGreaterThan(0);
    expect(watch.containing(REGISTRY_PASSWORD)).toEqual([]);
    expect(watch.containing("Bad-77c1-registry-password")).toEqual([]);

    // A login lasts for its call only: nothing in the driver's homes holds it. A pull logs in for itself.
    expect(filesContaining(helm.options.homes, REGISTRY_PASSWORD)).toEqual([]);
    expect(fs.existsSync(helm.options.homes.registryConfig) ? fs.readFileSync(helm.options.homes.registryConfig, "utf8") : "").not.toContain(authRegistry.host);
    const before = countManifestPulls(authRegistry, "private/probe", "0.3.0");
    const credentials = { registry: { host: authRegistry.host, username: "ci", password: REGISTRY_PASSWORD, plainHttp: true } };
    const r = await helm.pull({ ref: `oci://${authRegistry.host}/private/probe`, version: "0.3.0", destination: path.join(dir, "authed"), plainHttp: true, credentials });
    expect(filesContaining(helm.options.homes, REGISTRY_PASSWORD)).toEqual([]);
    expect(filesContaining(helm.options.homes, Buffer.from(`ci:${REGISTRY_PASSWORD}`).toString("base64"))).toEqual([]);
    expect(path.basename(r.archive)).toBe("probe-0.3.0.tgz");
    expect(r.digest).toBe(await registryDigestAuthed(authRegistry, "private/probe", "0.3.0"));
    expect(countManifestPulls(authRegistry, "private/probe", "0.3.0")).toBe(before + 1);
  });

  test("dependencyBuild of umbrella (a copy): the dependency is vendored and renders with the umbrella's values; install works", async () => {
    const { cluster } = testbed();
    const helm = newDriver(bin);
    const work = tempDir(`helm-umbrella-v${major}`);
    // umbrella depends on file://../web: copy both, side by side.
    fs.cpSync(fixtureChart("umbrella"), path.join(work, "umbrella"), { recursive: true });
    fs.cpSync(fixtureChart("web"), path.join(work, "web"), { recursive: true });
    const chart = path.join(work, "umbrella");
    await helm.dependencyBuild(chart);
    // Rebuilding with a repository refresh (skipRefresh: false) works too (no repositories to refresh here).
    await helm.dependencyBuild(chart, { skipRefresh: false });
    expect(fs.readdirSync(path.join(chart, "charts"))).toEqual(["web-0.1.0.tgz"]);
    expect(fs.readFileSync(path.join(chart, "Chart.lock"), "utf8")).toMatch(/name: web[\s\S]*version: 0\.1\.0/);
    expect(fs.existsSync(path.join(fixtureChart("umbrella"), "charts"))).toBe(false); // the fixture itself is untouched

    const out = await helm.template({ releaseName: "um", namespace: "default", chartPath: chart });
    const cm = parseAllDocuments(out).map((d) => d.toJS() as { kind: string; metadata: { name: string }; data: Record<string, string> }).find((d) => d?.kind === "ConfigMap");
    expect(cm).toMatchObject({ metadata: { name: "um-config" }, data: { greeting: "from-umbrella" } });

    const n = ns(major, "umbrella");
    try {
      const installed = await helm.upgradeInstall({ kubeconfigPath: cluster.kubeconfig, name: "um", namespace: n, chartPath: chart, createNamespace: true });
      expect(installed.notes).toContain("umbrella um");
      expect(installed.status).toBe("deployed");
      expect(await helm.getMetadata({ kubeconfigPath: cluster.kubeconfig, name: "um", namespace: n })).toMatchObject({ chart: "umbrella", version: "0.1.0", status: "deployed" });
    } finally {
      await deleteNamespace(cluster, n);
    }

    // Without the dependency next to it, the build fails and says which dependency.
    const lonely = tempDir(`helm-umbrella-lonely-v${major}`);
    fs.cpSync(fixtureChart("umbrella"), path.join(lonely, "umbrella"), { recursive: true });
    const err = await rejection(helm.dependencyBuild(path.join(lonely, "umbrella")));
    expect(err).toBeInstanceOf(HelmError);
    expect(err).toMatchObject({ operation: "dependencyBuild" });
    expect(err.message).toMatch(/web/);
  });
});

/** Docker-Content-Digest of a tag on a registry with basic auth. */
function registryDigestAuthed(r: Registry, repository: string, tag: string): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const auth = Buffer.from(`${r.auth!.username}:${r.auth!.password}`).toString("base64");
    const req = http.request(
      { host: "127.0.0.1", port: r.port, method: "HEAD", path: `/v2/${repository}/manifests/${tag}`, headers: { Accept: "application/vnd.oci.image.manifest.v1+json", Authorization: `Basic ${auth}` } },
      (res) => {
        res.resume();
        resolve(res.headers["docker-content-digest"] as string | undefined);
      },
    );
    req.on("error", reject);
    req.end();
  });
}
