/**
 * The order of hook events compared with the real helmfile v1.8.0 (issue 15): the same helmfile — global
 * prepare/cleanup hooks and two releases, `api` needing `db`, every release event logged with `.HelmfileCommand` and
 * `.Event.Error` — through `helmfile apply`/`diff`/`sync`/`destroy` and through `pulumi up`/`preview`/`destroy` of a
 * Helmfile component, on the testbed cluster. The commands we map (up ↔ apply, destroy ↔ destroy) must give the same
 * events per release, with the same `.HelmfileCommand`, the same order across releases for the sync and uninstall
 * events, and the global hooks first and last; what differs is asserted as such and listed in the README ("## Hooks").
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { isolatedHelmEnv } from "../harness/helm-env";
import { tempDir, testbed } from "../harness/testbed";
import { requireTool, toolPaths } from "../harness/tools";
import { fixtureStack, readIf } from "./stack";
import { helmList, stackEnv } from "./examples/cluster";

const EVENTS = ["prepare", "preapply", "presync", "postsync", "preuninstall", "postuninstall", "cleanup"];
const LOG = (what: string, indent: string) => `command: sh
${indent}args: ["-c", "printf '%s\\\\n' \\"$1\\" >> events.log", "sh", "${what} {{ .Event.Name }} {{ .HelmfileCommand }} {{ .Event.Error }}"]`;

function helmfileYaml(ns: string, v = "1"): string {
  const release = (name: string, needs?: string) => `  - name: ${name}
    namespace: ${ns}
    chart: ./chart
    values: [{v: "${v}"}]${needs ? `\n    needs: [${ns}/${needs}]` : ""}
    hooks:
      - events: [${EVENTS.join(", ")}]
        ${LOG("{{ .Release.Name }}", "        ")}
`;
  // helm-diff v3.9.14 validates with `--validate` plus `--dry-run`, which helm v4 rejects (see bench/helmfile-peer.ts).
  return `helmDefaults:
  disableValidation: true
hooks:
  - events: [prepare, cleanup]
    ${LOG("global", "    ")}
releases:
${release("api", "db")}${release("db")}`;
}

function writeProject(dir: string, ns: string): void {
  fs.mkdirSync(path.join(dir, "chart", "templates"), { recursive: true });
  fs.writeFileSync(path.join(dir, "chart", "Chart.yaml"), "apiVersion: v2\nname: order\nversion: 0.1.0\n");
  fs.writeFileSync(path.join(dir, "chart", "templates", "cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  v: {{ .Values.v | default \"1\" | quote }}\n");
  fs.writeFileSync(path.join(dir, "helmfile.yaml"), helmfileYaml(ns));
}

/** Read and truncate the event log. */
function take(dir: string): string[] {
  const file = path.join(dir, "events.log");
  const lines = readIf(file).split("\n").filter(Boolean).map((l) => l.trimEnd());
  fs.rmSync(file, { force: true });
  return lines;
}

/** The events of one subject (`global`, a release name), in order. */
const of = (events: string[], who: string) => events.filter((e) => e.startsWith(`${who} `));
/** Whether every event of `a` in `events` comes before every event of `b` (restricted to the given event names). */
const before = (events: string[], a: string, b: string) => Math.max(...events.map((e, i) => (e.startsWith(a) ? i : -1))) < Math.min(...events.map((e, i) => (e.startsWith(b) ? i : Infinity)));

