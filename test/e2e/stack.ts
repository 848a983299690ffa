/** A Pulumi stack of a fixture project for e2e tests: config, up/preview/refresh/destroy, state export. */
import * as fs from "node:fs";
import * as path from "node:path";
import { CliResult, projectCopy, pulumiEnv, runPulumi } from "../harness/pulumi-env";
import { tempDir } from "../harness/testbed";
import { repoRoot } from "../harness/tools";

export interface TestStack {
  dir: string;
  env: Record<string, string>;
  run(args: string[], stdin?: string): Promise<CliResult>;
  /** Run and fail with pulumi's output when the exit code is not 0. */
  ok(args: string[], stdin?: string): Promise<CliResult>;
  config(values: Record<string, string | number | boolean>): Promise<void>;
  secret(key: string, value: string): Promise<void>;
  outputs(): Promise<Record<string, unknown>>;
  exportState(): Promise<string>;
  /** Outputs of the resources of a type (e.g. "HelmRelease") in the stack's state. */
  resourceOutputs(typeSuffix: string): Promise<Record<string, unknown>[]>;
}

/** A stack of a test fixture project (test/fixtures/pulumi/<fixture>). */
export function fixtureStack(fixture: string, extraEnv: Record<string, string> = {}, o: StackOptions = {}): Promise<TestStack> {
  return projectStack(path.join(repoRoot, "test", "fixtures", "pulumi", fixture), extraEnv, o);
}

export interface StackOptions {
  /** The stack's name. @default "test" */
  stackName?: string;
}

/** A stack of an example project (examples/<name>), copied so the test can edit it. */
export function exampleStack(name: string, extraEnv: Record<string, string> = {}): Promise<TestStack> {
  return projectStack(path.join(repoRoot, "examples", name), extraEnv);
}

async function projectStack(source: string, extraEnv: Record<string, string>, o: StackOptions = {}): Promise<TestStack> {
  const base = tempDir(`stack-${path.basename(source)}`);
  const dir = projectCopy(source, path.join(base, "project"));
  const { env } = pulumiEnv(path.join(base, "pulumi"), extraEnv);
  const run = (args: string[], stdin?: string) => runPulumi(args, { cwd: dir, env, stdin, timeoutMs: 420_000 });
  const ok = async (args: string[], stdin?: string) => {
    const r = await run(args, stdin);
    if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
    return r;
  };
  await ok(["stack", "init", o.stackName ?? "test"]);
  return {
    dir,
    env,
    run,
    ok,
    async config(values) {
      for (const [k, v] of Object.entries(values)) await ok(["config", "set", k, String(v)]);
    },
    async secret(key, value) {
      // The value goes through stdin: never on pulumi's command line.
      await ok(["config", "set", "--secret", key], value);
    },
    async outputs() {
      return JSON.parse((await ok(["stack", "output", "--json", "--show-secrets"])).stdout) as Record<string, unknown>;
    },
    async exportState() {
      return (await ok(["stack", "export"])).stdout;
    },
    async resourceOutputs(typeSuffix) {
      const state = JSON.parse((await ok(["stack", "export", "--show-secrets"])).stdout) as {
        deployment: { resources?: { type: string; outputs?: Record<string, unknown> }[] };
      };
      return (state.deployment.resources ?? []).filter((r) => r.type.endsWith(typeSuffix)).map((r) => r.outputs ?? {});
    },
  };
}

/** Read a file if it exists. */
export function readIf(file: string): string {
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
}
