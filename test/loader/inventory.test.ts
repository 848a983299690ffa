/**
 * The inventory of every key of helmfile v1.8.0's HelmState, HelmSpec, ReleaseSpec, EnvironmentSpec and RepositorySpec
 * (the strict schema lists them; sdk/loader/keyUses.ts says what becomes of each). Each key is:
 * - an option: setting it in a helmfile changes what helm receives (the provider input is set and the option table
 *   turns it into flags, or names the code that implements it) — shown here for each such key;
 * - rejected: setting it fails the load with file, line, column, key path and the reason — shown here for each;
 * - ignored on purpose: the reason is listed, and a file that sets it loads;
 * - release/loader semantics: a fixture of the corpus exercises it (test/loader/fixtures.test.ts runs them all).
 * "Decoded and ignored" is not a category.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";
import { HelmfileLoadError, loadHelmfile } from "../../sdk/loader";
import { KEY_USES, KeyUse } from "../../sdk/loader/keyUses";
import { helmDefaultsSchema, releaseSchema, Schema, stateSchema } from "../../sdk/loader/schema";
import * as pulumi from "@pulumi/pulumi";
import { optionInputs, releaseArgs, releaseInputs } from "../../sdk/release-args";
import { HelmCommand, OPTION_RULES, OptionError } from "../../provider/helm/options";
import { corpusRoot } from "./fixtureCorpus";
import { tempDir } from "../harness/temp";

type Obj = { obj: Record<string, Schema>; name: string };
const objOf = (s: Schema): Obj => {
  if (typeof s === "object" && "obj" in s && !("oneOf" in s)) return s;
  if (typeof s === "object" && "list" in s) return objOf(s.list);
  if (typeof s === "object" && "dict" in s) return objOf(s.dict);
  throw new Error("not a struct schema");
};
const STRUCTS: Record<string, Obj> = {
  HelmState: stateSchema as Obj,
  HelmSpec: helmDefaultsSchema as Obj,
  ReleaseSpec: releaseSchema as Obj,
  EnvironmentSpec: objOf((stateSchema as Obj).obj.environments),
  RepositorySpec: objOf((stateSchema as Obj).obj.repositories),
};

/** A value of `key` that takes effect (valid where the option validates its value). */
const SPECIAL: Record<string, unknown> = {
  serverSide: "false", cascade: "foreground", updateStrategy: "reinstallIfForbidden", trackMode: "helm", kubeVersion: "1.30.0",
  dependencies: [{ chart: "oci://r/dep", version: "1.0.0" }], hooks: [{ events: ["presync"], command: "echo" }],
  postRenderer: "./pr.sh", chartPath: "./chart", directory: "./dir", managed: "acr",
  args: ["--debug"], syncArgs: ["--hide-notes"], templateArgs: ["--dry-run=server"], postRendererArgs: ["--overlay"],
};
function sample(key: string, s: Schema): unknown {
  if (key in SPECIAL) return SPECIAL[key];
  if (s === "bool") return true;
  if (s === "int") return 5;
  if (s === "number") return 1.5;
  if (s === "string" || s === "stringOrOpaque") return "x";
  if (s === "any") return { a: 1 };
  if ("list" in s) return [sample(key, s.list)];
  if ("dict" in s) return { k: sample(key, s.dict) };
  if ("oneOf" in s) return s.oneOf === "stringOrList" ? ["x"] : [{}];
  return Object.fromEntries(Object.entries(s.obj).slice(0, 1).map(([k, v]) => [k, sample(k, v)]));
}

/** A helmfile with `key: value` placed in `struct`, and the key path the loader reports for it. */
function fileWith(struct: string, key: string, value: unknown): { doc: Record<string, unknown>; keyPath: string } {
  const release = { name: "web", chart: "./charts/web" };
  switch (struct) {
    case "HelmState":
      return { doc: { [key]: value, releases: [release] }, keyPath: key };
    case "HelmSpec":
      return { doc: { helmDefaults: { [key]: value }, releases: [release] }, keyPath: `helmDefaults.${key}` };
    case "ReleaseSpec":
      return { doc: { releases: [{ ...release, [key]: value }] }, keyPath: `releases[0].${key}` };
    case "EnvironmentSpec":
      return { doc: { environments: { default: { [key]: value } } }, keyPath: `environments.default.${key}` };
    default:
      return { doc: { repositories: [{ name: "r", url: "https://charts.example.com", [key]: value }], releases: [release] }, keyPath: `repositories[0].${key}` };
  }
}

