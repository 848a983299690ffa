/**
 * helmfile's chartify features through the real CLI (dist), kustomize v5.8.0 and helm 4 and 3 — (differential)
 * `pulumi-helmfile template` is byte-identical to helmfile v1.8.0's `template` for: jsonPatches, strategicMergePatches
 * (a .gotmpl file rendered with the release's values, and inline), transformers, on a chart with a subchart and CRDs;
 * a kustomization directory (values' images and namePrefix, the release's namespace); a directory of plain manifests
 * with and without a namespace; forceNamespace; patches on an OCI chart, two releases of which pull it once. Bad
 * patches fail naming the release and the patch, and leave no temporary chart behind.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { pushChart, writeTree } from "../harness/charts";
import { countManifestPulls, type Registry, startRegistry, stopRegistry } from "../harness/registry";
import { helmBinaries, repoRoot, requireTool, toolPaths } from "../harness/tools";
import { tempDir } from "../harness/temp";

const execFileP = promisify(execFile);
jest.setTimeout(240_000);

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
  labels:
    app: web
spec:
  replicas: {{ .Values.replicas }}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: "nginx:1.0"
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-cfg
data:
  greeting: {{ .Values.greeting | quote }}
`;

function writeCharts(dir: string): { web: string; oci: string } {
  const web = writeTree(path.join(dir, "web"), {
    "Chart.yaml": "apiVersion: v2\nname: web\nversion: 0.1.0\ndependencies:\n  - name: sub\n    version: 0.1.0\n",
    "values.yaml": "replicas: 1\ngreeting: hi\n",
    "templates/deploy.yaml": DEPLOY,
    "crds/widget.yaml": "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\nspec:\n  group: example.com\n  names: {kind: Widget, plural: widgets}\n  scope: Namespaced\n  versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}]\n",
    "charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 0.1.0\n",
    "charts/sub/templates/svc.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}-sub\nspec:\n  ports: [{port: 80}]\n",
  });
  const oci = writeTree(path.join(dir, "ociweb"), {
    "Chart.yaml": "apiVersion: v2\nname: ociweb\nversion: 0.3.0\n",
    "values.yaml": "replicas: 1\ngreeting: oci\n",
    "templates/deploy.yaml": DEPLOY,
  });
  return { web, oci };
}

const MANIFESTS = {
  "manifests/cm.yaml": "# a comment\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: raw-cm\n  labels: {a: \"b\"}\ndata:\n  list: |\n    one\n    two\n  empty:\n  n: 1\n  items:\n  - x\n  - y\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: raw-svc\n  namespace: other\nspec:\n  ports: [{port: 80}]\n",
  "manifests/sub/secret.yml": "apiVersion: v1\nkind: Secret\nmetadata:\n  name: raw-secret\nstringData:\n  password: 'not-a-real-one'\n",
  "kz/kustomization.yaml": "resources:\n  - cm.yaml\n  - deploy.yaml\ncommonLabels:\n  via: kustomize\n",
  "kz/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: thing\ndata:\n  k: v\n",
  "kz/deploy.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: a}}\n    spec:\n      containers: [{name: app, image: busybox:1.0}]\n",
  "smp.yaml.gotmpl": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: patched-cfg\ndata:\n  extra: \"{{ .Values.greeting }}-patched\"\n",
};

const PATCHED = `releases:
  - name: patched
    namespace: apps
    chart: ./web
    values:
      - replicas: 2
        greeting: hello
    jsonPatches:
      - target: {kind: Deployment, name: patched}
        patch:
          - {op: replace, path: /spec/replicas, value: 5}
          - {op: add, path: /metadata/annotations, value: {patched: "yes"}}
    strategicMergePatches:
      - smp.yaml.gotmpl
      - apiVersion: apps/v1
        kind: Deployment
        metadata: {name: patched}
        spec:
          template:
            spec:
              containers:
                - name: web
                  image: nginx:2.0
    transformers:
      - apiVersion: builtin
        kind: LabelTransformer
        metadata: {name: team}
        labels: {team: platform}
        fieldSpecs:
          - path: metadata/labels
            create: true
  - name: forced
    namespace: apps
    chart: ./web
    forceNamespace: forced-ns
  - name: raw
    namespace: apps
    chart: ./manifests
  - name: rawnons
    chart: ./manifests
  - name: kznons
    chart: ./kz
  - name: kz
    namespace: apps
    chart: ./kz
    values:
      - namePrefix: pre-
        images:
          - name: busybox
            newTag: "2.0"
`;

describe.each(helmBinaries())("pulumi-helmfile template: patches, kustomizations and manifests (helm $major)", ({ major, path: helm }) => {
  const dir = tempDir(`cli-patches-${major}`);
  const tmp = path.join(dir, "tmp");
  const kustomize = requireTool(toolPaths().kustomize, "kustomize");
  const env = {
    ...process.env, PULUMI_HELMFILE_HELM: helm, HOME: path.join(dir, "home"), NODE_OPTIONS: "", PULUMI_HELMFILE_TMPDIR: tmp,
    PATH: `${path.dirname(kustomize)}${path.delimiter}${process.env.PATH ?? ""}`,
  };
  const main = path.join(repoRoot, "dist", "sdk", "cli", "main.js");
  let registry: Registry;
  const file = (name: string, text: string) => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };
  const ours = (f: string, cache = path.join(dir, "cache"), args: string[] = []) => execFileP(process.execPath, [main, "template", "-f", f, "--oci-plain-http", ...args], { env: { ...env, PULUMI_HELMFILE_CACHE_DIR: cache }, cwd: dir });
  const theirs = (f: string, args: string[] = []) => execFileP(requireTool(toolPaths().helmfile, "helmfile"), ["--helm-binary", helm, "template", "-f", f, "--oci-plain-http", ...args], { env: { ...env, TMPDIR: os.tmpdir() }, cwd: dir });

  beforeAll(async () => {
    fs.mkdirSync(tmp, { recursive: true });
    const { oci } = writeCharts(dir);
    writeTree(dir, MANIFESTS);
    registry = await startRegistry({ dir: path.join(dir, "registry") });
    await pushChart(helm, registry, oci, ["0.3.0"]);
  });
  afterAll(async () => {
    if (registry) await stopRegistry(registry);
  });

  it("prints the same manifests as `helmfile template`", async () => {
    const f = file("patched.yaml", PATCHED);
    const [mine, helmfiles] = [await ours(f, path.join(dir, "cache"), ["--include-crds"]), await theirs(f, ["--include-crds"])];
    // The patches took effect: replicas and image replaced, the .gotmpl patch rendered, every object labelled.
    expect(mine.stdout).toContain("# Source: web/templates/patched_resources.yaml");
    expect(mine.stdout).toMatch(/name: patched\nspec:\n  replicas: 5/);
    expect(mine.stdout).toContain("- image: nginx:2.0");
    expect(mine.stdout).toContain("extra: hello-patched");
    expect(mine.stdout).toMatch(/labels:\n    team: platform\n  name: patched-sub/); // the subchart's Service too
    expect(mine.stdout).toContain("# Source: web/crds/patched_crds.yaml");
    expect(mine.stdout).toMatch(/name: forced-cfg\n  namespace: forced-ns/);
    expect(mine.stdout).toContain("name: pre-app");
    expect(mine.stdout).toContain("image: busybox:2.0");
    expect(mine.stdout).toMatch(/name: raw-cm\n  labels: \{a: "b"\}\n  namespace: apps/);
    expect(mine.stdout).toMatch(/name: raw-svc\n  namespace: other/);
    expect(mine.stdout).toMatch(/  name: thing\n(?!  namespace)/); // a kustomization without a release namespace gets none
    // helmfile prints one empty line per kustomization release before the manifests: chartify's fmt.Println of
    // kustomize's (empty) stdout. That line is not a manifest; everything else is byte for byte the same.
    expect(helmfiles.stdout.startsWith("\n\n---")).toBe(true); // two kustomization releases
    expect(mine.stdout).toBe(helmfiles.stdout.slice(2));
    expect(fs.readdirSync(tmp)).toEqual([]); // no generated chart (nor rendered manifest) left behind
  });

  it("patches on an OCI chart: the same output as helmfile, and two releases of the chart pull it once", async () => {
    const f = file("oci.yaml", ["one", "two"].map((n) => `  - name: ${n}\n    chart: oci://${registry.host}/charts/ociweb\n    version: 0.3.0\n    jsonPatches:\n      - target: {kind: ConfigMap}\n        patch: [{op: add, path: /data/patched, value: "yes"}]\n`).join("").replace(/^/, "releases:\n"));
    const before = countManifestPulls(registry, "charts/ociweb", "0.3.0");
    const mine = await ours(f, path.join(dir, "cache-oci"));
    expect(countManifestPulls(registry, "charts/ociweb", "0.3.0") - before).toBe(1);
    expect(mine.stdout.match(/patched: "yes"/g)).toHaveLength(2);
    expect(mine.stdout).toBe((await theirs(f)).stdout);
  });

  it("the kustomize binary: the state's kustomizeBinary, and -k/--kustomize-binary over it", async () => {
    const f = file("kbin.yaml", "kustomizeBinary: /no/such/state-kustomize\nreleases:\n  - name: k\n    chart: ./kz\n");
    const viaState = (await ours(f).catch((e: { stderr: string }) => e)) as { stderr: string };
    expect(viaState.stderr).toMatch(/kustomize binary '\/no\/such\/state-kustomize' not found/);
    const viaFlag = (await ours(f, path.join(dir, "cache"), ["-k", "/no/such/flag-kustomize"]).catch((e: { stderr: string }) => e)) as { stderr: string };
    expect(viaFlag.stderr).toMatch(/kustomize binary '\/no\/such\/flag-kustomize' not found/);
    const good = await ours(f, path.join(dir, "cache"), ["--kustomize-binary", kustomize]);
    expect(good.stdout).toContain("name: thing");
  });

  it.each([
    ["a JSON patch whose target selects nothing", "    jsonPatches:\n      - target: {kind: Deployment, name: nope}\n        patch: [{op: remove, path: /spec}]\n", /release default\/bad: jsonPatches\[0\] matches none of the rendered objects/],
    ["a strategic-merge patch for an object that is not there", "    strategicMergePatches:\n      - {apiVersion: v1, kind: ConfigMap, metadata: {name: nope}, data: {a: b}}\n", /release default\/bad: strategicMergePatches\[0\] patches ConfigMap nope, which is not among the rendered objects/],
  ])("%s fails naming the release and the patch, leaving nothing behind", async (_n, patches, re) => {
    const f = file("bad.yaml", `releases:\n  - name: bad\n    chart: ./web\n${patches}`);
    const err = (await ours(f).catch((e: { stderr: string }) => e)) as { stderr: string };
    expect(err.stderr).toMatch(re);
    expect(fs.readdirSync(tmp)).toEqual([]);
  });
});
