import { installFlags, templateFlags, upgradeFlags } from "../../../provider/helm/flags";

const all = {
  createNamespace: true, wait: true, waitForJobs: true, timeout: 60, atomic: true, cleanupOnFail: true, skipCrds: true, disableHooks: true,
  force: true, historyMax: 5, description: "d", postRenderer: "pr", postRendererArgs: ["a"], reuseValues: true, devel: true,
  skipSchemaValidation: true, takeOwnership: true, labels: { a: "1", b: "2" },
};

describe("flags for helm 3 and 4", () => {
  it("upgrade --install, helm 3", () => {
    expect(upgradeFlags(3, all)).toEqual([
      "--create-namespace", "--wait", "--wait-for-jobs", "--timeout", "60s", "--atomic", "--cleanup-on-fail", "--skip-crds", "--no-hooks", "--force",
      "--history-max", "5", "--description", "d", "--post-renderer", "pr", "--post-renderer-args", "a", "--reuse-values", "--devel",
      "--skip-schema-validation", "--take-ownership", "--labels", "a=1,b=2",
    ]);
  });
  it("upgrade --install, helm 4: new flag names, forced updates client-side", () => {
    const f = upgradeFlags(4, all);
    expect(f).toEqual(expect.arrayContaining(["--wait=watcher", "--rollback-on-failure", "--force-replace", "--server-side=false"]));
    expect(f).not.toContain("--atomic");
    expect(f).not.toContain("--force");
  });
  it("install leaves out what only an upgrade accepts", () => {
    for (const major of [3, 4] as const) {
      const f = installFlags(major, all);
      for (const only of ["--force", "--force-replace", "--history-max", "--cleanup-on-fail", "--reuse-values", "--reset-values"]) expect(f).not.toContain(only);
      expect(f).toEqual(expect.arrayContaining(["--labels", "a=1,b=2", "--create-namespace", "--take-ownership"]));
    }
  });
  it("template renders CRDs unless skipped", () => {
    expect(templateFlags({})).toEqual(["--include-crds"]);
    expect(templateFlags({ skipCrds: true, disableHooks: true })).toEqual(["--skip-crds", "--no-hooks"]);
  });
});
