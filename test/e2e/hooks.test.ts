/**
 * helmfile hooks through the real `pulumi preview` / `up` / `destroy` on the testbed (issue 15): a presync
 * kubectlApply creates the ConfigMap the chart reads with `lookup`; preview runs nothing; a no-change up runs no sync
 * hook; destroy runs preuninstall then postuninstall around the uninstall; postsync records `.Event.Error` of a failed
 * install; a failing presync leaves the release uninstalled and the error names the hook.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { testbed } from "../harness/testbed";
import { toolPaths } from "../harness/tools";
import { fixtureStack, readIf, TestStack } from "./stack";
import { configMapData, helmList, stackEnv } from "./examples/cluster";

const NS = "e2e-hooks";
const NS2 = "e2e-hooks-fail";

/** A local chart whose ConfigMap takes its greeting from another ConfigMap with `lookup`; `bad: true` makes the API server refuse it. */
function writeChart(dir: string): void {
  fs.mkdirSync(path.join(dir, "chart", "templates"), { recursive: true });
  fs.writeFileSync(path.join(dir, "chart", "Chart.yaml"), "apiVersion: v2\nname: lookup\nversion: 0.1.0\n");
  fs.writeFileSync(path.join(dir, "chart", "values.yaml"), "bad: false\n");
  fs.writeFileSync(path.join(dir, "chart", "templates", "cm.yaml"), [
    "{{- $src := lookup \"v1\" \"ConfigMap\" .Release.Namespace \"hook-source\" }}",
    "apiVersion: v1",
    "kind: ConfigMap",
    "metadata:",
    "  name: {{ .Release.Name }}-config",
    "data:",
    "  greeting: {{ if $src }}{{ $src.data.greeting | quote }}{{ else }}\"no source\"{{ end }}",
    "{{- if .Values.bad }}",
    "---",
    "apiVersion: v1",
    "kind: ConfigMap",
    "metadata:",
    "  name: Not_A_Valid_Name",
    "{{- end }}",
    "",
  ].join("\n"));
}

/** A hook appending `<release> <event> <error>` to events.log (in the state file's directory). */
const logHook = (events: string[]) => `      - name: log
        events: [${events.join(", ")}]
        command: sh
        args: ["-c", "printf '%s\\\\n' \\"$1\\" >> events.log", "sh", "{{ .Release.Name }} {{ .Event.Name }} {{ .Event.Error }}"]
`;

const lines = (file: string) => readIf(file).split("\n").filter(Boolean);

