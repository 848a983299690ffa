/**
 * `pulumi-helmfile template`'s helmfile flags, through the real CLI (dist) and helm 4: each honoured flag changes the
 * output, and (differential) the output is byte-identical to `helmfile template` with the same flags; an OCI chart
 * from a plain-HTTP registry needs --oci-plain-http, and its download progress stays off stdout.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { pushChart, writeTree } from "../harness/charts";
import { type Registry, startRegistry, stopRegistry } from "../harness/registry";
import { repoRoot, requireTool, toolPaths } from "../harness/tools";
import { tempDir } from "../harness/temp";

const execFileP = promisify(execFile);
jest.setTimeout(120_000);

/** A chart with a CRD, a test hook, a pre-install hook, a values schema and .Capabilities in its output. */
function writeChart(dir: string): string {
  const chart = path.join(dir, "flagchart");
  const files: Record<string, string> = {
    "Chart.yaml": "apiVersion: v2\nname: flagchart\nversion: 0.1.0\n",
    "values.yaml": "greeting: hello\nfromValues: chart\nfromSet: chart\n",
    "values.schema.json": JSON.stringify({ type: "object", properties: { greeting: { type: "string" } } }),
    "crds/crd.yaml": "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: foos.example.com\n",
    "templates/cm.yaml": [
      "apiVersion: v1",
      "kind: ConfigMap",
      "metadata:",
      "  name: {{ .Release.Name }}-cm",
      "data:",
      "  greeting: {{ .Values.greeting | quote }}",
      "  fromValues: {{ .Values.fromValues | quote }}",
      "  fromSet: {{ .Values.fromSet | quote }}",
      "  kube: {{ .Capabilities.KubeVersion.Version | quote }}",
      '  hasFoo: {{ .Capabilities.APIVersions.Has "example.com/v1" | quote }}',
      "",
    ].join("\n"),
    "templates/test.yaml": 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}-test\n  annotations:\n    "helm.sh/hook": test\n',
    "templates/hook.yaml": 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-hook\n  annotations:\n    "helm.sh/hook": pre-install\n',
  };
  return writeTree(chart, files);
}