const tmp = tempDir("inventory");
fs.mkdirSync(path.join(tmp, "charts", "web"), { recursive: true });
fs.writeFileSync(path.join(tmp, "charts", "web", "Chart.yaml"), "apiVersion: v2\nname: web\nversion: 0.1.0\n");
let n = 0;
async function load(doc: Record<string, unknown>) {
  const dir = path.join(tmp, `case-${n++}`);
  fs.mkdirSync(dir);
  fs.symlinkSync(path.join(tmp, "charts"), path.join(dir, "charts"));
  const file = path.join(dir, "helmfile.yaml");
  fs.writeFileSync(file, stringify(doc));
  return { file, state: loadHelmfile(file, { env: {} }) };
}

const entries = Object.entries(KEY_USES).flatMap(([struct, table]) => Object.entries(table).map(([key, use]) => ({ struct, key, use })));
const byUse = (u: KeyUse["use"]) => entries.filter((e) => e.use.use === u).map((e) => [`${e.struct}.${e.key}`, e] as const);

describe("inventory of helmfile's keys", () => {
  it.each(Object.keys(STRUCTS))("%s: every key of the schema has a use, and every use a key", (struct) => {
    expect(Object.keys(KEY_USES[struct]).sort()).toEqual(Object.keys(STRUCTS[struct].obj).sort());
  });

  describe("rejected: a clear error naming file, line and key", () => {
    it.each(byUse("rejected"))("%s", async (_n, { struct, key }) => {
      const { doc, keyPath } = fileWith(struct, key, sample(key, STRUCTS[struct].obj[key]));
      const { file, state } = await load(doc);
      const e = await state.then(() => undefined, (x: unknown) => x);
      expect(e).toBeInstanceOf(HelmfileLoadError);
      const err = e as HelmfileLoadError;
      expect([err.file, err.keyPath, typeof err.line]).toEqual([file, keyPath, "number"]);
      expect(err.message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}:\\d+:\\d+: ${keyPath.replace(/[.[\]]/g, "\\$&")}: .*(not supported|not run|does not exist|has no|no effect|internal)`));
    });
  });

  describe("option: setting it changes what helm receives", () => {
    const options = entries.filter((e) => e.use.use === "option" && (e.struct === "ReleaseSpec" || e.struct === "HelmSpec"));
    it.each(options.map((e) => [`${e.struct}.${e.key}`, e] as const))("%s", async (_n, { struct, key, use }) => {
      const input = (use as Extract<KeyUse, { use: "option" }>).input;
      const value = sample(key, STRUCTS[struct].obj[key]);
      const { state } = await load(fileWith(struct, key, value).doc);
      const r = (await state).releases[0];
      const inputs = releaseInputs(r) as unknown as Record<string, unknown>;
      expect(inputs[input]).toBeDefined();
      expect(optionInputs(r.options)).toHaveProperty(input);
      const rule = OPTION_RULES[input as keyof typeof OPTION_RULES];
      if (!rule) {
        // Not a helm flag: an input the chart cache uses (plainHttp, insecureSkipTLSVerify, skipDeps).
        expect(["plainHttp", "insecureSkipTLSVerify", "skipDeps"]).toContain(input);
        return;
      }
      const effects = (["upgrade", "install", "template", "uninstall"] as HelmCommand[]).flatMap((command) =>
        ([3, 4] as const).flatMap((major) => {
          try {
            return rule.flags?.(inputs[input] as never, { command, major, all: { postRenderer: "./pr.sh", ...inputs } }) ?? [];
          } catch (e) {
            return e instanceof OptionError ? [`refused: ${e.message}`] : [];
          }
        }),
      );
      expect(effects.length > 0 || rule.implementedBy !== undefined).toBe(true);
    });
  });

  describe("ignored on purpose: a reason, and a file setting it loads", () => {
    it.each(byUse("ignored"))("%s", async (_n, { struct, key, use }) => {
      expect((use as Extract<KeyUse, { use: "ignored" }>).why.length).toBeGreaterThan(10);
      const { state } = await load(fileWith(struct, key, sample(key, STRUCTS[struct].obj[key])).doc);
      await expect(state).resolves.toBeDefined();
    });
  });

  describe("release and loader semantics: exercised by a fixture of the corpus", () => {
    const corpus = fs.readdirSync(corpusRoot).flatMap((d) => {
      const dir = path.join(corpusRoot, d);
      return fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => /\.(ya?ml|gotmpl)$/.test(f) && !/^expected/.test(f)).map((f) => fs.readFileSync(path.join(dir, f), "utf8"));
    }).join("\n");
    // Keys whose behaviour has its own unit tests instead of a fixture.
    const ELSEWHERE: Record<string, string> = {
      "ReleaseSpec.trackTimeout": "test/loader/tracking.test.ts", "ReleaseSpec.trackLogs": "test/loader/tracking.test.ts",
      "ReleaseSpec.trackFailedLogs": "test/loader/tracking.test.ts", "ReleaseSpec.trackKinds": "test/loader/tracking.test.ts",
      "ReleaseSpec.skipKinds": "test/loader/tracking.test.ts", "ReleaseSpec.trackResources": "test/loader/tracking.test.ts",
      "ReleaseSpec.kubedogQPS": "test/loader/tracking.test.ts", "ReleaseSpec.kubedogBurst": "test/loader/tracking.test.ts",
      "ReleaseSpec.trackFailOnError": "test/loader/tracking.test.ts", "ReleaseSpec.env": "this file (env → set)",
      "ReleaseSpec.syncReleaseLabels": "this file (labels → --labels)", "HelmSpec.syncReleaseLabels": "this file (labels → --labels)",
      "HelmState.helmBinary": "this file (helmBinary → every release)", "ReleaseSpec.hooks": "test/loader/hooks.test.ts",
      "ReleaseSpec.jsonPatches": "test/loader/patches.test.ts", "ReleaseSpec.strategicMergePatches": "test/loader/patches.test.ts",
      "ReleaseSpec.transformers": "test/loader/patches.test.ts", "HelmState.kustomizeBinary": "test/loader/patches.test.ts",
      "ReleaseSpec.forceNamespace": "test/cli/template-patches.test.ts (differential)",
    };
    it.each([...byUse("release"), ...byUse("loader")])("%s", (name, { key }) => {
      if (ELSEWHERE[name]) return expect(ELSEWHERE[name]).toBeTruthy();
      expect(corpus).toMatch(new RegExp(`(^|[\\s{,-])${key}:`, "m"));
    });
  });

  it("env: each entry sets a value from an environment variable (after set); a missing variable is an error", async () => {
    const doc = { releases: [{ name: "web", chart: "./charts/web", set: [{ name: "a", value: "1" }], env: [{ name: "image.tag", value: "TAG" }] }] };
    const dir = path.join(tmp, "env-case");
    fs.mkdirSync(dir);
    fs.symlinkSync(path.join(tmp, "charts"), path.join(dir, "charts"));
    fs.writeFileSync(path.join(dir, "helmfile.yaml"), stringify(doc));
    const st = await loadHelmfile(path.join(dir, "helmfile.yaml"), { env: { TAG: "v2" } });
    expect(st.releases[0].set).toEqual([{ name: "a", value: "1" }, { name: "image.tag", value: "v2" }]);
    await expect(loadHelmfile(path.join(dir, "helmfile.yaml"), { env: {} })).rejects.toThrow(/releases\[0\]\.env\[0\]\.value: environment variable "TAG" is not set/);
  });

  it("syncReleaseLabels: the release's labels (commonLabels included, helm's own dropped) become --labels", async () => {
    const { state } = await load({ commonLabels: { team: "a" }, releases: [{ name: "web", chart: "./charts/web", labels: { tier: "x", owner: "me" }, syncReleaseLabels: true }] });
    expect(releaseInputs((await state).releases[0]).labels).toEqual({ tier: "x", team: "a" });
    const plain = await load({ releases: [{ name: "web", chart: "./charts/web", labels: { tier: "x" } }] });
    expect(releaseInputs((await plain.state).releases[0]).labels).toBeUndefined();
  });

  it("dependencies: each chart resolved like the release's, repository (password secret) passed to the provider", async () => {
    const { state } = await load({
      repositories: [{ name: "stable", url: "https://charts.example.com", username: "u", password: "p" }, { name: "oci", url: "reg.example.com/charts", oci: true }],
      releases: [{ name: "web", chart: "./charts/web", dependencies: [{ chart: "stable/redis", version: "1.0.0" }, { chart: "oci/db", version: "~2", alias: "x" }, { chart: "./charts/web", version: "0.1.0" }] }],
    });
    const st = await state;
    const deps = releaseInputs(st.releases[0]).dependencies;
    expect(deps).toEqual([
      { chart: "stable/redis", version: "1.0.0", repository: expect.objectContaining({ name: "stable", url: "https://charts.example.com", username: "u", password: "p" }) },
      { chart: "oci://reg.example.com/charts/db", version: "~2", alias: "x", repository: expect.objectContaining({ name: "oci", oci: true }) },
      { chart: path.join(path.dirname(st.releases[0].sourceFile), "charts", "web"), version: "0.1.0" },
    ]);
    const args = releaseArgs(st.releases[0], {});
    const pw = (args.dependencies as { repository?: { password?: unknown } }[])[0].repository?.password;
    expect(pulumi.Output.isInstance(pw)).toBe(true);
  });

  it("helmBinary: every release's helm", async () => {
    const { state } = await load({ helmBinary: "/opt/helm4/helm", releases: [{ name: "web", chart: "./charts/web" }] });
    const st = await state;
    expect(releaseInputs(st.releases[0], st).helmBinary).toBe("/opt/helm4/helm");
  });
});
