/**
 * helmfile hooks in the loader (sdk/loader/hooks.ts) and the provider's event selection (provider/hooks/events.ts):
 * rendering with helmfile's hook data per event, `.Event.Error` through the marker, kubectlApply rewriting, errors,
 * and turning hooks off (HELMFILE_DISABLE_HOOKS, the component's `hooks: false`).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { HelmfileLoadError, loadHelmfile, resolveHelmfileSpec } from "../../sdk/loader";
import type { HelmfileSpec } from "../../sdk/state";
import { releaseArgs } from "../../sdk/release-args";
import { commandLine, helmfileCommandOf, hooksFor } from "../../provider/hooks/events";
import { EVENT_ERROR_MARKER } from "../../provider/hooks/types";
import { tempDir } from "../harness/temp";

let tmp: string;
beforeAll(() => {
  tmp = tempDir("hooks");
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

  it("global hooks: prepare and cleanup rendered for up (apply) and destroy with helmfile's global data; other events refused at file:line:key", async () => {
    const text = `namespace: ns1\nhooks:\n  - name: g\n    events: [cleanup, prepare]\n    command: sh\n    args: ["{{ .Event.Name }} {{ .HelmfileCommand }} {{ .Environment.Name }} {{ .Namespace }} {{ .Event.Error }}"]\n${STATE}`;
    const st = await load(text);
    expect(st.globalHooks).toHaveLength(1);
    const g = st.globalHooks![0];
    expect(g.file).toBe(st.releases[0].sourceFile);
    expect(g.baseDir).toBe(path.dirname(g.file));
    expect(g.hooks.map((h) => `${h.event}/${h.helmfileCommand}: ${h.args[0]}`)).toEqual([
      "prepare/apply: prepare apply default ns1 <nil>",
      "cleanup/apply: cleanup apply default ns1 <nil>",
      "prepare/destroy: prepare destroy default ns1 <nil>",
      "cleanup/destroy: cleanup destroy default ns1 <nil>",
    ]);
    expect((await load(STATE)).globalHooks).toBeUndefined();
    // helmfile passes no .Values (nor .Release) to global hooks: a missing key is an error (missingkey=error)
    await expect(load(text.replace("{{ .Event.Error }}", "{{ .Values.team }}"))).rejects.toThrow(/hooks\[0\]\.args\[0\]: .*map has no entry for key "Values"/);
    const bad = await load(`hooks:\n  - events: [prepare, presync]\n    command: echo\n${STATE}`).catch((e: unknown) => e as HelmfileLoadError);
    expect(bad).toBeInstanceOf(HelmfileLoadError);
    expect([(bad as HelmfileLoadError).keyPath, typeof (bad as HelmfileLoadError).line]).toEqual(["hooks", "number"]);
    expect((bad as HelmfileLoadError).message).toMatch(/helmfile\.yaml:1:1: hooks: a global \(state-level\) hook of an event other than prepare or cleanup is not run/);
  });

  it("hooks in a TypeScript HelmfileSpec: the same runs as from YAML, and the same refusal", async () => {
    const dir = fs.mkdtempSync(path.join(tmp, "spec-"));
    fs.symlinkSync(path.join(tmp, "chart"), path.join(dir, "chart"));
    const text = `hooks:\n  - events: [prepare]\n    command: echo\n    args: ["{{ .HelmfileCommand }}"]\n${STATE}`;
    fs.writeFileSync(path.join(dir, "helmfile.yaml"), text);
    const fromYaml = await loadHelmfile(path.join(dir, "helmfile.yaml"), { env: {} });
    const spec = parse(text) as HelmfileSpec;
    const fromTs = await resolveHelmfileSpec(spec, { baseDir: dir, sourceFile: "helmfile.yaml", env: {} });
    expect(fromTs.releases[0].hooks).toEqual(fromYaml.releases[0].hooks);
    expect(fromTs.globalHooks).toEqual(fromYaml.globalHooks);
    await expect(resolveHelmfileSpec({ ...spec, hooks: [{ events: ["postsync"], command: "echo" }] }, { baseDir: dir, env: {} })).rejects.toThrow(/hooks: a global \(state-level\) hook of an event other than prepare or cleanup is not run/);
  });

  it("disableInsecureFeatures: exec in a hook arg is refused as in helmfile; allowed otherwise", async () => {
    const text = STATE.replace("{{ .Values.team }}", `{{ exec \\"echo\\" (list \\"ran\\") | trim }}`);
    const ok = await load(text);
    expect(ok.releases[0].hooks![0].args[1]).toContain(" ran ");
    await expect(load(text, "helmfile.yaml", { HELMFILE_DISABLE_INSECURE_FEATURES: "true" })).rejects.toThrow(/hooks\[0\]\.args\[1\].*exec.*(disabled|insecure)/i);
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
