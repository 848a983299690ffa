/**
 * Bad input corpus: each case is a helmfile (or HelmRelease config) a platform engineer could plausibly write, run
 * through a real `pulumi up` of a stack that already has a deployed release. Every case must fail with a clear error
 * naming the file+line+key or the release, AND change nothing: `helm list -A` (names, revisions, status, charts)
 * and the chart cache directory are byte-for-byte the same before and after. Injection cases (shell and flag syntax in
 * values) must deploy the text literally and run nothing.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { execFileSync } from "node:child_process";
import { fixtureChart, pushChart } from "../../harness/charts";
import { isolatedHelmEnv } from "../../harness/helm-env";
import { kubeGet } from "../../harness/kube";
import { Registry, startRegistry, stopRegistry } from "../../harness/registry";
import { tempDir, testbed } from "../../harness/testbed";
import { toolPaths } from "../../harness/tools";
import { fixtureStack, TestStack } from "../stack";
import { probeLeaks } from "./leaks";
import { ageKey, sopsEncrypt, sopsEnv, tampered } from "../../harness/sops";

const helmBin = toolPaths().helm4;
const NS = "rel-bad";

interface Case {
  name: string;
  /** Files of the case directory; `helmfile.yaml` (or .gotmpl) is the state file. */
  files: (ctx: Ctx) => Record<string, string>;
  /** What the error must say (all must match, in stdout+stderr). */
  error: (RegExp | ((ctx: Ctx) => RegExp))[];
  environment?: string;
  selectors?: string[];
}
interface Ctx {
  registry: string;
  authRegistry: string;
  dir: string;
  /** sops files: for the stack's age key, for another key, and tampered. */
  sops: { good: string; otherKey: string; tampered: string };
}

/** The plaintext inside the sops files of the secrets cases: never shown, whatever fails. */
const SOPS_SECRET = "Bad-input-s0ps-secret-3e8d";

const base = (ctx: Ctx) => `  - name: base\n    namespace: ${NS}\n    chart: oci://${ctx.registry}/charts/web\n    version: 0.1.0\n    plainHttp: true\n`;
const hf = (body: (ctx: Ctx) => string, top = "") => (ctx: Ctx) => ({ "helmfile.yaml": `${top}releases:\n${base(ctx)}${body(ctx)}` });
const gotmpl = (body: (ctx: Ctx) => string, top = "") => (ctx: Ctx) => ({ "helmfile.yaml.gotmpl": `${top}releases:\n${base(ctx)}${body(ctx)}` });
const rel = (name: string, extra = "", chart = (c: Ctx) => `oci://${c.registry}/charts/web`) => (ctx: Ctx) =>
  `  - name: ${name}\n    namespace: ${NS}\n    chart: ${chart(ctx)}\n    version: 0.1.0\n    plainHttp: true\n${extra}`;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const at = (file: string, line?: number) => (ctx: Ctx) => new RegExp(escape(path.join(ctx.dir, file)) + (line ? `:${line}\\b` : ""));