describe("helmfile hooks (pulumi up / destroy)", () => {
  let kubeconfig: string;
  beforeAll(() => {
    kubeconfig = fs.readFileSync(testbed().cluster.kubeconfig, "utf8");
  });

  const newStack = async (): Promise<TestStack> => {
    const stack = await fixtureStack("reliability/helmfile-file", stackEnv({ PULUMI_HELMFILE_KUBECTL: toolPaths().kubectl }));
    writeChart(stack.dir);
    await stack.config({ file: "helmfile.yaml" });
    await stack.secret("kubeconfig", kubeconfig);
    return stack;
  };

  test("presync kubectlApply feeds the chart's lookup; preview and a no-change up run no hook; destroy: preuninstall, uninstall, postuninstall", async () => {
    const stack = await newStack();
    fs.writeFileSync(path.join(stack.dir, "source.yaml"), `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${NS}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: hook-source\n  namespace: ${NS}\ndata:\n  greeting: from the presync hook\n`);
    fs.writeFileSync(path.join(stack.dir, "helmfile.yaml"), `releases:
  - name: app
    namespace: ${NS}
    chart: ./chart
    hooks:
      - events: [presync]
        kubectlApply:
          filename: source.yaml
${logHook(["prepare", "preapply", "presync", "postsync", "preuninstall", "postuninstall", "cleanup"])}`);
    const log = path.join(stack.dir, "events.log");

    const preview = await stack.ok(["preview", "--diff"]);
    expect(preview.stdout).toMatch(/hooks\s*:[\s\S]*event\s*:\s*"presync"/); // the hooks are inputs the preview shows
    expect(lines(log)).toEqual([]);
    expect(await configMapData(NS, "hook-source")).toBeUndefined();

    await stack.ok(["up", "--yes", "--skip-preview"]);
    expect(await configMapData(NS, "app-config")).toEqual({ greeting: "from the presync hook" });
    expect(lines(log)).toEqual(["app prepare <nil>", "app preapply <nil>", "app presync <nil>", "app postsync <nil>", "app cleanup <nil>"]);

    const again = await stack.ok(["up", "--yes", "--skip-preview"]);
    expect(again.stdout).not.toMatch(/ hook /);
    expect(again.stdout).toMatch(/3 unchanged/);
    expect(lines(log)).toHaveLength(5);

    await stack.ok(["destroy", "--yes", "--skip-preview"]);
    expect(lines(log).slice(5)).toEqual(["app prepare <nil>", "app preuninstall <nil>", "app postuninstall <nil>"]);
    expect(helmList(NS)).toEqual([]);
  }, 420_000);

  test("postsync records .Event.Error of a failed install; a failing presync leaves the release uninstalled and the error names the hook", async () => {
    const stack = await newStack();
    fs.writeFileSync(path.join(stack.dir, "helmfile.yaml"), `releases:
  - name: broken
    namespace: ${NS2}
    chart: ./chart
    values:
      - bad: true
    hooks:
${logHook(["presync", "postsync"])}  - name: gated
    namespace: ${NS2}
    chart: ./chart
    hooks:
      - name: gate
        events: [presync]
        command: sh
        args: ["-c", "echo checking the gate; echo gate is closed >&2; exit 3"]
${logHook(["postsync"])}`);
    const log = path.join(stack.dir, "events.log");
    const up = await stack.run(["up", "--yes", "--skip-preview"]);
    expect(up.code).not.toBe(0);
    const out = up.stdout + up.stderr;
    expect(out).toMatch(/release e2e-hooks-fail\/gated: presync hook gate failed: command `sh -c .*` exited with code 3/);
    expect(out).toMatch(/gate is closed/);
    expect(helmList(NS2).map((r) => r.name)).not.toContain("gated");
    const logged = lines(log);
    expect(logged).toContain("broken presync <nil>");
    const post = logged.find((l) => l.startsWith("broken postsync "));
    expect(post).toMatch(/^broken postsync release e2e-hooks-fail\/broken: .*Not_A_Valid_Name/);
    // as in helmfile, postsync runs after a failed presync too, with its error
    expect(logged.filter((l) => l.startsWith("gated"))).toEqual([expect.stringMatching(/^gated postsync release e2e-hooks-fail\/gated: presync hook gate failed: .*exited with code 3/)]);
    await stack.ok(["destroy", "--yes", "--skip-preview"]);
  }, 420_000);

  test("a postsync failure after a successful install fails the up, yet records the release fully: refresh finds no drift", async () => {
    const stack = await newStack();
    fs.writeFileSync(path.join(stack.dir, "helmfile.yaml"), `releases:
  - name: notified
    namespace: ${NS2}
    chart: ./chart
    hooks:
      - name: notify
        events: [postsync]
        command: sh
        args: ["-c", "echo notification service down >&2; exit 4"]
`);
    const up = await stack.run(["up", "--yes", "--skip-preview"]);
    expect(up.code).not.toBe(0);
    expect(up.stdout + up.stderr).toMatch(/release e2e-hooks-fail\/notified: .*postsync hook notify failed: .*exited with code 4/);
    expect(helmList(NS2).find((r) => r.name === "notified")?.status).toBe("deployed");
    const state = JSON.parse(await stack.exportState()) as { deployment: { resources: { urn: string; outputs?: Record<string, unknown> }[] } };
    const res = state.deployment.resources.find((r) => r.urn.endsWith("notified"));
    expect(res?.outputs).toMatchObject({ revision: 1, appliedRevision: 1, status: "deployed" });
    expect((await stack.run(["refresh", "--yes", "--expect-no-changes"])).code).toBe(0);
    await stack.ok(["destroy", "--yes", "--skip-preview"]);
  }, 420_000);
});
