/** Unit tests of the loader's building blocks (helmfile rules pinned one by one). */
import * as path from "node:path";
import { HelmfileLoadError, loadHelmfile } from "../../sdk/loader";
import { mergeMaps, mergeStructAppend, mergeValuesOverride } from "../../sdk/loader/merge";
import { needToId, releaseId } from "../../sdk/loader/releaseId";
import { parseSelector, selectorsCompatible, selectorsMatch } from "../../sdk/loader/selectors";
import { releaseShape } from "../../sdk/loader/shapes";
import { isLocalChartSyntax } from "../../sdk/loader/repositories";

const fixtures = path.resolve(__dirname, "../fixtures/helmfile");

describe("HelmfileLoadError", () => {
  it("carries file, line, column and key path", async () => {
    const err = await loadHelmfile(path.join(fixtures, "strict-unknown-release-key-error"), { env: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HelmfileLoadError);
    const e = err as HelmfileLoadError;
    expect([e.file, e.line, e.column, e.keyPath]).toEqual([path.join(fixtures, "strict-unknown-release-key-error", "helmfile.yaml"), 6, 3, "releases[1].valuez"]);
    expect(e.message.startsWith(`${e.file}:6:3: releases[1].valuez: `)).toBe(true);
  });
});

describe("merge rules", () => {
  it("mergeMaps: maps deep, arrays replaced, sparse arrays merged by index, null never deletes", () => {
    expect(mergeMaps({ a: { x: 1, y: 2 }, l: [1, 2, 3], s: [1, 2, 3], k: 1 }, { a: { y: 3 }, l: [9], s: [null, 8], k: null })).toEqual({
      a: { x: 1, y: 3 },
      l: [9],
      s: [1, 8, 3],
      k: 1,
    });
  });

  it("mergeMaps merge strategy: arrays merged by index (CLI overrides)", () => {
    expect(mergeMaps({ l: [1, 2, 3] }, { l: [9] }, "merge")).toEqual({ l: [9, 2, 3] });
  });

  it("mergeValuesOverride: later values win, false and null included", () => {
    expect(mergeValuesOverride({ a: true, b: 1, m: { x: 1 } }, { a: false, b: null, m: { y: 2 } })).toEqual({ a: false, b: null, m: { x: 1, y: 2 } });
  });

  it("mergo append+override on releases: scalars overridden, lists appended, set pointers not reset by false", () => {
    const merged = mergeStructAppend(
      { namespace: "t", values: [{ t: 1 }], wait: true, labels: { a: "t", b: "t" } },
      { namespace: "r", values: [{ r: 1 }], wait: false, timeout: 0, labels: { a: "r" } },
      releaseShape,
    );
    expect(merged).toEqual({ namespace: "r", values: [{ t: 1 }, { r: 1 }], wait: true, timeout: 0, labels: { a: "r", b: "t" } });
  });
});

describe("release ids and needs", () => {
  it("formats ids as helmfile's ReleaseToID", () => {
    expect([releaseId({ name: "a" }), releaseId({ name: "a", namespace: "n" }), releaseId({ name: "a", kubeContext: "c" }), releaseId({ name: "a", namespace: "n", kubeContext: "c" })]).toEqual([
      "a",
      "n/a",
      "c//a",
      "c/n/a",
    ]);
  });

  it("defaults a need's namespace and context to the needing release's", () => {
    const from = { namespace: "apps", kubeContext: "east" };
    expect([needToId("db", from), needToId("data/db", from), needToId("west/infra/cm", from), needToId("db", {})]).toEqual(["east/apps/db", "east/data/db", "west/infra/cm", "db"]);
  });
});

describe("selectors", () => {
  it("AND within a selector, OR across selectors, != excludes only matching values", () => {
    const f = ["tier=web,env=prod", "tier=db"].map(parseSelector);
    expect(selectorsMatch(f, { tier: "web", env: "prod" })).toBe(true);
    expect(selectorsMatch(f, { tier: "web", env: "dev" })).toBe(false);
    expect(selectorsMatch(f, { tier: "db" })).toBe(true);
    expect(selectorsMatch([parseSelector("tier!=web")], {})).toBe(true);
    expect(selectorsMatch([parseSelector("tier!=web")], { tier: "web" })).toBe(false);
  });

  it("detects provably disjoint selector sets (sub-helmfile skipping)", () => {
    expect(selectorsCompatible(["name=a"], ["name=b"])).toBe(false);
    expect(selectorsCompatible(["name=a"], ["tier=x"])).toBe(true);
    expect(selectorsCompatible([], ["name=b"])).toBe(true);
  });
});

describe("chart syntax", () => {
  it("follows helmfile's isLocalChart", () => {
    expect(["./c", "../c", "/abs/c", "c", "a/b/c/d"].map(isLocalChartSyntax)).toEqual([true, true, true, true, true]);
    expect(["repo/chart", "oci://h/p/c", "repo/sub/chart"].map(isLocalChartSyntax)).toEqual([false, false, false]);
  });
});

describe("helmfile.lock", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { lockFilePathOf, lockedName, lockedVersion } = require("../../sdk/loader/lockFile") as typeof import("../../sdk/loader/lockFile");
  const repos = [{ name: "stable", url: "https://c" }, { name: "reg", url: "r.example.com/team", oci: true }];
  const lock = { file: "/x/helmfile.lock", dependencies: [{ name: "web", repository: "https://c", version: "0.2.0" }, { name: "web", repository: "https://c", version: "0.1.3" }, { name: "api", repository: "oci://r.example.com/team/sub", version: "2.0.0" }] };
  const where = { file: "/x/helmfile.yaml", keyPath: "releases[0].version" };
  it("path: lockFilePath relative to the state file, else <name without .gotmpl/.yaml>.lock", () => {
    expect(lockFilePathOf("/x/helmfile.yaml.gotmpl", undefined)).toBe("/x/helmfile.lock");
    expect(lockFilePathOf("/x/helmfile.d/10-app.yaml", undefined)).toBe("/x/helmfile.d/10-app.lock");
    expect(lockFilePathOf("/x/helmfile.yaml", "locks/dev.lock")).toBe("/x/locks/dev.lock");
  });
  it("lock-managed charts: repo/chart of a declared repository (OCI: the last path segment); not local or oci:// charts", () => {
    expect([lockedName("stable/web", repos), lockedName("reg/sub/api", repos), lockedName("./web", repos), lockedName("oci://r/x", repos), lockedName("other/web", repos)]).toEqual(["web", "api", undefined, undefined, undefined]);
  });
  it("the first locked version satisfying the constraint; none is an error naming the lock and the key", () => {
    expect(lockedVersion(lock, "stable/web", "~0.1.0", repos, where)).toBe("0.1.3");
    expect(lockedVersion(lock, "stable/web", undefined, repos, where)).toBe("0.2.0");
    expect(lockedVersion(lock, "reg/sub/api", "^2", repos, where)).toBe("2.0.0");
    expect(() => lockedVersion(lock, "stable/web", ">=1", repos, where)).toThrow(/releases\[0\]\.version: no resolved dependency found for "web" satisfying ">=1" in lock file \/x\/helmfile.lock \(it locks 0.2.0, 0.1.3\)/);
  });
});
