/**
 * A separate process that drives a helmfile.yaml through the sdk's `Helmfile` component with the Pulumi Automation
 * API (inline program, so this process is also the program's process): a list of steps (`up`, `preview`, `destroy`,
 * or a file edit between them), each operation timed around its Automation API call.
 * `node dist/bench/pulumi-driver.js '<json DriverSpec>'` prints one JSON line (DriverResult) or {error}.
 * Run it with the environment of test/harness/pulumi-env.ts (pulumi on PATH, file backend, no network features).
 */
import * as fs from "node:fs";

/** One step: an engine operation, or rewriting a file the program reads (the helmfile.yaml) before the next one. */
export type DriverStep = { op: "up" | "preview" | "refresh" | "destroy"; diff?: boolean } | { op: "write"; file: string; content: string };

/** What to deploy and what to do with it. */
export interface DriverSpec {
  /**
   * "helmfile": the helmfile.yaml through the sdk's Helmfile component; "trivial": one dynamic resource whose
   * provider does nothing (the engine's, the program's and the dynamic-provider host's own fixed cost).
   * @default "helmfile"
   */
  program?: "helmfile" | "trivial";
  workDir: string;
  /** The helmfile.yaml the program loads with the sdk's Helmfile component (read again on every operation). */
  helmfileFile: string;
  helmBinary: string;
  cacheDir: string;
  kubeconfigFile: string;
  /** Engine parallelism (`--parallel`). */
  parallel: number;
  steps: DriverStep[];
  /** A file holding the releases' drift detection mode ("enabled", "warn", "disabled"), read on every operation. */
  driftModeFile?: string;
}

/** One timed engine operation. */
export interface DriverOp {
  op: "up" | "preview" | "refresh" | "destroy";
  ms: number;
  /** The engine's change summary (e.g. {create: 11} or {same: 10, update: 1}). */
  changes: Record<string, number>;
  /** Epoch ms at the start and end (to attribute helm processes and API requests to the operation). */
  mark: [number, number];
  /** The engine's output for `diff` steps (the per-object diff), at most 20,000 characters. */
  diffOutput?: string;
}

export interface DriverResult {
  ops: DriverOp[];
  /** Peak RSS of this process (the Automation API host and the inline program), KiB. */
  hwmKiB: number;
}

function hwm(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync("/proc/self/status", "utf8"));
  return m ? Number(m[1]) : 0;
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2]) as DriverSpec;
  // Loaded here (not at the top) so that importing this module for its types costs nothing.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
  const sdk = require("../sdk") as typeof import("../sdk");
  /* eslint-enable @typescript-eslint/no-require-imports */
  const kubeconfig = fs.readFileSync(spec.kubeconfigFile, "utf8");
  const helmfileProgram = async () => {
    const mode = spec.driftModeFile ? (fs.readFileSync(spec.driftModeFile, "utf8").trim() as "enabled" | "warn" | "disabled") : undefined;
    const hf = new sdk.Helmfile("hf", { file: spec.helmfileFile, kubeconfig: pulumi.secret(kubeconfig), helmBinary: spec.helmBinary, cacheDir: spec.cacheDir, ...(mode ? { driftDetection: { mode } } : {}) });
    await hf.releases;
    return {};
  };
  const noop: import("@pulumi/pulumi").dynamic.ResourceProvider = {
    async create(inputs: Record<string, unknown>) {
      return { id: "trivial", outs: inputs };
    },
    async diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
      return { changes: olds.value !== news.value };
    },
    async delete() {},
  };
  class Trivial extends pulumi.dynamic.Resource {}
  // Its one input is the helmfile.yaml's length, so that the same file edit updates it.
  const trivialProgram = async () => {
    new Trivial(noop, "trivial", { value: String(fs.readFileSync(spec.helmfileFile).length) }, {});
    return {};
  };
  const program = spec.program === "trivial" ? trivialProgram : helmfileProgram;
  const stack = await pulumi.automation.LocalWorkspace.createOrSelectStack(
    { stackName: "bench", projectName: "phf-bench", program },
    { workDir: spec.workDir, projectSettings: { name: "phf-bench", runtime: "nodejs" } },
  );
  const ops: DriverOp[] = [];
  for (const step of spec.steps) {
    if (step.op === "write") {
      fs.writeFileSync(step.file, step.content);
      continue;
    }
    const t0 = performance.now();
    const start = Date.now();
    let changes: Record<string, number>;
    let output: string;
    if (step.op === "up") {
      const r = await stack.up({ parallel: spec.parallel, diff: step.diff });
      changes = (r.summary.resourceChanges ?? {}) as Record<string, number>;
      output = r.stdout;
    } else if (step.op === "preview") {
      const r = await stack.preview({ parallel: spec.parallel, diff: step.diff });
      changes = r.changeSummary as Record<string, number>;
      output = r.stdout;
    } else if (step.op === "refresh") {
      const r = await stack.refresh({ parallel: spec.parallel });
      changes = (r.summary.resourceChanges ?? {}) as Record<string, number>;
      output = r.stdout;
    } else {
      const r = await stack.destroy({ parallel: spec.parallel });
      changes = (r.summary.resourceChanges ?? {}) as Record<string, number>;
      output = r.stdout;
    }
    ops.push({ op: step.op, ms: performance.now() - t0, changes, mark: [start, Date.now()], diffOutput: step.diff ? output.slice(0, 20_000) : undefined });
  }
  const result: DriverResult = { ops, hwmKiB: hwm() };
  process.stdout.write(JSON.stringify(result) + "\n");
}

if (require.main === module) {
  main().catch((e: Error) => {
    process.stdout.write(JSON.stringify({ error: String(e?.stack ?? e) }) + "\n");
    process.exit(1);
  });
}
