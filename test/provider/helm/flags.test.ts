import { helmFlags, installFlags, templateFlags, uninstallFlags, upgradeFlags } from "../../../provider/helm/flags";
import { HelmCommand, HelmOptions, OPTION_NAMES, OPTION_RULES, OptionError, postRendererName } from "../../../provider/helm/options";

/** A value for every option that makes it take effect. */
const SAMPLE: Required<HelmOptions> = {
  createNamespace: true, wait: true, waitForJobs: true, timeout: 60, atomic: true, rollbackOnFailure: true, cleanupOnFail: true,
  skipCrds: true, disableHooks: true, force: true, forceConflicts: true, historyMax: 5, description: "d", postRenderer: "./pr/add-labels.bash",
  postRendererArgs: ["a"], reuseValues: true, devel: true, enableDNS: true, skipSchemaValidation: true, takeOwnership: true,
  serverSide: "true", disableOpenAPIValidation: true, kubeVersion: "1.30.0", apiVersions: ["x/v1"], deleteWait: true, deleteTimeout: 30,
  cascade: "foreground", args: ["--debug"], syncArgs: ["--hide-notes"], templateArgs: ["--dry-run=server"], updateStrategy: "reinstallIfForbidden",
  labels: { a: "1", b: "2" },
};
const COMMANDS: HelmCommand[] = ["upgrade", "install", "template", "uninstall"];
/** The flags of one option set alone (with a post-renderer, which its arguments need); a refusal counts as none. */
const flagsOf = (k: keyof HelmOptions, command: HelmCommand, major: 3 | 4) => {
  try {
    return OPTION_RULES[k].flags?.(SAMPLE[k] as never, { command, major, all: { postRenderer: SAMPLE.postRenderer, [k]: SAMPLE[k] } }) ?? [];
  } catch (e) {
    if (e instanceof OptionError) return [];
    throw e;
  }
};

describe("the option table", () => {
  it("every option takes effect somewhere: a flag on some command for helm 3 or 4, or code named in the table", () => {
    const silent = OPTION_NAMES.filter((k) => !OPTION_RULES[k].implementedBy && COMMANDS.every((c) => flagsOf(k, c, 3).length === 0 && flagsOf(k, c, 4).length === 0));
    expect(silent).toEqual([]);
  });
  it("an option is part of the preview render exactly when it changes `helm template`'s flags", () => {
    const mismatch = OPTION_NAMES.filter((k) => OPTION_RULES[k].preview !== (flagsOf(k, "template", 3).length > 0 || flagsOf(k, "template", 4).length > 0));
    expect(mismatch).toEqual([]);
  });
});

describe("flags for helm 3 and 4", () => {
  it("upgrade --install, helm 3", () => {
    const { forceConflicts: _f, serverSide: _s, ...v3 } = SAMPLE;
    expect(upgradeFlags(3, v3)).toEqual([
      "--create-namespace", "--wait", "--wait-for-jobs", "--timeout", "60s", "--atomic", "--cleanup-on-fail", "--skip-crds", "--no-hooks", "--force",
      "--history-max", "5", "--description", "d", "--post-renderer", "./pr/add-labels.bash", "--post-renderer-args", "a", "--reuse-values", "--devel",
      "--enable-dns", "--skip-schema-validation", "--take-ownership", "--disable-openapi-validation", "--debug", "--hide-notes", "--labels", "a=1,b=2",
    ]);
  });
  it("upgrade --install, helm 4: new flag names; a forced update is client-side unless asked otherwise", () => {
    const f = upgradeFlags(4, { force: true, atomic: true, wait: true, postRenderer: "./pr/add-labels.bash" });
    expect(f).toEqual(["--wait=watcher", "--rollback-on-failure", "--force-replace", "--post-renderer", "add-labels", "--reset-values", "--server-side=false"]);
    expect(upgradeFlags(4, { force: true, serverSide: "true" })).toContain("--server-side=true");
    expect(upgradeFlags(4, { takeOwnership: true })).toEqual(["--reset-values", "--take-ownership", "--force-conflicts"]);
  });
  it("helm 4 only options fail clearly on helm 3; contradictions fail as in helmfile", () => {
    expect(() => upgradeFlags(3, { forceConflicts: true })).toThrow(/forceConflicts needs helm 4/);
    expect(() => upgradeFlags(3, { serverSide: "true" })).toThrow(/serverSide: "true" needs helm 4/);
    expect(upgradeFlags(3, { serverSide: "false" })).toEqual(["--reset-values"]);
    expect(() => upgradeFlags(4, { force: true, forceConflicts: true })).toThrow(/mutually exclusive/);
    expect(() => upgradeFlags(4, { serverSide: "maybe" })).toThrow(/"true", "false" or "auto"/);
    expect(() => uninstallFlags(4, { cascade: "sideways" })).toThrow(/background/);
    expect(() => upgradeFlags(4, { updateStrategy: "yolo" })).toThrow(/reinstallIfForbidden/);
    expect(() => templateFlags(4, { postRendererArgs: ["x"] })).toThrow(/without a postRenderer/);
    expect(templateFlags(4, { postRenderer: "p", postRendererArgs: ["", "x"] })).toEqual(["--include-crds", "--post-renderer", "p", "--post-renderer-args", "x"]);
  });
  it("install leaves out what only an upgrade accepts", () => {
    for (const major of [3, 4] as const) {
      const f = installFlags(major, { ...SAMPLE, forceConflicts: false, serverSide: "auto" });
      for (const only of ["--force", "--force-replace", "--history-max", "--cleanup-on-fail", "--reuse-values", "--reset-values", "--server-side=auto"]) expect(f).not.toContain(only);
      expect(f).toEqual(expect.arrayContaining(["--labels", "a=1,b=2", "--create-namespace", "--take-ownership", "--hide-notes"]));
    }
  });
  it("template: CRDs unless skipped, and only rendering options", () => {
    expect(templateFlags(3, {})).toEqual(["--include-crds"]);
    expect(templateFlags(4, SAMPLE)).toEqual([
      "--skip-crds", "--no-hooks", "--post-renderer", "add-labels", "--post-renderer-args", "a", "--devel", "--enable-dns", "--skip-schema-validation",
      "--kube-version", "1.30.0", "--api-versions", "x/v1", "--debug", "--dry-run=server",
    ]);
  });
  it("uninstall", () => {
    expect(uninstallFlags(3, { deleteWait: true, deleteTimeout: 30, cascade: "orphan", wait: true, timeout: 5 })).toEqual(["--wait", "--timeout", "30s", "--cascade=orphan"]);
  });
  it("helm 4 post-renderer: a script path becomes the plugin name (helmfile's rule)", () => {
    expect(postRendererName(4, "./postrenderers/add-labels.bash")).toBe("add-labels");
    expect(postRendererName(4, "x.sh")).toBe("x");
    expect(postRendererName(4, "my-plugin")).toBe("my-plugin");
    expect(postRendererName(3, "./x.sh")).toBe("./x.sh");
  });
  it("helmFlags walks the table for any command", () => {
    expect(helmFlags("uninstall", 4, { disableHooks: true })).toEqual(["--no-hooks"]);
  });
});