const cases: Case[] = [
  // --- malformed YAML
  { name: "YAML: bad indentation", files: (c) => ({ "helmfile.yaml": `releases:\n${base(c)}  - name: x\n     chart: y\n` }), error: [at("helmfile.yaml", 7)] },
  { name: "YAML: unclosed flow sequence", files: () => ({ "helmfile.yaml": "releases: [\n  {name: a, chart: b}\n" }), error: [at("helmfile.yaml")] },
  { name: "YAML: tab indentation", files: (c) => ({ "helmfile.yaml": `releases:\n${base(c)}\t- name: x\n` }), error: [at("helmfile.yaml", 7)] },
  { name: "YAML: duplicate top-level key", files: (c) => ({ "helmfile.yaml": `releases:\n${base(c)}releases: []\n` }), error: [at("helmfile.yaml"), /releases/] },
  { name: "YAML: malformed values file", files: (c) => ({ ...hf(rel("a", "    values:\n      - v.yaml\n"))(c), "v.yaml": "greeting: [unclosed\n" }), error: [at("v.yaml")] },
  // --- unknown keys and near misses
  { name: "unknown top-level key (relases)", files: (c) => ({ "helmfile.yaml": `relases:\n${base(c)}` }), error: [at("helmfile.yaml", 1), /relases/] },
  { name: "release key near miss (namespcae)", files: hf(rel("a", "    namespcae: x\n")), error: [at("helmfile.yaml", 12), /namespcae/] },
  // --- keys helmfile honours that this project does not (yet): refused, never silently dropped
  { name: "global (state-level) hook of an event helmfile never fires there", files: hf(rel("a"), "hooks:\n  - events: [presync]\n    command: echo\n"), error: [at("helmfile.yaml", 1), /hooks/, /global \(state-level\) hook of an event other than prepare or cleanup/] },
  { name: "kubectlApply hook with filename and kustomize", files: hf(rel("a", "    hooks:\n      - events: [presync]\n        kubectlApply: {filename: a.yaml, kustomize: k}\n")), error: [at("helmfile.yaml"), /releases\[1\]\.hooks\[0\]\.kubectlApply/, /cannot be used together/] },
  // --- patches and kustomizations (chartify): bad ones fail naming the release and the patch, before anything installs
  { name: "JSON patch without operations", files: hf(rel("a", "    jsonPatches:\n      - target: {kind: ConfigMap}\n")), error: [at("helmfile.yaml"), /releases\[1\]\.jsonPatches\[0\]\.patch/, /non-empty list of operations/] },
  { name: "JSON patch whose target selects no object", files: hf(rel("a", "    jsonPatches:\n      - target: {kind: Deployment, name: nope}\n        patch: [{op: remove, path: /spec}]\n")), error: [new RegExp(`release ${NS}/a: jsonPatches\\[0\\] matches none of the rendered objects`)] },
  { name: "strategic-merge patch for an object not rendered", files: hf(rel("a", "    strategicMergePatches:\n      - {apiVersion: v1, kind: ConfigMap, metadata: {name: nope}, data: {a: b}}\n")), error: [new RegExp(`release ${NS}/a: strategicMergePatches\\[0\\] patches ConfigMap nope`)] },
  { name: "strategic-merge patch file that is not YAML", files: (c) => ({ ...hf(rel("a", "    strategicMergePatches:\n      - smp.yaml\n"))(c), "smp.yaml": "kind: ConfigMap\nmetadata: {name: [unclosed\n" }), error: [at("smp.yaml", 3), /invalid YAML in strategicMergePatches\[0\] file/] },
  { name: "kustomization that fails to build", files: (c) => ({ ...hf(rel("a", "", () => "./kz"))(c), "kz/kustomization.yaml": "resources:\n  - missing.yaml\n" }), error: [new RegExp(`release ${NS}/a: kustomization .*kz: kustomize build failed`), /missing\.yaml/] },
  { name: "recreatePods", files: hf(rel("a", "    recreatePods: true\n")), error: [at("helmfile.yaml", 12), /recreatePods/, /helm 4/] },
  { name: "release key near miss (chrat)", files: hf((c) => `  - name: a\n    chrat: oci://${c.registry}/charts/web\n`), error: [at("helmfile.yaml"), /chrat/] },
  { name: "helmDefaults unknown key", files: hf(() => "", "helmDefaults:\n  atomc: true\n"), error: [at("helmfile.yaml", 2), /atomc/] },
  { name: "repository unknown key", files: hf(() => "", "repositories:\n  - name: r\n    urll: https://x\n"), error: [at("helmfile.yaml", 3), /urll/] },
  // --- wrong types
  { name: "releases is a map", files: () => ({ "helmfile.yaml": "releases:\n  a: b\n" }), error: [at("helmfile.yaml"), /releases/] },
  { name: "installed is not a bool", files: hf(rel("a", "    installed: maybe\n")), error: [at("helmfile.yaml", 12), /installed/] },
  { name: "values is a string", files: hf(rel("a", "    values: greeting\n")), error: [at("helmfile.yaml", 12), /values/] },
  { name: "needs is a string", files: hf(rel("a", "    needs: base\n")), error: [at("helmfile.yaml", 12), /needs/] },
  { name: "timeout is a word", files: hf(rel("a", "    timeout: soon\n")), error: [at("helmfile.yaml", 12), /timeout/] },
  { name: "set is a string", files: hf(rel("a", "    set: x=1\n")), error: [at("helmfile.yaml", 12), /set/] },
  { name: "labels is a list", files: hf(rel("a", "    labels: [a, b]\n")), error: [at("helmfile.yaml", 12), /labels/] },
  // --- values files
  { name: "missing values file (default handler)", files: hf(rel("a", "    values:\n      - missing.yaml\n")), error: [/missing\.yaml/, /releases\[1\]\.values\[0\]|no such file|not found/i] },
  { name: "missing values file (missingFileHandler: Error)", files: hf(rel("a", "    missingFileHandler: Error\n    values:\n      - missing.yaml\n")), error: [/missing\.yaml/] },
  { name: "missing environment values file", files: hf(() => "", "environments:\n  default:\n    values:\n      - env-missing.yaml\n---\n"), error: [/env-missing\.yaml/] },
  { name: "invalid missingFileHandler", files: hf(rel("a", "    missingFileHandler: Explode\n")), error: [at("helmfile.yaml"), /missingFileHandler/] },
  { name: "values file is a list, not a map", files: (c) => ({ ...hf(rel("a", "    values:\n      - v.yaml\n"))(c), "v.yaml": "- a\n- b\n" }), error: [/v\.yaml/, /map|mapping|object/i] },
  { name: "values file is a scalar", files: (c) => ({ ...hf(rel("a", "    values:\n      - v.yaml\n"))(c), "v.yaml": "just a string\n" }), error: [/v\.yaml/, /map|mapping|object/i] },
  // --- environments
  { name: "unknown environment", environment: "production", files: hf(() => "", "environments:\n  default: {}\n---\n"), error: [/environment "production" is not defined/] },
  // --- templates
  { name: "template syntax error", files: gotmpl(rel("a", "    values:\n      - greeting: {{ .Values.x \n")), error: [at("helmfile.yaml.gotmpl"), /template/i] },
  { name: "template missing key", files: gotmpl(rel("a", "    values:\n      - greeting: {{ .Values.nope.deeper }}\n")), error: [at("helmfile.yaml.gotmpl"), /nope/] },
  { name: "template required", files: gotmpl(rel("a", "    values:\n      - greeting: {{ required \"greeting is required\" (.Values | get \"missing\" \"\") }}\n")), error: [at("helmfile.yaml.gotmpl"), /greeting is required/] },
  { name: "template requiredEnv unset", files: gotmpl(rel("a", "    values:\n      - greeting: {{ requiredEnv \"PHF_RELIABILITY_UNSET_VAR\" }}\n")), error: [at("helmfile.yaml.gotmpl"), /PHF_RELIABILITY_UNSET_VAR/] },
  { name: "template fail", files: gotmpl(rel("a", "    values:\n      - greeting: {{ fail \"refusing to render\" }}\n")), error: [at("helmfile.yaml.gotmpl"), /refusing to render/] },
  { name: "readFile escaping the helmfile dir with insecure features disabled", files: gotmpl(rel("a", "    values:\n      - greeting: {{ readFile \"../../../../etc/hostname\" | quote }}\n")), error: [at("helmfile.yaml.gotmpl"), /readFile/] },
  { name: "exec with insecure features disabled", files: gotmpl(rel("a", "    values:\n      - greeting: {{ exec \"touch\" (list \"/tmp/phf-reliability-pwned\") }}\n")), error: [at("helmfile.yaml.gotmpl"), /exec/] },
  // --- needs and ids
  { name: "needs cycle", files: hf((c) => rel("a", "    needs: [b]\n")(c) + rel("b", "    needs: [a]\n")(c)), error: [at("helmfile.yaml"), /cycl/i] },
  { name: "dangling need", files: hf(rel("a", "    needs: [ghost]\n")), error: [at("helmfile.yaml"), /ghost/] },
  { name: "duplicate release ids", files: hf(rel("base")), error: [at("helmfile.yaml"), /base/, /duplicate/i] },
  { name: "chart from an undeclared repository", files: hf(rel("a", "", () => "nowhere/web")), error: [at("helmfile.yaml"), /nowhere/] },
  { name: "empty chart", files: hf(rel("a", "", () => '""')), error: [at("helmfile.yaml"), /chart/] },
  { name: "malformed selector", selectors: ["tier"], files: hf(() => ""), error: [/malformed label: tier/] },
  { name: "missing base file", files: hf(() => "", "bases:\n  - base-missing.yaml\n---\n"), error: [/base-missing\.yaml/] },
  { name: "missing sub-helmfile", files: hf(() => "", "helmfiles:\n  - sub/missing.yaml\n---\n"), error: [/sub\/missing\.yaml/] },
  // --- charts and repositories (load fine; fail before anything is installed)
  { name: "chart that does not exist", files: hf(rel("a", "", (c) => `oci://${c.registry}/charts/nope`)), error: [new RegExp(`${NS}/a`), /not found|nope/i] },
  { name: "version that does not exist", files: hf((c) => rel("a")(c).replace("0.1.0", "9.9.9")), error: [new RegExp(`${NS}/a`), /9\.9\.9/] },
  { name: "unsatisfiable version range", files: hf((c) => rel("a")(c).replace("0.1.0", '">=5.0.0 <6.0.0"')), error: [new RegExp(`${NS}/a`), />=5\.0\.0/] },
  { name: "OCI digest that does not exist", files: hf((c) => rel("a", "", (x) => `oci://${x.registry}/charts/web@sha256:${"0".repeat(64)}`)(c).replace("    version: 0.1.0\n", "")), error: [new RegExp(`${NS}/a`), new RegExp(`not the pinned sha256:${"0".repeat(64)}`)] },
  { name: "local chart path that does not exist", files: hf(rel("a", "", () => "./charts/missing")), error: [/charts\/missing/] },
  { name: "repository with bad credentials", files: hf(rel("a", "", (c) => `private/web`), "repositories:\n  - name: private\n    url: {{AUTH}}/charts\n    oci: true\n    plainHttp: true\n    username: admin\n    password: wrong-password\n"), error: [new RegExp(`${NS}/a`), /unauthori[sz]ed|401|denied|authentication/i] },
  { name: "kubeContext that does not exist", files: hf(rel("a", "    kubeContext: no-such-context\n")), error: [/no-such-context/] },
  // --- names helm rejects (helmfile loads them; the provider must refuse before helm runs anything)
  { name: "release name with uppercase", files: hf(rel("Web")), error: [/Web/, /name/i] },
  { name: "release name too long (54 chars)", files: hf(rel("a".repeat(54))), error: [new RegExp("a".repeat(54)), /name/i] },
  { name: "release name with shell metacharacters", files: hf(rel('"a;rm -rf x"')), error: [/a;rm -rf x/, /name/i] },
  { name: "release name that looks like a flag", files: hf(rel('"--post-renderer=/bin/sh"')), error: [/--post-renderer/, /name/i] },
  { name: "release name with a newline", files: hf(rel('"a\\nb"')), error: [/name/i] },
  // --- sops secrets and vals references (nothing deployed, no decrypted file left, the plaintext never shown)
  { name: "secrets: a file encrypted for a key we do not have", files: (c) => ({ ...hf(rel("a", "    secrets: [s.enc.yaml]\n"))(c), "s.enc.yaml": c.sops.otherKey }), error: [at("s.enc.yaml"), /releases\[1\]\.secrets\[0\]/, /no key to decrypt/] },
  { name: "secrets: a tampered sops file", files: (c) => ({ ...hf(rel("a", "    secrets: [s.enc.yaml]\n"))(c), "s.enc.yaml": c.sops.tampered }), error: [at("s.enc.yaml"), /corrupted or was tampered with/] },
  { name: "environment secrets: a tampered sops file", files: (c) => ({ ...hf(rel("a"), "environments:\n  default:\n    secrets: [s.enc.yaml]\n---\n")(c), "s.enc.yaml": c.sops.tampered }), error: [at("s.enc.yaml"), /environments\.default\.secrets\[0\]/, /tampered/] },
  { name: "vals: a reference to a missing key", files: (c) => ({ ...hf(rel("a", `    values:\n      - password: ref+sops://${c.dir}/s.enc.yaml#/nope\n`))(c), "s.enc.yaml": c.sops.good }), error: [at("helmfile.yaml"), /releases\[1\]\.values/, /s\.enc\.yaml#\/nope: no value found for key "nope"/] },
  { name: "vals: an unsupported backend", files: hf(rel("a", "    set:\n      - name: password\n        value: ref+vault://secret/db#/password\n")), error: [at("helmfile.yaml"), /releases\[1\]\.set\[0\]\.value/, /the vals backend "vault" is not supported/] },
  { name: "namespace with command substitution", files: hf((c) => rel("a")(c).replace(`namespace: ${NS}`, 'namespace: "$(touch /tmp/phf-reliability-pwned)"')), error: [/namespace/i] },
];

describe("bad input: a clear error and nothing changed", () => {
  let stack: TestStack;
  let cacheDir: string;
  const providerTmp = tempDir("rel-bad-tmp");
  const caseDir = path.join(tempDir("rel-bad-case"), "case");
  let authRegistry: Registry;
  let ctx: Omit<Ctx, "dir">;
  let stackEnv: Record<string, string> = {};
  const helmEnv = { ...process.env, ...isolatedHelmEnv(tempDir("rel-bad-helm")) };
  // The cluster is shared with test files running in parallel (the fault scenarios use other rel-* namespaces): compare
  // this file's namespace. Every case declares its releases in it; the one case naming another namespace (a command
  // substitution) is rejected before anything is created, and the pwned-file check covers it.
  const helmList = () =>
    (JSON.parse(execFileSync(helmBin, ["list", "-A", "-o", "json", "--kubeconfig", testbed().cluster.kubeconfig], { env: helmEnv, encoding: "utf8" })) as {
      name: string; namespace: string; revision: string; status: string; chart: string;
    }[])
      .filter((r) => r.namespace === NS)
      .map((r) => `${r.namespace}/${r.name} r${r.revision} ${r.status} ${r.chart}`)
      .sort();
  const cacheListing = (): string[] => {
    const out: string[] = [];
    const walk = (d: string) => {
      if (!fs.existsSync(d)) return;
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) {
          // v*/renders memoizes program-side preview renders of valid charts (derived, not the chart store).
          if (!/^v\d+\/renders$/.test(path.relative(cacheDir, p))) walk(p);
        }
        else out.push(`${path.relative(cacheDir, p)} ${fs.statSync(p).size} ${fs.statSync(p).mtimeMs}`);
      }
    };
    walk(cacheDir);
    return out.sort();
  };
  const tried: string[] = [];

  beforeAll(async () => {
    const { registry, cluster } = testbed();
    authRegistry = await startRegistry({ dir: tempDir("rel-auth-registry"), auth: { username: "admin", password: "right-password" } });
    await pushChart(helmBin, authRegistry, fixtureChart("web"), ["0.1.0"]);
    const key = ageKey(tempDir("rel-bad-age"));
    const good = sopsEncrypt(`password: ${SOPS_SECRET}\n`, key);
    const sops = { good, otherKey: sopsEncrypt(`password: ${SOPS_SECRET}\n`, ageKey(tempDir("rel-bad-age-other"))), tampered: tampered(good) };
    ctx = { registry: registry.host, authRegistry: authRegistry.host, sops };
    stackEnv = sopsEnv(key);
    cacheDir = tempDir("rel-bad-cache");
    stack = await fixtureStack("reliability/helmfile-file", {
      PULUMI_HELMFILE_HELM: helmBin,
      PULUMI_HELMFILE_CACHE_DIR: cacheDir,
      HELMFILE_DISABLE_INSECURE_FEATURES: "true",
      PULUMI_HELMFILE_TMPDIR: providerTmp,
      PULUMI_HELMFILE_KUSTOMIZE: toolPaths().kustomize,
      ...stackEnv,
    });
    await stack.secret("kubeconfig", fs.readFileSync(cluster.kubeconfig, "utf8"));
    // The baseline: one deployed release that every bad case also declares unchanged.
    const dir = tempDir("rel-bad-base");
    fs.writeFileSync(path.join(dir, "helmfile.yaml"), `releases:\n${base({ ...ctx, dir })}`);
    fs.mkdirSync(caseDir);
    fs.writeFileSync(path.join(caseDir, "helmfile.yaml"), `releases:\n${base({ ...ctx, dir })}`);
    await stack.config({ file: caseDir });
    await stack.ok(["up", "--yes"]);
  }, 300_000);

  afterAll(async () => {
    if (stack) {
      const dir = tempDir("rel-bad-base");
      fs.writeFileSync(path.join(dir, "helmfile.yaml"), "releases: []\n");
      await stack.config({ file: path.join(dir, "helmfile.yaml") });
      await stack.ok(["destroy", "--yes"]);
    }
    if (authRegistry) await stopRegistry(authRegistry);
    process.stderr.write(`[bad-input] ${tried.length} cases tried\n${tried.join("\n")}\n`);
  });

  test.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    // One fixed case directory (the stack's `file` points at it; helmfile's default lookup finds helmfile.yaml or
    // helmfile.yaml.gotmpl), rewritten per case: no config round trip per case.
    const dir = caseDir;
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir);
    const full: Ctx = { ...ctx, dir };
    for (const [file, content] of Object.entries(c.files(full))) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), content.replace("{{AUTH}}", ctx.authRegistry));
    }
    if (c.environment) await stack.config({ environment: c.environment });
    if (c.selectors) await stack.ok(["config", "set", "--path", "selectors[0]", c.selectors[0]]);
    try {
      const releasesBefore = helmList();
      const cacheBefore = cacheListing();
      const written = fs.readdirSync(dir).sort();
      const { result, report } = await probeLeaks([testbed().cluster.token, SOPS_SECRET], providerTmp, () => stack.run(["up", "--yes", "--skip-preview"]));
      expect(fs.readdirSync(dir).sort()).toEqual(written); // nothing decrypted (or otherwise) left beside the files
      const text = result.stdout + result.stderr;
      tried.push(`${c.name}: exit ${result.code}: ${(text.match(/error: .*/g) ?? []).slice(-1)[0] ?? ""}`);
      expect({ code: result.code === 0 ? 0 : "failed", text }).toMatchObject({ code: "failed" });
      for (const e of c.error) expect(text).toMatch(typeof e === "function" ? e(full) : e);
      expect(helmList()).toEqual(releasesBefore);
      expect(cacheListing()).toEqual(cacheBefore);
      expect(fs.existsSync("/tmp/phf-reliability-pwned")).toBe(false);
      expect(report.leaks).toEqual([]);
    } finally {
      if (c.environment) await stack.ok(["config", "rm", "environment"]);
      if (c.selectors) await stack.ok(["config", "rm", "selectors"]);
    }
  });

  test("shell and flag syntax in values is deployed as literal text and runs nothing", async () => {
    const dir = tempDir("rel-bad-inject");
    const payloads = ["$(touch /tmp/phf-reliability-pwned)", "`touch /tmp/phf-reliability-pwned`", "; touch /tmp/phf-reliability-pwned", "--post-renderer=/bin/sh", "a\nb,c=d"];
    const values = payloads.map((p, i) => `      - greeting${i}: ${JSON.stringify(p)}\n`).join("");
    fs.writeFileSync(path.join(dir, "helmfile.yaml"), `releases:\n${base({ ...ctx, dir })}${rel("inject", `    values:\n${values}    set:\n      - name: greeting\n        value: ${JSON.stringify(payloads[3])}\n`)({ ...ctx, dir })}`);
    await stack.config({ file: path.join(dir, "helmfile.yaml") });
    await stack.ok(["up", "--yes"]);
    const values2 = JSON.parse(execFileSync(helmBin, ["get", "values", "inject", "-n", NS, "-o", "json", "--kubeconfig", testbed().cluster.kubeconfig], { env: helmEnv, encoding: "utf8" })) as Record<string, string>;
    payloads.forEach((p, i) => expect(values2[`greeting${i}`]).toBe(p));
    expect(values2.greeting).toBe(payloads[3]);
    const cm = await kubeGet<{ data: Record<string, string> }>(testbed().cluster, `/api/v1/namespaces/${NS}/configmaps/inject-config`);
    expect(cm?.data.greeting).toBe(payloads[3]);
    expect(fs.existsSync("/tmp/phf-reliability-pwned")).toBe(false);
    tried.push(`injection in values (${payloads.length} payloads): deployed literally`);
  });
});
