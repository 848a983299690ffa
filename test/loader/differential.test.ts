/**
 * Differential test against the real helmfile v1.8.0: for every fixture that loads successfully, `helmfile list
 * --output json` must equal our `list` rows, and `helmfile build`'s rendered state values and release values must
 * equal our state. Differences where we deliberately diverge from helmfile are listed with the reason and asserted
 * to still differ (so the list stays honest).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseAllDocuments } from "yaml";
import { loadHelmfile } from "../../sdk/loader";
import type { HelmfileState, ReleaseSpec } from "../../sdk/state";
import { releaseTracking } from "../../sdk/loader/tracking";
import { listRows } from "../../sdk/cli/listRows";
import { type Fixture, listFixtures, loadArgs } from "./fixtureCorpus";
import { locateTools, runHelmfile, stateValuesSetArgs } from "./helmfileBinary";

/** Fixtures where helmfile's `list` deliberately differs from ours, and why. */
const knownListDifferences: Record<string, string> = {
  "selector-matches-nothing":
    "helmfile fails with 'no releases found that matches specified selector'; the loader returns an empty release list",
  "gotmpl-required-env-unselected-skipped":
    "helmfile renders every release before filtering (#1172), so an unselected release's requiredEnv fails the run; the " +
    "loader drops a release whose rendering fails when its literal name/namespace/chart/labels cannot match the selectors",
};

/** Fixtures where `helmfile build` cannot be compared, and why. */
const buildNotComparable: Record<string, string> = {
  "chart-oci-url": "helmfile build pulls OCI charts during chart preparation (no network in tests)",
  "repository-oci-flag": "helmfile build pulls OCI charts during chart preparation (no network in tests)",
  "release-dependencies-repositories": "helmfile build runs chartify (helm pull, helm dependency up) for a release with dependencies (no network in tests)",
};

/**
 * Error fixtures that `helmfile list` accepts, and why we fail anyway. `list` neither reads values files nor plans the
 * DAG nor contacts repositories, so helmfile reports these problems later (template/sync) or never.
 */
const helmfileListAccepts: Record<string, string> = {
  "chart-undeclared-repository-error": "helmfile leaves an unknown `repo/` prefix to helm, which fails at sync time",
  "duplicate-release-across-helmfile-d-error": "helmfile only checks duplicates within one state file",
  "invalid-missing-file-handler-error": "helmfile only consults missingFileHandler when values files are read (sync/template)",
  "needs-cycle-error": "helmfile detects cycles when planning the DAG (sync/apply), not in list",
  "track-mode-helm-legacy-unsupported-error": "helmfile honours helm-legacy at sync time (--wait=legacy); the loader does not support it",
  "track-mode-kubedog-in-helm-defaults-unsupported-error": "helmfile runs kubedog at sync time; the loader does not support it",
  "track-mode-kubedog-in-template-unsupported-error": "helmfile runs kubedog at sync time; the loader does not support it",
  "track-mode-kubedog-unsupported-error": "helmfile runs kubedog at sync time; the loader does not support it",
  "track-mode-unknown-error": "helmfile does not validate a state file's trackMode (an unknown one behaves as helm); the loader refuses it",
  "needs-dangling-error": "helmfile only warns about an undefined need in list",
  "release-secrets-missing-file-error": "helmfile reads release secrets files at sync/template time",
  "release-verify-template-true-error": "helmfile verifies chart provenance at sync time; the chart cache does not, so the loader refuses it",
  "vals-unsupported-backend-error": "helmfile resolves vals references at sync/template time (and supports every backend)",
  "values-file-missing-error": "helmfile reads release values files at sync/template time",
  "values-gotmpl-template-error": "helmfile renders release values files at sync/template time",
};

const tools = locateTools();
jest.setTimeout(60_000); // each case spawns helmfile (and helm); generous under a loaded machine
const fixtures = listFixtures().filter((f) => f.expected !== undefined);

function helmfileEnv(f: Fixture): Record<string, string | undefined> {
  return { ...(f.options.env ?? {}), ...(f.options.disableInsecureFeatures ? { HELMFILE_DISABLE_INSECURE_FEATURES: "true" } : {}) };
}

function helmfileArgs(f: Fixture): string[] {
  // Without -f helmfile does the default lookup in cwd; `-f <dir>` would read every *.yaml of the dir.
  const args = f.options.file ? ["-f", f.options.file] : [];
  if (f.options.environment) args.push("-e", f.options.environment);
  for (const s of f.options.selectors ?? []) args.push("-l", s);
  for (const s of stateValuesSetArgs(f.options.stateValues ?? {})) args.push("--state-values-set", s);
  for (const v of f.options.stateValuesFiles ?? []) args.push("--state-values-file", v);
  return args;
}

async function ours(f: Fixture): Promise<HelmfileState> {
  const { file, options } = loadArgs(f);
  return loadHelmfile(file, options);
}

describe("differential: helmfile v1.8.0 list --output json", () => {
  it("has the helmfile and helm binaries", () => {
    expect("missing" in tools ? tools.missing : "found").toBe("found");
  });

  it.each(fixtures.map((f) => [f.name, f] as const))("%s", async (name, f) => {
    if ("missing" in tools) throw new Error(tools.missing);
    const run = runHelmfile(tools, [...helmfileArgs(f), "list", "--output", "json", "--skip-charts"], f.dir, helmfileEnv(f));
    const mine = listRows(await ours(f), (f.options.selectors ?? []).length > 0);
    const known = knownListDifferences[name];
    if (known) {
      const theirs = run.status === 0 ? JSON.parse(run.stdout.trim().split("\n").pop() ?? "[]") : { status: run.status, stderr: run.stderr };
      expect(theirs).not.toEqual(mine);
      return;
    }
    expect({ status: run.status, stderr: run.status === 0 ? "" : run.stderr }).toEqual({ status: 0, stderr: "" });
    const theirs: unknown = JSON.parse(run.stdout.trim().split("\n").pop() ?? "null");
    expect(mine).toEqual(theirs);
  });
});