describe("pulumi-helmfile template flags", () => {
  const helm = toolPaths().helm4;
  const dir = tempDir("cli-flags");
  const chart = writeChart(dir);
  const file = path.join(dir, "helmfile.yaml");
  fs.writeFileSync(
    file,
    ["releases:", "  - name: one", "    namespace: ns1", `    chart: ${chart}`, "    values:", "      - fromValues: release", "    set:", "      - name: fromSet", "        value: release", ""].join("\n"),
  );
  const cliValues = path.join(dir, "cli-values.yaml");
  fs.writeFileSync(cliValues, "fromValues: cli\nfromSet: cli\ngreeting: from-cli-values\n");
  const env = { ...process.env, PULUMI_HELMFILE_HELM: helm, PULUMI_HELMFILE_CACHE_DIR: path.join(dir, "cache"), HOME: path.join(dir, "home"), NODE_OPTIONS: "" };
  const main = path.join(repoRoot, "dist", "sdk", "cli", "main.js");
  const ours = (args: string[], f = file) => execFileP(process.execPath, [main, "template", "-f", f, ...args], { env, cwd: dir });
  const theirs = (args: string[], f = file) => execFileP(requireTool(toolPaths().helmfile, "helmfile"), ["--helm-binary", helm, "template", "-f", f, ...args], { env, cwd: dir });
  const failure = (p: Promise<unknown>) => p.then(() => ({ code: 0, stderr: "", stdout: "" }), (e: { code: number; stderr: string; stdout: string }) => e);

  /** Each honoured flag, with a fragment of the output that shows it took effect (and that is absent without it). */
  const cases: [string, string[], RegExp][] = [
    ["--include-crds", ["--include-crds"], /kind: CustomResourceDefinition/],
    ["--skip-tests", ["--skip-tests"], /^(?![\s\S]*one-test)/],
    ["--no-hooks", ["--no-hooks"], /^(?![\s\S]*one-hook)/],
    ["--kube-version", ["--kube-version", "1.29.3"], /kube: "v1\.29\.3"/],
    ["--show-only", ["--show-only", "templates/test.yaml"], /^(?![\s\S]*one-cm)[\s\S]*one-test/],
    ["--set (over the release's set)", ["--set", "fromSet=cli,greeting=from-cli-set"], /greeting: "from-cli-set"\n  fromValues: "release"\n  fromSet: "cli"/],
    ["--values (after the release's values, before its set)", ["--values", cliValues], /greeting: "from-cli-values"\n  fromValues: "cli"\n  fromSet: "release"/],
    ["--args", ["--args", "--api-versions example.com/v1"], /hasFoo: "true"/],
    ["--template-args", ["--template-args", "--api-versions=example.com/v1 --kube-version 1.30.1"], /kube: "v1\.30\.1"\n  hasFoo: "true"/],
    ["--skip-schema-validation", ["--skip-schema-validation", "--set", "greeting=1"], /greeting: "1"/],
  ];

  let plain: string;
  beforeAll(async () => {
    plain = (await ours([])).stdout;
  });

  it("has no CRDs without --include-crds, all hooks and the releases' own values", async () => {
    const stdout = plain;
    expect(stdout).not.toMatch(/CustomResourceDefinition/);
    expect(stdout).toMatch(/one-test[\s\S]*one-hook|one-hook[\s\S]*one-test/);
    expect(stdout).toMatch(/greeting: "hello"\n  fromValues: "release"\n  fromSet: "release"/);
  });

  it.each(cases)("%s takes effect", async (_name, args, shows) => {
    const { stdout } = await ours(args);
    expect(stdout).toMatch(shows);
    expect(plain).not.toMatch(shows);
  });

  it("--skip-schema-validation is needed for a value the schema rejects", async () => {
    const r = await failure(ours(["--set", "greeting=1"]));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/greeting/);
  });

  it("-q leaves stderr empty; without it stderr has the progress and stdout only manifests", async () => {
    const quiet = await ours(["-q"]);
    expect(quiet.stderr).toBe("");
    const loud = await ours([]);
    expect(loud.stderr).toMatch(/^Templating release=one, chart=/);
    expect(loud.stdout).toBe(quiet.stdout);
  });

  it("an unknown flag fails with exit 2, naming it, before anything is rendered", async () => {
    const r = await failure(ours(["--no-such-flag"]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: unknown flag --no-such-flag\n/);
    expect(r.stdout).toBe("");
  });

  it("--log-level warn silences progress; --debug prints it even with -q", async () => {
    expect((await ours(["--log-level", "warn"])).stderr).toBe("");
    expect((await ours(["-q", "--debug"])).stderr).toMatch(/^Templating release=one/);
  });

  it("-b chooses the helm binary, --post-renderer runs (helm 3: a path)", async () => {
    const missing = await failure(ours(["-b", path.join(dir, "no-helm")]));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`helm binary '${path.join(dir, "no-helm")}' not found`);
    const script = path.join(dir, "add-marker.sh");
    fs.writeFileSync(script, "#!/bin/sh\ncat\necho '---'\necho 'kind: Marker'\n", { mode: 0o755 });
    const { stdout } = await ours(["-b", toolPaths().helm3, "--post-renderer", script]);
    expect(stdout).toMatch(/kind: Marker/);
  });

  it("--validate checks against the cluster of --kubeconfig (here: none listening)", async () => {
    const kubeconfig = path.join(dir, "kubeconfig");
    fs.writeFileSync(
      kubeconfig,
      "apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: 'https://127.0.0.1:1'}}]\ncontexts: [{name: c, context: {cluster: c, user: u}}]\ncurrent-context: c\nusers: [{name: u, user: {token: t}}]\n",
    );
    const r = await failure(ours(["--validate", "--kubeconfig", kubeconfig]));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/127\.0\.0\.1:1/);
  });

  it("--skip-deps renders a local chart without building its missing dependencies", async () => {
    const parent = path.join(dir, "parent");
    fs.mkdirSync(path.join(parent, "templates"), { recursive: true });
    fs.writeFileSync(path.join(parent, "Chart.yaml"), `apiVersion: v2\nname: parent\nversion: 0.1.0\ndependencies:\n  - name: flagchart\n    version: 0.1.0\n    repository: file://${chart}\n`);
    const parentFile = path.join(dir, "parent.yaml");
    fs.writeFileSync(parentFile, `releases:\n  - name: par\n    chart: ${parent}\n`);
    const skipped = await failure(ours(["--skip-deps"], parentFile));
    expect(skipped.code).toBe(1);
    expect(skipped.stderr).toMatch(/parent: dependencies not built/);
    const { stdout } = await ours([], parentFile);
    expect(stdout).toMatch(/name: par-cm/);
  });

  describe("differential: byte-identical to helmfile v1.8.0 template", () => {
    it.each([["no flags", [] as string[], /./] as [string, string[], RegExp], ...cases])("%s", async (_name, args) => {
      const [mine, helmfiles] = await Promise.all([ours(args), theirs(args)]);
      expect(mine.stdout).toBe(helmfiles.stdout);
    });
  });

  describe("an OCI chart on a plain-HTTP registry", () => {
    let registry: Registry;
    let ociFile: string;
    beforeAll(async () => {
      registry = await startRegistry({ dir: path.join(dir, "registry") });
      await pushChart(helm, registry, chart, ["0.1.0"]);
      ociFile = path.join(dir, "oci.yaml");
      fs.writeFileSync(ociFile, ["releases:", "  - name: fromoci", `    chart: oci://${registry.host}/charts/flagchart`, "    version: 0.1.0", ""].join("\n"));
    });
    afterAll(async () => {
      if (registry) await stopRegistry(registry);
    });

    it("fails without --oci-plain-http (helm 4 speaks HTTPS), and the same as helmfile with it", async () => {
      const without = await failure(ours([], ociFile));
      expect(without.code).toBe(1);
      expect(without.stderr).toMatch(/fromoci|flagchart/);
      const theirsWithout = await failure(theirs([], ociFile));
      expect(theirsWithout.code).not.toBe(0);
      const [mine, helmfiles] = await Promise.all([ours(["--oci-plain-http"], ociFile), theirs(["--oci-plain-http"], ociFile)]);
      expect(mine.stdout).toMatch(/name: fromoci-cm/);
      expect(mine.stdout).toBe(helmfiles.stdout);
    });

    it("prints only manifests on stdout while the chart is downloaded (progress on stderr)", async () => {
      const cacheDir = path.join(dir, "fresh-cache");
      const r = await execFileP(process.execPath, [main, "template", "-f", ociFile, "--oci-plain-http"], { env: { ...env, PULUMI_HELMFILE_CACHE_DIR: cacheDir }, cwd: dir });
      expect(r.stderr).toMatch(/flagchart@0\.1\.0/);
      expect(r.stdout).not.toMatch(/flagchart@0\.1\.0|oci:\/\//);
      expect(r.stdout.startsWith("---\n# Source: flagchart/")).toBe(true);
    });
  });
});
