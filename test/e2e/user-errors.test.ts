/**
 * A user error surfaces in `pulumi preview` as its message alone (issue 20, item 8): naming the component or the
 * release, with no stack trace, no dumped error fields, no colour codes, no PromiseRejectionHandledWarning, and without the runaway error formatting of Node 20 (a memory bound).
 * No cluster: each preview fails before any cluster contact.
 *
 * The memory bound, from measurements on the 2-core test machine (the program's own maxRSS): such a preview peaks at
 * 165–180 MB. Before the fix, a HelmRelease with a missing local chart took 15–35 s and 3.6 GB: Node 20's
 * util.inspect looping on a stack frame of @pulumi/pulumi (sdk/errors.ts). 600 MB still fails on that, whatever the
 * machine's load — which a time bound did not (it failed a loaded CI run at 11.7 s while the program stayed small).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { tempDir } from "../harness/testbed";
import { repoRoot, toolPaths } from "../harness/tools";
import { fixtureStack, TestStack } from "./stack";

const MAX_PROGRAM_RSS_MB = 600;

describe("user errors in pulumi preview: the message alone", () => {
  let stack: TestStack;
  const rssFile = path.join(tempDir("user-errors-rss"), "maxrss");

  beforeAll(async () => {
    stack = await fixtureStack("user-errors", {
      PULUMI_HELMFILE_HELM: toolPaths().helm4,
      PULUMI_HELMFILE_CACHE_DIR: tempDir("cache"),
      // The program loads this repository's build (in a worktree, node_modules links to another checkout).
      PULUMI_HELMFILE_TEST_SDK: path.join(repoRoot, "dist", "sdk"),
      PULUMI_HELMFILE_TEST_RSS_FILE: rssFile,
    });
  });

  /** Run `pulumi preview` for a case; returns its output, after the assertions every user error shares. */
  async function previewFails(which: string): Promise<string> {
    await stack.config({ case: which });
    fs.rmSync(rssFile, { force: true });
    const r = await stack.run(["preview"]);
    const out = `${r.stdout}\n${r.stderr}`;
    if (r.code === 0) throw new Error(`pulumi preview succeeded:\n${out}`);
    expect(out).not.toContain("unhandled exception");
    expect(out).not.toMatch(/^\s+at /m);
    expect(out).not.toContain("\u001b[");
    expect(out).not.toContain("PromiseRejectionHandledWarning");
    expect(out).not.toContain("error serializing property");
    const maxRssMb = Number(fs.readFileSync(rssFile, "utf8")) / 1024;
    expect(maxRssMb).toBeLessThan(MAX_PROGRAM_RSS_MB);
    return out;
  }

  const unknownKey = (dir: string) =>
    `error: Helmfile platform: ${path.join(fs.realpathSync(dir), "bad.yaml")}:5:5: releases[0].bogusKey: unknown key "bogusKey" (not a field of helmfile's ReleaseSpec)`;

  test("a helmfile with an unknown key, through the Helmfile component: file:line:key, naming the component", async () => {
    const out = await previewFails("helmfile");
    expect(out).toContain(unknownKey(stack.dir));
  });

  test("the same, when the program exports a promise derived from the component's releases", async () => {
    const out = await previewFails("helmfile-export");
    expect(out).toContain(unknownKey(stack.dir));
    // Reported on the component itself.
    expect(out).toMatch(/pulumi-helmfile:index:Helmfile \(platform\):\n\s+error: Helmfile platform: /);
  });

  test("a HelmRelease with a missing local chart: the release id, not an internal property name", async () => {
    const out = await previewFails("release");
    expect(out).toContain(`error: release default/x: local chart './does-not-exist' not found (looked at ${path.join(fs.realpathSync(stack.dir), "does-not-exist")})`);
  });
});
