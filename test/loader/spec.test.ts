/** resolveHelmfileSpec: a TypeScript-declared state goes through the very same resolution as a file. */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { HelmfileLoadError, loadHelmfile, resolveHelmfileSpec } from "../../sdk/loader";
import type { HelmfileSpec, HelmfileState } from "../../sdk/state";
import { listFixtures, loadArgs } from "./fixtureCorpus";

/** Fixtures pinning YAML source text (`version: 1.10` stays "1.10"), which a JS number cannot carry. */
const yamlSourceText = new Set(["set-and-set-string", "version-keeps-source-text"]);

/** Single-part, non-templated fixtures that load: their file parsed as a spec must resolve to the same state. */
const singlePart = listFixtures().filter((f) => {
  if (yamlSourceText.has(f.name)) return false;
  const file = path.join(f.dir, "helmfile.yaml");
  return f.expected !== undefined && !f.options.file && fs.existsSync(file) && !fs.readFileSync(file, "utf8").includes("\n---\n");
});

function withoutFiles(s: HelmfileState): Omit<HelmfileState, "files"> {
  const { files: _files, ...rest } = s;
  void _files;
  return rest;
}

describe("resolveHelmfileSpec matches loadHelmfile", () => {
  it("covers a good part of the corpus", () => {
    expect(singlePart.length).toBeGreaterThanOrEqual(30);
  });

  it.each(singlePart.map((f) => [f.name, f] as const))("%s", async (_name, f) => {
    const { file, options } = loadArgs(f);
    const fromFile = await loadHelmfile(file, options);
    const spec = parse(fs.readFileSync(path.join(f.dir, "helmfile.yaml"), "utf8"), { merge: true }) as HelmfileSpec;
    const fromSpec = await resolveHelmfileSpec(spec, { ...options, baseDir: f.dir, sourceFile: "helmfile.yaml" });
    expect(withoutFiles(fromSpec)).toEqual(withoutFiles(fromFile));
  });
});

class Opaque {
  constructor(readonly id: string) {}
}

describe("resolveHelmfileSpec with opaque values", () => {
  it("passes class instances through untouched in values, set and state values", async () => {
    const secret = new Opaque("pw");
    const host = new Opaque("host");
    const spec: HelmfileSpec = {
      values: [{ shared: host }],
      releases: [
        {
          name: "web",
          namespace: "apps",
          chart: "./charts/web",
          values: [{ db: { password: secret }, list: [secret] }],
          valuesTemplate: [{ templated: secret }],
          set: [{ name: "x", value: secret }],
        },
      ],
    };
    const state = await resolveHelmfileSpec(spec, { baseDir: "/tmp/app", env: {} });
    const r = state.releases[0];
    expect(state.stateValues.shared).toBe(host);
    expect(r.values[0].templated).toBe(secret);
    expect((r.values[1].db as { password: unknown }).password).toBe(secret);
    expect((r.values[1].list as unknown[])[0]).toBe(secret);
    expect(r.set[0].value).toBe(secret);
    expect(r.valuesSources).toEqual(["/tmp/app/helmfile.ts:releases[0].values[0]", "/tmp/app/helmfile.ts:releases[0].values[1]"]);
    expect(r.sourceFile).toBe("/tmp/app/helmfile.ts");
  });

  it("validates a spec strictly, naming the key path", async () => {
    const bad = { releases: [{ name: "web", chart: "./c", valuez: [] }] } as unknown as HelmfileSpec;
    await expect(resolveHelmfileSpec(bad, { baseDir: "/tmp/app" })).rejects.toThrow(HelmfileLoadError);
    await expect(resolveHelmfileSpec(bad, { baseDir: "/tmp/app" })).rejects.toThrow(/releases\[0\]\.valuez: unknown key "valuez"/);
  });

  it("refuses a kubedog track mode, naming the key path, and keeps the other kubedog fields", async () => {
    const kubedog: HelmfileSpec = { releases: [{ name: "web", chart: "./c" }, { name: "api", chart: "./c", trackMode: "kubedog" }] };
    await expect(resolveHelmfileSpec(kubedog, { baseDir: "/tmp/app" })).rejects.toThrow(
      '/tmp/app/helmfile.ts: releases[1].trackMode: trackMode "kubedog" is not supported',
    );
    const helm: HelmfileSpec = { releases: [{ name: "web", chart: "./c", trackMode: "helm", trackTimeout: 30 }] };
    const state = await resolveHelmfileSpec(helm, { baseDir: "/tmp/app", env: {} });
    expect(state.releases[0].tracking).toEqual({ trackMode: "helm", trackTimeout: 30 });
  });

  it("accepts filepath and renderedvalues, which (as in helmfile) change nothing", async () => {
    const spec: HelmfileSpec = { filepath: "other.yaml", renderedvalues: { team: "x" }, values: [{ team: "web" }], releases: [{ name: "web", chart: "./c" }] };
    const state = await resolveHelmfileSpec(spec, { baseDir: "/tmp/app", env: {} });
    expect([state.stateValues, state.releases[0].sourceFile]).toEqual([{ team: "web" }, "/tmp/app/helmfile.ts"]);
  });

  it("renders release templates and resolves needs, environments and sub-helmfiles like a file", async () => {
    const dir = path.resolve(__dirname, "../fixtures/helmfile/needs-across-sub-helmfiles");
    const spec: HelmfileSpec = {
      environments: { default: { values: [{ team: "web" }] } },
      helmfiles: ["infra/helmfile.yaml"],
      releases: [{ name: "{{ .Values.team }}", namespace: "apps", chart: "./charts/web", needs: ["infra/cert-manager"] }],
    };
    const state = await resolveHelmfileSpec(spec, { baseDir: dir, env: {} });
    expect(state.releases.map((r) => [r.id, r.needs])).toEqual([
      ["infra/cert-manager", []],
      ["apps/web", ["infra/cert-manager"]],
    ]);
  });
});

describe("resolveHelmfileSpec rejects opaque values where helmfile needs plain data", () => {
  it("names the key of an object instance used as a release field", async () => {
    const spec = { releases: [{ name: "web", chart: "./c", namespace: new Opaque("ns") }] } as unknown as HelmfileSpec;
    await expect(resolveHelmfileSpec(spec, { baseDir: "/tmp/app" })).rejects.toThrow(/releases\[0\]\.namespace: expected plain data/);
  });
});