describe("hook events: helmfile v1.8.0 and pulumi, same file", () => {
  const tools = toolPaths();
  const NS_HF = "e2e-order-hf";
  const NS_PL = "e2e-order-pl";
  const hf: Record<string, string[]> = {};
  const pl: Record<string, string[]> = {};

  beforeAll(async () => {
    const dir = tempDir("order-helmfile");
    writeProject(dir, NS_HF);
    const env = {
      PATH: [path.dirname(requireTool(tools.helm4, "helm v4")), path.dirname(requireTool(tools.kubectl, "kubectl")), "/usr/bin", "/bin"].join(":"),
      HOME: dir,
      KUBECONFIG: testbed().cluster.kubeconfig,
      HELM_PLUGINS: requireTool(tools.helmDiffPlugins, "helm-diff plugins"),
      HELMFILE_CACHE_HOME: path.join(dir, ".helmfile-cache"),
      NO_COLOR: "1",
      ...isolatedHelmEnv(path.join(dir, ".helm")),
    };
    const helmfile = (...args: string[]) => {
      const r = spawnSync(requireTool(tools.helmfile, "helmfile"), args, { cwd: dir, env, encoding: "utf8", timeout: 240_000 });
      if (r.status !== 0 && !(args[0] === "diff" && r.status === 2)) throw new Error(`helmfile ${args.join(" ")} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
      return take(dir);
    };
    hf.apply = helmfile("apply");
    hf.applyAgain = helmfile("apply");
    fs.writeFileSync(path.join(dir, "helmfile.yaml"), helmfileYaml(NS_HF, "2"));
    hf.diff = helmfile("diff");
    hf.applyChange = helmfile("apply");
    hf.sync = helmfile("sync");
    hf.destroy = helmfile("destroy");

    const stack = await fixtureStack("reliability/helmfile-file", stackEnv({ PULUMI_HELMFILE_KUBECTL: tools.kubectl }));
    writeProject(stack.dir, NS_PL);
    await stack.config({ file: "helmfile.yaml" });
    await stack.secret("kubeconfig", fs.readFileSync(testbed().cluster.kubeconfig, "utf8"));
    const pulumi = async (...args: string[]) => {
      await stack.ok([...args, ...(args[0] === "preview" ? [] : ["--yes", "--skip-preview"])]);
      return take(stack.dir);
    };
    pl.preview = await pulumi("preview");
    pl.up = await pulumi("up");
    pl.upAgain = await pulumi("up");
    fs.writeFileSync(path.join(stack.dir, "helmfile.yaml"), helmfileYaml(NS_PL, "2"));
    pl.previewChange = await pulumi("preview");
    pl.upChange = await pulumi("up");
    pl.destroy = await pulumi("destroy");
    process.stderr.write(`[hooks-order] helmfile: ${JSON.stringify(hf, null, 1)}\n[hooks-order] pulumi: ${JSON.stringify(pl, null, 1)}\n`);
  }, 900_000);

  test("up ↔ apply (install): the same events per release and global, db's sync before api's, global prepare first and cleanup last", () => {
    for (const who of ["global", "db", "api"]) expect(of(pl.up, who)).toEqual(of(hf.apply, who));
    expect(of(hf.apply, "global")).toEqual(["global prepare apply <nil>", "global cleanup apply <nil>"]);
    expect(of(hf.apply, "db")).toEqual(["db prepare apply <nil>", "db preapply apply <nil>", "db presync sync <nil>", "db postsync sync <nil>", "db cleanup sync <nil>"]);
    for (const run of [hf.apply, pl.up]) {
      expect(run[0]).toBe("global prepare apply <nil>");
      expect(run.at(-1)).toBe("global cleanup apply <nil>");
      expect(before(run, "db presync", "api presync")).toBe(true);
      expect(before(run, "db postsync", "api presync")).toBe(true);
    }
  });

  test("up ↔ apply (a change): the same events for the changed releases", () => {
    for (const who of ["global", "db", "api"]) expect(of(pl.upChange, who)).toEqual(of(hf.applyChange, who));
  });

  test("destroy ↔ destroy: prepare, then api's uninstall before db's (reverse needs), global prepare first and cleanup last", () => {
    for (const who of ["global", "db", "api"]) expect(of(pl.destroy, who)).toEqual(of(hf.destroy, who));
    expect(of(hf.destroy, "api")).toEqual(["api prepare destroy <nil>", "api preuninstall delete <nil>", "api postuninstall delete <nil>"]);
    expect(of(hf.destroy, "global")).toEqual(["global prepare destroy <nil>", "global cleanup destroy <nil>"]);
    for (const run of [hf.destroy, pl.destroy]) {
      expect(run[0]).toBe("global prepare destroy <nil>");
      expect(run.at(-1)).toBe("global cleanup destroy <nil>");
      expect(before(run, "api postuninstall", "db preuninstall")).toBe(true);
    }
    expect(helmList(NS_PL)).toEqual([]);
    expect(helmList(NS_HF)).toEqual([]);
  });

  test("differences (README): preview runs nothing where diff runs prepare/cleanup; a no-change up runs nothing where apply runs prepare; helmfile prepares all releases first; sync is not mapped", () => {
    expect(pl.preview).toEqual([]);
    expect(pl.previewChange).toEqual([]);
    expect(of(hf.diff, "global")).toEqual(["global prepare diff <nil>", "global cleanup diff <nil>"]);
    expect(of(hf.diff, "db")).toEqual(["db prepare diff <nil>", "db cleanup diff <nil>"]);
    expect(pl.upAgain).toEqual([]);
    expect(of(hf.applyAgain, "global")).toEqual(["global prepare apply <nil>", "global cleanup apply <nil>"]);
    expect(of(hf.applyAgain, "db")).toEqual(["db prepare apply <nil>"]); // apply returns before the cleanup of unchanged releases
    // helmfile prepares every release (and runs preapply in reverse needs order) before any sync; Pulumi runs each
    // release's prepare and preapply right before its own sync
    expect(before(hf.apply, "api prepare", "db presync")).toBe(true);
    expect(before(hf.apply, "api preapply", "db presync")).toBe(true);
    expect(before(pl.up, "db cleanup", "api prepare")).toBe(true);
    expect(before(hf.destroy, "api prepare", "api preuninstall") && before(hf.destroy, "db prepare", "api preuninstall")).toBe(true);
    expect(of(hf.sync, "db")).toEqual(["db prepare sync <nil>", "db presync sync <nil>", "db postsync sync <nil>", "db cleanup sync <nil>"]);
  });
});
