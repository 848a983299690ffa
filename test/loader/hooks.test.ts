/**
 * helmfile hooks in the loader (sdk/loader/hooks.ts) and the provider's event selection (provider/hooks/events.ts):
 * rendering with helmfile's hook data per event, `.Event.Error` through the marker, kubectlApply rewriting, errors,
 * and turning hooks off (HELMFILE_DISABLE_HOOKS, the component's `hooks: false`).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { HelmfileLoadError, loadHelmfile } from "../../sdk/loader";
import { releaseArgs } from "../../sdk/release-args";
import { commandLine, helmfileCommandOf, hooksFor } from "../../provider/hooks/events";
import { EVENT_ERROR_MARKER } from "../../provider/hooks/types";

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "phf-hooks-"));
  fs.mkdirSync(path.join(tmp, "chart"));
  fs.writeFileSync(path.join(tmp, "chart", "Chart.yaml"), "apiVersion: v2\nname: c\nversion: 0.1.0\n");
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function load(text: string, file = "helmfile.yaml", env: Record<string, string> = {}) {
  const dir = fs.mkdtempSync(path.join(tmp, "case-"));
  fs.symlinkSync(path.join(tmp, "chart"), path.join(dir, "chart"));
  fs.writeFileSync(path.join(dir, file), text);
  return loadHelmfile(path.join(dir, file), { env });
}

const STATE = `values:
  - team: core
releases:
  - name: web
    namespace: apps
    chart: ./chart
    version: 0.1.0
    labels: {tier: front}
    hooks:
      - name: note
        events: [presync, postsync, cleanup]
        showlogs: true
        command: sh
        args: ["-c", "echo {{ .Event.Name }} {{ .Event.Error }} {{ .Release.Name }} {{ .Release.Namespace }} {{ .Release.Version }} {{ .Release.Labels.tier }} {{ .Values.team }} {{ .Environment.Name }} {{ .HelmfileCommand }}"]
      - events: [preuninstall, unknownEvent]
        kubectlApply: {filename: "cm-{{ .Release.Name }}.yaml"}
`;

describe("loader: hooks rendered per event with helmfile's hook data", () => {
  it("one run per hook and event; cleanup for up and destroy; unknown events dropped", async () => {
    const st = await load(STATE);
    const runs = st.releases[0].hooks!;
    expect(runs.map((r) => `${r.event}/${r.helmfileCommand}`)).toEqual(["presync/sync", "postsync/sync", "cleanup/sync", "cleanup/delete", "preuninstall/delete"]);
    expect(runs[0]).toMatchObject({ name: "note", command: "sh", showlogs: true, args: ["-c", "echo presync <nil> web apps 0.1.0 front core default sync"] });
    expect(runs[3].args[1]).toBe("echo cleanup <nil> web apps 0.1.0 front core default delete");
    expect(runs[4]).toEqual({ name: "kubectlApply", event: "preuninstall", helmfileCommand: "delete", command: "kubectl", args: ["apply", "-f", "cm-web.yaml"], kubectlApply: true });
  });

  it("postsync: a second rendering with the error marker; the provider puts the error text in", async () => {
    const st = await load(STATE);
    const post = st.releases[0].hooks!.find((r) => r.event === "postsync")!;
    expect(post.args[1]).toBe("echo postsync <nil> web apps 0.1.0 front core default sync");
    expect(post.onError!.args[1]).toBe(`echo postsync ${EVENT_ERROR_MARKER} web apps 0.1.0 front core default sync`);
    expect(commandLine(post).args[1]).toContain("<nil>");
    expect(commandLine(post, "failed processing release web: boom").args[1]).toBe("echo postsync failed processing release web: boom web apps 0.1.0 front core default sync");
    // `if .Event.Error` sees a value
    const st2 = await load(STATE.replace(/args: \[.*\]/, `args: ["{{ if .Event.Error }}failed{{ else }}ok{{ end }}"]`));
    const p2 = st2.releases[0].hooks!.find((r) => r.event === "postsync")!;
    expect([commandLine(p2).args[0], commandLine(p2, "x").args[0]]).toEqual(["ok", "failed"]);
    // a presync hook does not get an error rendering
    expect(st.releases[0].hooks!.find((r) => r.event === "presync")!.onError).toBeUndefined();
  });

  it("kubectlApply: kustomize; both or neither is a load error naming the key; a hook without command too", async () => {
    const st = await load(STATE.replace(`{filename: "cm-{{ .Release.Name }}.yaml"}`, "{kustomize: ./k}"));
    expect(st.releases[0].hooks!.at(-1)!.args).toEqual(["apply", "-k", "./k"]);
    await expect(load(STATE.replace(`{filename: "cm-{{ .Release.Name }}.yaml"}`, "{filename: a, kustomize: b}"))).rejects.toThrow(/releases\[0\]\.hooks\[1\]\.kubectlApply.*cannot be used together|cannot be used together/);
    await expect(load(STATE.replace(`{filename: "cm-{{ .Release.Name }}.yaml"}`, "{}"))).rejects.toThrow(HelmfileLoadError);
    await expect(load(STATE.replace("        command: sh\n", ""))).rejects.toThrow(/needs a command or kubectlApply/);
  });

  it("a template error in a hook arg names the file and key", async () => {
    await expect(load(STATE.replace("{{ .Values.team }}", "{{ .Values.nope }}"))).rejects.toThrow(/hooks\[0\]\.args\[1\]/);
  });

  it("global prepare/cleanup hooks are refused; global hooks of events helmfile never fires load", async () => {
    await expect(load(`hooks:\n  - events: [prepare]\n    command: echo\n${STATE}`)).rejects.toThrow(/global \(state-level\) prepare\/cleanup hooks are not supported/);
    await expect(load(`hooks:\n  - events: [presync]\n    command: echo\n${STATE}`)).resolves.toBeDefined();
  });

  it("release args: hooks are an input; HELMFILE_DISABLE_HOOKS or hooks: false leave them out", async () => {
    const st = await load(STATE);
    const r = st.releases[0];
    expect(releaseArgs(r, {}).hooks).toHaveLength(5);
    expect(releaseArgs(r, { hooks: false }).hooks).toBeUndefined();
    const saved = process.env.HELMFILE_DISABLE_HOOKS;
    try {
      process.env.HELMFILE_DISABLE_HOOKS = "1";
      expect(releaseArgs(r, {}).hooks).toBeUndefined();
      process.env.HELMFILE_DISABLE_HOOKS = "yes"; // not a Go bool: false, as in helmfile
      expect(releaseArgs(r, {}).hooks).toHaveLength(5);
    } finally {
      if (saved === undefined) delete process.env.HELMFILE_DISABLE_HOOKS;
      else process.env.HELMFILE_DISABLE_HOOKS = saved;
    }
  });
});

describe("provider: which hooks run where", () => {
  it("up: prepare/preapply render as apply, the sync events as sync; destroy: delete", () => {
    expect(["prepare", "preapply", "presync", "postsync", "cleanup"].map((e) => helmfileCommandOf(e as never, "up"))).toEqual(["apply", "apply", "sync", "sync", "sync"]);
    expect(helmfileCommandOf("cleanup", "destroy")).toBe("delete");
  });
  it("selects by event and operation, in definition order", async () => {
    const st = await load(STATE.replace("events: [preuninstall, unknownEvent]", "events: [preuninstall, cleanup]"));
    const hooks = st.releases[0].hooks!;
    expect(hooksFor(hooks, "cleanup", "up").map((h) => h.name)).toEqual(["note", "kubectlApply"]);
    expect(hooksFor(hooks, "cleanup", "destroy").map((h) => h.helmfileCommand)).toEqual(["delete", "delete"]);
    expect(hooksFor(hooks, "presync", "destroy")).toEqual([]);
    expect(hooksFor(undefined, "presync", "up")).toEqual([]);
  });
});
