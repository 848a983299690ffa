import { execFileSync } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "../harness/tools";

describe("the serialized HelmRelease provider (thin shim)", () => {
  const out = JSON.parse(
    execFileSync(process.execPath, [path.join(__dirname, "shim-roundtrip.js")], { cwd: repoRoot, encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } })
      .trim()
      .split("\n")
      .pop() as string,
  ) as { serialized: string; methods: string[]; checked: { failures: unknown[] }; rejected: { failures: { property: string }[] }; diffed: { replaces: string[] }; error?: string };

  test("round-trips the way Pulumi serializes and the dynamic-provider host loads it, and works", () => {
    expect(out.error).toBeUndefined();
    expect(out.methods).toEqual(["check", "create", "delete", "diff", "read", "update"]);
    expect(out.checked.failures).toEqual([]);
    expect(out.rejected.failures.map((f) => f.property)).toEqual(["name"]);
    expect(out.diffed.replaces).toEqual(["name"]);
  });

  test("stays small and captures no path, module or secret: it requires the package by name at call time", () => {
    expect(out.serialized.length).toBeLessThan(3000);
    expect(out.serialized).not.toContain(repoRoot);
    expect(out.serialized).not.toContain(os.homedir());
    expect(out.serialized).not.toMatch(/async-mutex|execa|chart-cache/);
    expect(out.serialized.match(/require\("pulumi-helmfile\/provider"\)/g)).toHaveLength(6);
  });
});
