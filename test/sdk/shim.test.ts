import { execFileSync } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "../harness/tools";

describe("the provider texts kept in the state as __provider (thin shims)", () => {
  const out = JSON.parse(
    execFileSync(process.execPath, [path.join(__dirname, "shim-roundtrip.js")], { cwd: repoRoot, encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } })
      .trim()
      .split("\n")
      .pop() as string,
  ) as {
    texts: string[];
    methods: string[];
    hookMethods: string[];
    checked: { failures: unknown[] };
    rejected: { failures: { property: string }[] };
    diffed: { replaces: string[] };
    hooksDiffed: { changes: boolean };
    error?: string;
  };

  test("load the way the dynamic-provider host loads them, and work", () => {
    expect(out.error).toBeUndefined();
    expect(out.methods).toEqual(["check", "create", "delete", "diff", "read", "update"]);
    expect(out.hookMethods).toEqual(["check", "create", "delete", "diff", "update"]);
    expect(out.checked.failures).toEqual([]);
    expect(out.rejected.failures.map((f) => f.property)).toEqual(["name"]);
    expect(out.diffed.replaces).toEqual(["name"]);
    expect(out.hooksDiffed.changes).toBe(true);
  });

  test("stay small and capture no path, module or secret: they require the package by name when loaded", () => {
    for (const text of out.texts) {
      expect(text.length).toBeLessThan(200);
      expect(text).not.toContain(repoRoot);
      expect(text).not.toContain(os.homedir());
      expect(text.match(/require\("pulumi-helmfile\/provider"\)/g)).toHaveLength(1);
    }
  });
});

describe("registering a pulumi-helmfile resource", () => {
  test("formats 2-frame stacks for the promises Pulumi makes per property, and restores Error.stackTraceLimit after", () => {
    const out = JSON.parse(
      execFileSync(process.execPath, [path.join(__dirname, "shim-stack-limit.js")], { cwd: repoRoot, encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "", PULUMI_DEBUG_PROMISE_LEAKS: "" } })
        .trim()
        .split("\n")
        .pop() as string,
    ) as { inside: number; after: number; threw: string; afterThrow: number; insideDebug: number };
    expect(out.inside).toBe(2);
    expect(out.after).toBe(10);
    expect(out.threw).toMatch(/__provider/);
    expect(out.afterThrow).toBe(10);
    // Pulumi's promise-leak debugging prints those stacks: then they keep their frames.
    expect(out.insideDebug).toBe(10);
  });
});
