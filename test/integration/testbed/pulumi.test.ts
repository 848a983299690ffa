import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { automationWorkDir, pulumiEnv, runPulumi } from "../../harness/pulumi-env";
import { tempDir } from "../../harness/testbed";
import { repoRoot } from "../../harness/tools";

const fixture = path.join(repoRoot, "test", "fixtures", "pulumi", "trivial-dynamic");

/** A copy of a fixture project whose node_modules is the repository's. */
function projectCopy(src: string): string {
  const dir = tempDir("project");
  fs.cpSync(src, dir, { recursive: true });
  fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

describe("the Pulumi engine of the testbed", () => {
  test("pulumi CLI on a Pulumi.yaml project: up, preview without changes, destroy", async () => {
    const project = projectCopy(fixture);
    const { env } = pulumiEnv(tempDir("pulumi"));
    const o = { cwd: project, env };
    expect((await runPulumi(["stack", "init", "dev"], o)).code).toBe(0);
    const up = await runPulumi(["up", "--yes", "--skip-preview"], o);
    expect(up.stderr + up.stdout).toMatch(/greeting/);
    expect(up.code).toBe(0);
    const out = await runPulumi(["stack", "output", "text"], o);
    expect(out.stdout.trim()).toBe("hello, world");
    const preview = await runPulumi(["preview", "--expect-no-changes"], o);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toMatch(/2 unchanged/);
    const destroy = await runPulumi(["destroy", "--yes", "--skip-preview"], o);
    expect(destroy.code).toBe(0);
    expect(destroy.stdout).toMatch(/2 deleted/);
  });

  test("Automation API with an inline program: up, preview without changes, destroy", async () => {
    const { env } = pulumiEnv(tempDir("pulumi"));
    const workDir = automationWorkDir(tempDir("automation"));
    const result = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [path.join(repoRoot, "test", "fixtures", "pulumi", "automation.js"), workDir], { cwd: repoRoot, env, timeout: 240_000 }, (err, stdout, stderr) =>
        err && !stdout ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout),
      ),
    );
    const r = JSON.parse(result.trim().split("\n").pop() as string) as Record<string, Record<string, number> | string>;
    expect(r.error).toBeUndefined();
    expect(r.up).toEqual({ create: 2 });
    expect(r.text).toBe("hello, automation");
    expect(r.preview).toEqual({ same: 2 });
    expect(r.destroy).toEqual({ delete: 2 });
  });
});
