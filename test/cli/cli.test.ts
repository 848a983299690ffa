/** The pulumi-helmfile CLI: build, list --output json, flags, errors and the command extension point. */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { run, type CliIo } from "../../sdk/cli/main";
import { registerCommand } from "../../sdk/cli/commands";
import { applyStateValuesSet, parseKey, typedValue } from "../../sdk/cli/stateValuesSet";
import { loadHelmfile } from "../../sdk/loader";

const fixtures = path.resolve(__dirname, "../fixtures/helmfile");

async function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), env };
  const code = await run(args, io);
  return { code, out, err };
}

describe("pulumi-helmfile CLI", () => {
  it("main.ts starts with a node shebang", () => {
    const first = fs.readFileSync(path.resolve(__dirname, "../../sdk/cli/main.ts"), "utf8").split("\n")[0];
    expect(first).toBe("#!/usr/bin/env node");
  });

  it("build prints the resolved state as YAML", async () => {
    const file = path.join(fixtures, "environment-values-inline");
    const r = await cli(["build", "-f", file, "-e", "production"]);
    expect(r.code).toBe(0);
    expect(parse(r.out)).toEqual(JSON.parse(JSON.stringify(await loadHelmfile(file, { environment: "production", env: {} }))));
    expect(parse(r.out).stateValues).toEqual({ domain: "example.com", replicas: 3 });
  });

  it("list --output json prints helmfile's fields, sorted by namespace and name", async () => {
    const r = await cli(["list", "-f", path.join(fixtures, "condition-evaluated"), "--output", "json"]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as { name: string; enabled: boolean; labels: string }[];
    expect(rows.map((x) => [x.name, x.enabled])).toEqual([
      ["always", true],
      ["jaeger", false],
      ["loki", false],
      ["prometheus", true],
    ]);
    expect(rows[0]).toEqual({
      name: "always",
      namespace: "",
      enabled: true,
      installed: true,
      labels: "chart:always,name:always,namespace:",
      chart: "./charts/always",
      version: "",
    });
  });

  it("list applies -l selectors (OR across repeated flags) and joins labels as k:v", async () => {
    const r = await cli(["list", "-f", path.join(fixtures, "selector-or-across-and-within"), "-l", "tier=frontend,env=prod", "-l", "tier=data", "--output=json"]);
    const rows = JSON.parse(r.out) as { name: string; labels: string }[];
    expect(rows.map((x) => x.name)).toEqual(["db", "web"]);
    expect(rows[1].labels).toBe("chart:web,env:prod,name:web,namespace:,tier:frontend");
  });

  it("list omits releases whose condition is false when selectors are given (as helmfile filters them)", async () => {
    const r = await cli(["list", "-f", path.join(fixtures, "condition-evaluated"), "-l", "chart!=none", "--output", "json"]);
    expect((JSON.parse(r.out) as { name: string }[]).map((x) => x.name)).toEqual(["always", "prometheus"]);
  });

  it("list without --output prints a table", async () => {
    const r = await cli(["list", "-f", path.join(fixtures, "installed-false-kept")]);
    expect(r.out.split("\n")[0]).toMatch(/^NAME\s+NAMESPACE\s+ENABLED\s+INSTALLED\s+LABELS\s+CHART\s+VERSION$/);
    expect(r.out).toMatch(/old\s+apps\s+true\s+false/);
  });

  it("--state-values-set and --state-values-file reach the state values", async () => {
    const dir = path.join(fixtures, "state-values-file-option");
    const r = await cli(["build", "-f", dir, "--state-values-file", path.join(dir, "overrides.yaml"), "--state-values-set", "extra.list[1]=7,flag=true"]);
    expect(r.code).toBe(0);
    expect(parse(r.out).stateValues).toEqual({ region: "eu", size: "large", extra: { list: [null, 7] }, flag: true });
  });

  it("load errors exit 1 naming the file and key", async () => {
    const r = await cli(["build", "-f", path.join(fixtures, "strict-unknown-release-key-error")]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(path.join(fixtures, "strict-unknown-release-key-error", "helmfile.yaml") + ":6:3");
    expect(r.err).toContain("releases[1].valuez");
  });

  it("usage errors exit 2", async () => {
    expect((await cli([])).code).toBe(2);
    expect((await cli(["frobnicate"])).err).toContain('unknown command "frobnicate"');
    expect((await cli(["list", "-f"])).err).toContain("flag -f needs a value");
    expect((await cli(["--help"])).code).toBe(0);
  });

  it("accepts new subcommands through registerCommand (the extension point for `template`)", async () => {
    registerCommand({
      name: "names",
      summary: "test command",
      async run(ctx) {
        const state = await ctx.loadState();
        ctx.stdout(state.releases.map((r) => r.id).join(" "));
        return 0;
      },
    });
    const r = await cli(["names", "-f", path.join(fixtures, "needs-same-namespace")]);
    expect(r).toEqual({ code: 0, out: "apps/web apps/db", err: "" });
  });
});

describe("--state-values-set parsing (helmfile's maputil rules)", () => {
  it("splits keys on unescaped dots", () => {
    expect(parseKey("a.b\\.c.d")).toEqual(["a", "b.c", "d"]);
  });

  it("types values like helmfile's typedVal", () => {
    expect([typedValue("TRUE"), typedValue("false"), typedValue("null"), typedValue("0"), typedValue("42"), typedValue("042"), typedValue("1.5")]).toEqual([
      true,
      false,
      null,
      0,
      42,
      "042",
      "1.5",
    ]);
  });

  it("builds nested maps and indexed arrays", () => {
    const m: Record<string, unknown> = {};
    applyStateValuesSet(m, "a.b=1,list[2].name=x");
    applyStateValuesSet(m, "a.c=y");
    expect(m).toEqual({ a: { b: 1, c: "y" }, list: [null, null, { name: "x" }] });
  });
});
