/**
 * sops `secrets:` and vals references in the loader, with the real sops and age keys made here: merge order, what is
 * marked secret, missingFileHandler, decrypting each file once, and bad input (wrong key, tampered file, missing key,
 * unsupported backend) failing with the file/key/reference named and no secret in the message or on disk.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { loadHelmfile } from "../../sdk/loader";
import { reveal, SecretValue } from "../../sdk/state";
import { ageKey, sopsEncrypt, sopsEnv, tampered, type AgeKey } from "../harness/sops";
import { tempDir } from "../harness/temp";

const ENV_SECRET = "env-Pa55w0rd-91f3";
const REL_SECRET = "rel-T0ken-5c2e";
let dir: string;
let key: AgeKey;
let other: AgeKey;

function write(files: Record<string, string>): string {
  const d = fs.mkdtempSync(path.join(dir, "case-"));
  for (const [f, c] of Object.entries(files)) fs.writeFileSync(path.join(d, f), c);
  return d;
}
const env = (extra: Record<string, string> = {}) => ({ PATH: process.env.PATH, HOME: dir, ...sopsEnv(key), ...extra });
const load = (d: string, extra: Record<string, string> = {}) => loadHelmfile(d, { env: env(extra) });
const failure = async (d: string, extra: Record<string, string> = {}) => {
  const before = fs.readdirSync(d).sort();
  const e = await load(d, extra).then(() => undefined, (x: Error) => x);
  if (!e) throw new Error("the load succeeded");
  // No decrypted file is left beside the encrypted ones (helmfile's helm-secrets writes one), and no secret is shown.
  expect(fs.readdirSync(d).sort()).toEqual(before);
  for (const s of [ENV_SECRET, REL_SECRET]) expect(e.message).not.toContain(s);
  return e.message;
};

beforeAll(() => {
  dir = tempDir("loader-secrets");
  key = ageKey(dir);
  other = ageKey(dir, "other.key");
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const chart = "    chart: ./chart\n";
const envEnc = () => sopsEncrypt(`db:\n  password: ${ENV_SECRET}\nport: 5432\n`, key);
const relEnc = () => sopsEncrypt(`greeting: ${REL_SECRET}\n`, key);

describe("sops secrets", () => {
  test("environment secrets merge over environment values and feed release values, as secrets; release secrets come after values", async () => {
    const d = write({
      "env.enc.yaml": envEnc(),
      "rel.enc.yaml": relEnc(),
      "helmfile.yaml.gotmpl": [
        "environments:",
        "  default:",
        "    values:",
        "      - db: { password: from-values, user: app }",
        "    secrets:",
        "      - env.enc.yaml",
        "---",
        "releases:",
        "  - name: web",
        chart.trimEnd(),
        "    values:",
        "      - password: {{ .Values.db.password }}",
        "        encoded: {{ .Values.db.password | b64enc }}",
        "        user: {{ .Values.db.user }}",
        "        greeting: from-values",
        "    secrets:",
        "      - rel.enc.yaml",
        "",
      ].join("\n"),
    });
    const state = await load(d);
    const r = state.releases[0];
    expect(r.values[0].password).toBeInstanceOf(SecretValue);
    expect(r.values[0].encoded).toBeInstanceOf(SecretValue);
    expect(r.values[0].user).toBe("app");
    expect(reveal(r.values)).toEqual([
      { password: ENV_SECRET, encoded: Buffer.from(ENV_SECRET).toString("base64"), user: "app", greeting: "from-values" },
      { greeting: REL_SECRET },
    ]);
    expect(r.values[1].greeting).toBeInstanceOf(SecretValue);
    expect(r.valuesSources[1]).toBe(`${path.join(d, "rel.enc.yaml")} (secrets)`);
    // The state values: the environment's secret is secret, the rest plain; printing shows no plaintext.
    expect(state.stateValues.db).toEqual({ password: expect.any(SecretValue), user: "app" });
    expect(JSON.stringify(state)).not.toContain(ENV_SECRET);
  });

  test("a .gotmpl release secrets file is rendered after decryption, with the release's data", async () => {
    const d = write({ "rel.enc.yaml.gotmpl": sopsEncrypt(`greeting: '{{ .Release.Name }}-${REL_SECRET}'\n`, key), "helmfile.yaml": `releases:\n  - name: web\n${chart}    secrets: [rel.enc.yaml.gotmpl]\n` });
    expect(reveal((await load(d)).releases[0].values)).toEqual([{ greeting: `web-${REL_SECRET}` }]);
  });

  test("missingFileHandler skips a missing secrets file (environment: its handler or the state's; release: its own)", async () => {
    const d = write({
      "helmfile.yaml": `missingFileHandler: Warn\nenvironments:\n  default:\n    secrets: [missing.yaml]\n---\nreleases:\n  - name: web\n${chart}    missingFileHandler: Info\n    secrets: [missing.yaml]\n`,
    });
    const r = (await load(d)).releases[0];
    expect(r.values).toEqual([]);
    const strict = write({ "helmfile.yaml": `missingFileHandler: Warn\nreleases:\n  - name: web\n${chart}    secrets: [missing.yaml]\n` });
    expect(await failure(strict)).toMatch(/releases\[0\]\.secrets\[0\]: secrets file matching "missing.yaml" does not exist/);
  });

  test("each file is decrypted once per load, also when several releases and the canary load read it", async () => {
    const log = path.join(dir, "sops-calls.log");
    const wrapper = path.join(dir, "sops-counting");
    fs.writeFileSync(wrapper, `#!/bin/sh\necho "$@" >> ${log}\nexec ${sopsEnv(key).PULUMI_HELMFILE_SOPS} "$@"\n`, { mode: 0o755 });
    const d = write({ "rel.enc.yaml": relEnc(), "helmfile.yaml": `releases:\n  - name: a\n${chart}    secrets: [rel.enc.yaml]\n  - name: b\n${chart}    secrets: [rel.enc.yaml]\n` });
    const state = await load(d, { PULUMI_HELMFILE_SOPS: wrapper });
    expect(state.releases.map((r) => reveal(r.values))).toEqual([[{ greeting: REL_SECRET }], [{ greeting: REL_SECRET }]]);
    expect(fs.readFileSync(log, "utf8").trim().split("\n")).toHaveLength(1);
  });

  test("bad input names the file and never the secret: a key we do not have, a tampered file", async () => {
    const wrong = write({ "env.enc.yaml": sopsEncrypt(`a: ${ENV_SECRET}\n`, other), "helmfile.yaml": "environments:\n  default:\n    secrets: [env.enc.yaml]\n" });
    expect(await failure(wrong)).toMatch(/env\.enc\.yaml: environments\.default\.secrets\[0\]: cannot decrypt: sops found no key to decrypt it with/);
    const bad = write({ "rel.enc.yaml": tampered(relEnc()), "helmfile.yaml": `releases:\n  - name: web\n${chart}    secrets: [rel.enc.yaml]\n` });
    expect(await failure(bad)).toMatch(/rel\.enc\.yaml: releases\[0\]\.secrets\[0\]: cannot decrypt: the sops file is corrupted or was tampered with/);
    const notSops = write({ "rel.yaml": `greeting: ${REL_SECRET}\n`, "helmfile.yaml": `releases:\n  - name: web\n${chart}    secrets: [rel.yaml]\n` });
    expect(await failure(notSops)).toMatch(/rel\.yaml: releases\[0\]\.secrets\[0\]: cannot decrypt: sops failed/);
  });

  test("a secret may not reach a release name, a label or a hook: the load fails naming the field", async () => {
    const d = write({ "env.enc.yaml": envEnc(), "helmfile.yaml.gotmpl": `environments:\n  default:\n    secrets: [env.enc.yaml]\n---\nreleases:\n  - name: web\n${chart}    labels: { pw: {{ .Values.db.password | sha256sum | trunc 8 }} }\n` });
    expect(await failure(d)).toMatch(/release "web": labels\.pw is derived from a secret/);
  });

  test("when the canary load fails (a template needing the real text), every value is secret", async () => {
    const check = `{{ if ne .Values.db.password "${ENV_SECRET}" }}{{ fail "unexpected password" }}{{ end }}`;
    const d = write({
      "env.enc.yaml": envEnc(),
      "helmfile.yaml.gotmpl": `environments:\n  default:\n    secrets: [env.enc.yaml]\n---\n${check}\nreleases:\n  - name: web\n${chart}    values:\n      - password: {{ .Values.db.password }}\n        plain: text\n`,
    });
    const r = (await load(d)).releases[0];
    expect(r.values[0]).toEqual({ password: expect.any(SecretValue), plain: expect.any(SecretValue) });
    expect(reveal(r.values[0])).toEqual({ password: ENV_SECRET, plain: "text" });
  });
});

describe("vals references", () => {
  test("echo, file, envsubst and sops in values, values files, set, setString and the template functions", async () => {
    const d = write({
      "s.enc.yaml": envEnc(),
      "token.txt": "file-token",
      "values.yaml": "fromFile: ref+file://token.txt\n",
      "values.yaml.gotmpl": `fetched: {{ fetchSecretValue "ref+sops://s.enc.yaml#/db/password" }}\nexpanded: {{ (expandSecretRefs (dict "k" "ref+echo://a/b")).k }}\n`,
      "helmfile.yaml": [
        "releases:",
        "  - name: web",
        chart.trimEnd(),
        "    values:",
        "      - echo: ref+echo://foo/bar",
        "        frag: ref+echo://foo/bar#/foo",
        "        env: ref+envsubst://$PHF_TEST_VAR",
        "        port: ref+sops://s.enc.yaml#/db/../port",
        "        inString: user:ref+sops://s.enc.yaml#/db/password+@host",
        "        plain: text",
        "      - values.yaml",
        "      - values.yaml.gotmpl",
        "    set:",
        "      - name: pw",
        "        value: ref+sops://s.enc.yaml#/db/password",
        "    setString:",
        "      - name: e",
        "        value: ref+envsubst://$PHF_TEST_VAR",
        "",
      ].join("\n"),
    });
    const cwd = process.cwd();
    process.chdir(d); // vals resolves relative file/sops paths against the working directory
    try {
      await expect(load(d, { PHF_TEST_VAR: "from-env" })).rejects.toThrow(/ref\+sops:\/\/s\.enc\.yaml#\/db\/\.\.\/port: no value found for key "db\/\.\."/);
      fs.writeFileSync(path.join(d, "helmfile.yaml"), fs.readFileSync(path.join(d, "helmfile.yaml"), "utf8").replace("#/db/../port", "#/port"));
      const r = (await load(d, { PHF_TEST_VAR: "from-env" })).releases[0];
      expect(reveal(r.values)).toEqual([
        { echo: "foo/bar", frag: "bar", env: "from-env", port: 5432, inString: `user:${ENV_SECRET}@host`, plain: "text" },
        { fromFile: "file-token" },
        { fetched: ENV_SECRET, expanded: "a/b" },
      ]);
      expect(r.values[0].plain).toBe("text");
      expect(r.values[0].port).toBeInstanceOf(SecretValue);
      expect(reveal(r.set)).toEqual([{ name: "pw", value: ENV_SECRET }]);
      expect(r.set[0].value).toBeInstanceOf(SecretValue);
      expect(reveal(r.setString)).toEqual([{ name: "e", value: "from-env" }]);
    } finally {
      process.chdir(cwd);
    }
  });

  test("a missing key, an unset variable and an unsupported backend fail naming the reference", async () => {
    const d = write({ "s.enc.yaml": envEnc(), "helmfile.yaml": `releases:\n  - name: web\n${chart}    values:\n      - a: ref+sops://${"s.enc.yaml"}#/db/nope\n` });
    const cwd = process.cwd();
    process.chdir(d);
    try {
      expect(await failure(d)).toMatch(/helmfile\.yaml: releases\[0\]\.values: cannot resolve the vals reference ref\+sops:\/\/s\.enc\.yaml#\/db\/nope: no value found for key "db\/nope"/);
      fs.writeFileSync(path.join(d, "helmfile.yaml"), `releases:\n  - name: web\n${chart}    set:\n      - name: a\n        value: ref+envsubst://$PHF_UNSET_VAR\n`);
      expect(await failure(d)).toMatch(/releases\[0\]\.set\[0\]\.value: cannot resolve the vals reference ref\+envsubst:\/\/\$PHF_UNSET_VAR: environment variable "PHF_UNSET_VAR" is not set/);
      fs.writeFileSync(path.join(d, "helmfile.yaml"), `releases:\n  - name: web\n${chart}    values:\n      - a: ref+awssecrets://db/password\n`);
      expect(await failure(d)).toMatch(/ref\+awssecrets:\/\/db\/password: the vals backend "awssecrets" is not supported/);
    } finally {
      process.chdir(cwd);
    }
  });
});