interface BuiltRelease {
  name: string;
  namespace?: string;
  chart?: string;
  version?: string;
  installed?: boolean;
  needs?: string[];
  valuesPathPrefix?: string;
  values?: unknown[];
  set?: { name: string; value?: string; file?: string; values?: unknown[] }[];
  dependencies?: { chart: string; version?: string; alias?: string }[];
}

/** Ad-hoc dependencies as written (helmfile build prints an unset version or alias as ""). */
const asWritten = (deps: { chart: string; version?: string; alias?: string }[] | undefined) =>
  (deps ?? []).map((d) => ({ chart: d.chart, version: d.version ?? "", alias: d.alias ?? "" }));

describe("differential: helmfile v1.8.0 build", () => {
  const single = fixtures.filter((f) => !buildNotComparable[f.name] && !knownListDifferences[f.name]);
  const excluded = fixtures.filter((f) => buildNotComparable[f.name]);
  it.each(excluded.map((f) => [f.name, f] as const))("%s is not comparable: helmfile build fails offline", (_name, f) => {
    if ("missing" in tools) throw new Error(tools.missing);
    expect(runHelmfile(tools, [...helmfileArgs(f), "build"], f.dir, helmfileEnv(f)).status).not.toBe(0);
  });
  it.each(single.map((f) => [f.name, f] as const))("%s", async (_name, f) => {
    if ("missing" in tools) throw new Error(tools.missing);
    const run = runHelmfile(tools, [...helmfileArgs(f), "build"], f.dir, helmfileEnv(f));
    expect({ status: run.status, stderr: run.status === 0 ? "" : run.stderr }).toEqual({ status: 0, stderr: "" });
    const docs = parseAllDocuments(run.stdout).map((d) => d.toJS() as Record<string, unknown> | null).filter((d): d is Record<string, unknown> => !!d);
    const state = await ours(f);
    // The root state's rendered values are those of the last document of a file in the fixture's top directory.
    const rootDocs = docs.filter((d) => typeof d.filepath === "string" && !String(d.filepath).includes("/"));
    const root = rootDocs[rootDocs.length - 1] ?? docs[docs.length - 1];
    expect(root?.renderedvalues ?? {}).toEqual(state.stateValues);
    // The root state's kubedog defaults, which `build` shows in helmDefaults.
    const hd = (root?.helmDefaults ?? {}) as { trackMode?: string; helmStuckGrace?: number };
    expect({ trackMode: state.helmDefaults.trackMode, helmStuckGrace: state.helmDefaults.helmStuckGrace }).toEqual({ trackMode: hd.trackMode, helmStuckGrace: hd.helmStuckGrace });
    // Every selected release's values, in helm's order: file entries as paths, inline maps as maps.
    const built = new Map<string, BuiltRelease>();
    for (const d of docs) for (const r of (d.releases as BuiltRelease[] | undefined) ?? []) built.set(`${r.namespace ?? ""}/${r.name}`, r);
    for (const r of state.releases) {
      const b = built.get(`${r.namespace ?? ""}/${r.name}`);
      expect([r.name, b !== undefined]).toEqual([r.name, true]);
      // helmfile build prints values paths as written (valuesPathPrefix not applied); files skipped by
      // missingFileHandler never reach helm.
      const theirs = (b?.values ?? [])
        .map((v) => (typeof v === "string" ? path.resolve(path.dirname(r.sourceFile), (b?.valuesPathPrefix ?? "") + v) : v))
        .filter((v) => typeof v !== "string" || fs.existsSync(v));
      const mine = r.values.map((v, i) => (r.valuesSources[i].includes(":releases[") ? v : r.valuesSources[i]));
      expect(mine).toEqual(theirs);
      // Chart, version, installed, set entries, kubedog fields; needs when no selector can drop unselected targets.
      const their = {
        chart: b?.chart,
        version: b?.version ?? "",
        installed: b?.installed ?? true,
        set: (b?.set ?? []).map((x) => ({ ...x, ...(x.file ? { file: path.resolve(path.dirname(r.sourceFile), x.file) } : {}) })),
        needs: (f.options.selectors ?? []).length ? r.needs : [...new Set(b?.needs ?? [])],
        tracking: releaseTracking((b ?? {}) as ReleaseSpec) ?? {},
        dependencies: asWritten(b?.dependencies),
      };
      // A helmfile.lock pin shows in `helmfile build` as the release's version, as in ours.
      const ourRelease = { chart: r.chart, version: r.version ?? "", installed: r.installed, set: r.set, needs: r.needs, tracking: r.tracking ?? {}, dependencies: asWritten(r.dependencies) };
      expect(ourRelease).toEqual(their);
    }
  });
});

describe("differential: helmfile v1.8.0 fails on our error fixtures too", () => {
  const errors = listFixtures().filter((f) => f.errorFragments !== undefined);
  it.each(errors.map((f) => [f.name, f] as const))("%s", (name, f) => {
    if ("missing" in tools) throw new Error(tools.missing);
    const run = runHelmfile(tools, [...helmfileArgs(f), "list", "--output", "json", "--skip-charts"], f.dir, helmfileEnv(f));
    if (helmfileListAccepts[name]) expect(run.status).toBe(0);
    else expect({ status: run.status === 0 ? "ok" : "failed", stdout: run.status === 0 ? run.stdout : "" }).toEqual({ status: "failed", stdout: "" });
  });
});
