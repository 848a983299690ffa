/**
 * Differential: `pulumi-helmfile template` vs `helmfile template` (v1.8.0, its own vals v0.46.1) on vals references —
 * echo, file, envsubst and sops (age keys made here) in inline values, values files, `set` and fetchSecretValue.
 * helmfile's `secrets:` need the helm-secrets plugin (`helm secrets decrypt`), which the testbed cannot build (a
 * shell plugin downloaded from GitHub): sops is compared through `ref+sops://` instead, the same decryption.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { fixtureChart } from "../harness/charts";
import { ageKey, sopsEncrypt, sopsEnv } from "../harness/sops";
import { repoRoot, requireTool, toolPaths } from "../harness/tools";
import { tempDir } from "../harness/temp";

const execFileP = promisify(execFile);
const SECRET = "Diff-s3cret-7a1b";

describe("template with vals references: byte-identical to helmfile v1.8.0", () => {
  const helm = toolPaths().helm4;
  const dir = tempDir("cli-template-secrets");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("echo, file, envsubst and sops references in values, values files, set and fetchSecretValue", async () => {
    const key = ageKey(dir);
    fs.writeFileSync(path.join(dir, "s.enc.yaml"), sopsEncrypt(`db:\n  password: ${SECRET}\n`, key));
    fs.writeFileSync(path.join(dir, "token.txt"), "file-token");
    fs.writeFileSync(path.join(dir, "values.yaml"), "extra:\n  fromFile: ref+file://token.txt\n  sopsInFile: ref+sops://s.enc.yaml#/db/password\n");
    fs.writeFileSync(path.join(dir, "more.yaml.gotmpl"), `extra:\n  fetched: {{ fetchSecretValue "ref+sops://s.enc.yaml#/db/password" | quote }}\n  echoed: {{ fetchSecretValue "ref+echo://x/y" }}\n`);
    fs.writeFileSync(
      path.join(dir, "helmfile.yaml"),
      [
        "releases:",
        "  - name: web",
        "    namespace: ns",
        `    chart: ${fixtureChart("web")}`,
        "    values:",
        "      - greeting: ref+echo://hello/world",
        "        password: ref+sops://s.enc.yaml#/db/password",
        "      - values.yaml",
        "      - more.yaml.gotmpl",
        "    set:",
        "      - name: extra.env",
        "        value: ref+envsubst://$PHF_DIFF_VAR",
        "      - name: extra.inString",
        "        value: user-ref+sops://s.enc.yaml#/db/password+-end",
        "",
      ].join("\n"),
    );
    const env = { ...process.env, ...sopsEnv(key), PHF_DIFF_VAR: "from-env", PULUMI_HELMFILE_HELM: helm, PULUMI_HELMFILE_CACHE_DIR: path.join(dir, "cache"), NODE_OPTIONS: "", HOME: path.join(dir, "home") };
    // vals resolves relative paths against the working directory: both run in the helmfile's directory.
    const theirs = await execFileP(requireTool(toolPaths().helmfile, "helmfile"), ["--helm-binary", helm, "template"], { cwd: dir, env });
    const mine = await execFileP(process.execPath, [path.join(repoRoot, "dist", "sdk", "cli", "main.js"), "template"], { cwd: dir, env });
    expect(mine.stdout).toContain(`password: ${JSON.stringify(SECRET)}`);
    expect(mine.stdout).toContain('inString: "user-Diff-s3cret-7a1b-end"');
    expect(mine.stdout).toBe(theirs.stdout);
  });
});
