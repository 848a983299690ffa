/**
 * A release's jsonPatches, strategicMergePatches and transformers in the loader (sdk/loader/patches.ts): inline maps
 * kept, files read relative to the state file, `.gotmpl` files rendered with the state values merged with the
 * release's values, missingFileHandler applied, and bad entries refused naming the file and key; the HelmRelease
 * arguments carry them (and the state's kustomizeBinary).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { loadHelmfile } from "../../sdk/loader";
import { releaseArgs } from "../../sdk/release-args";
import { tempDir } from "../harness/temp";

let tmp: string;
beforeAll(() => {
  tmp = tempDir("patches");
  fs.mkdirSync(path.join(tmp, "chart"));
  fs.writeFileSync(path.join(tmp, "chart", "Chart.yaml"), "apiVersion: v2\nname: c\nversion: 0.1.0\n");
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function load(text: string, files: Record<string, string> = {}) {
  const dir = fs.mkdtempSync(path.join(tmp, "case-"));
  fs.symlinkSync(path.join(tmp, "chart"), path.join(dir, "chart"));
  for (const [f, t] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), t);
  fs.writeFileSync(path.join(dir, "helmfile.yaml"), text);
  return { dir, loaded: loadHelmfile(path.join(dir, "helmfile.yaml"), { env: {} }) };
}

const STATE = `kustomizeBinary: /opt/kustomize
values:
  - team: core
releases:
  - name: web
    chart: ./chart
    values:
      - replicas: 2
      - replicas: 3
    jsonPatches:
      - target: {kind: Deployment, name: web}
        patch:
          - {op: replace, path: /spec/replicas, value: 5}
      - json.yaml
    strategicMergePatches:
      - smp.yaml.gotmpl
      - {apiVersion: v1, kind: ConfigMap, metadata: {name: web}, data: {a: b}}
    transformers:
      - tr.yaml
`;
const FILES = {
  "json.yaml": "target: {kind: Service, name: web}\npatch:\n  - {op: add, path: /metadata/labels/x, value: y}\n",
  "smp.yaml.gotmpl": "kind: Deployment\nmetadata: {name: web, labels: {team: '{{ .Values.team }}', replicas: '{{ .Values.replicas }}'}}\n",
  "tr.yaml": "apiVersion: builtin\nkind: LabelTransformer\nmetadata: {name: t}\nlabels: {team: x}\n",
};

describe("release patches in the loader", () => {
  it("inline maps as written, files read, .gotmpl rendered with state values merged with release values", async () => {
    const state = await (await load(STATE, FILES)).loaded;
    const r = state.releases[0];
    expect(r.jsonPatches).toEqual([
      { target: { kind: "Deployment", name: "web" }, patch: [{ op: "replace", path: "/spec/replicas", value: 5 }] },
      { target: { kind: "Service", name: "web" }, patch: [{ op: "add", path: "/metadata/labels/x", value: "y" }] },
    ]);
    expect(r.strategicMergePatches).toEqual([
      "kind: Deployment\nmetadata: {name: web, labels: {team: 'core', replicas: '3'}}\n",
      { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "web" }, data: { a: "b" } },
    ]);
    expect(r.transformers).toEqual([FILES["tr.yaml"]]);
    const args = releaseArgs(r, {}, state);
    expect(args.jsonPatches).toEqual(r.jsonPatches);
    expect(args.strategicMergePatches).toEqual(r.strategicMergePatches);
    expect(args.transformers).toEqual(r.transformers);
    expect(args.kustomizeBinary).toBe("/opt/kustomize");
  });

  it("a release without patches has none, and no kustomizeBinary", async () => {
    const state = await (await load("kustomizeBinary: /opt/k\nreleases:\n  - name: web\n    chart: ./chart\n")).loaded;
    expect(state.releases[0].jsonPatches).toBeUndefined();
    expect(releaseArgs(state.releases[0], {}, state).kustomizeBinary).toBeUndefined();
  });

  it("a missing patch file is an error naming the key, or skipped under missingFileHandler: Warn", async () => {
    const text = "releases:\n  - name: web\n    chart: ./chart\n    strategicMergePatches:\n      - nope.yaml\n";
    await expect((await load(text)).loaded).rejects.toThrow(/helmfile\.yaml.*releases\[0\]\.strategicMergePatches\[0\]|strategicMergePatches file matching "nope\.yaml" does not exist/);
    const state = await (await load(text.replace("chart: ./chart", "chart: ./chart\n    missingFileHandler: Warn"))).loaded;
    expect(state.releases[0].strategicMergePatches).toBeUndefined();
  });

  it.each([
    ["a JSON patch without target", "      - patch: [{op: remove, path: /a}]\n", /jsonPatches\[0\]\.target/],
    ["a JSON patch without operations", "      - target: {kind: A}\n", /jsonPatches\[0\]\.patch/],
    ["a JSON patch with a file of operations", "      - {target: {kind: A}, path: ops.yaml}\n", /jsonPatches\[0\]\.path.*not supported/],
    ["an unknown key", "      - {target: {kind: A}, patch: [{op: remove, path: /a}], tagret: x}\n", /unknown key "tagret"/],
    ["a non-string target value", "      - {target: {kind: A, labelSelector: {a: b}}, patch: [{op: remove, path: /a}]}\n", /map of strings/],
  ])("%s is a load error naming the key", async (_n, entry, re) => {
    const { loaded } = await load(`releases:\n  - name: web\n    chart: ./chart\n    jsonPatches:\n${entry}`);
    await expect(loaded).rejects.toThrow(re);
  });
});
