/**
 * A separate process that drives N HelmRelease resources through the Pulumi Automation API (inline program):
 * `pulumi up`, a no-change `pulumi preview`, `pulumi destroy`, each timed around the Automation API call.
 * `node dist/bench/pulumi-driver.js '<json DriverSpec>'` prints one JSON line (DriverResult) or {error}.
 * Run it with the environment of test/harness/pulumi-env.ts (pulumi on PATH, file backend, no network features).
 */
import * as fs from "node:fs";

/** What to deploy. */
export interface DriverSpec {
  workDir: string;
  n: number;
  prefix: string;
  chart: string;
  version: string;
  helmBinary: string;
  cacheDir: string;
  kubeconfigFile: string;
  kubeContext: string;
  /** Engine parallelism (`--parallel`). */
  parallel: number;
  /** When set: deploy this helmfile.yaml through the sdk's Helmfile component instead of N HelmRelease resources. */
  helmfileFile?: string;
}

/** Timings (ms) and the engine's change summaries. */
export interface DriverResult {
  upMs: number;
  previewMs: number;
  destroyMs: number;
  up: Record<string, number>;
  preview: Record<string, number>;
  destroy: Record<string, number>;
  hwmKiB: number;
  /** Epoch ms at the start and end of each operation (to attribute helm processes to phases). */
  marks: { up: [number, number]; preview: [number, number]; destroy: [number, number] };
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
  const { LocalWorkspace } = pulumi.automation;
  const sdk = require("../sdk") as typeof import("../sdk");
  /* eslint-enable @typescript-eslint/no-require-imports */
  const kubeconfig = fs.readFileSync(spec.kubeconfigFile, "utf8");
  const program = async () => {
    if (spec.helmfileFile) {
      const hf = new sdk.Helmfile("hf", { file: spec.helmfileFile, kubeconfig: pulumi.secret(kubeconfig), helmBinary: spec.helmBinary, cacheDir: spec.cacheDir });
      await hf.releases;
      return {};
    }
    for (let i = 0; i < spec.n; i++) {
      new sdk.HelmRelease(`${spec.prefix}-${i}`, {
        name: `${spec.prefix}-${i}`,
        namespace: "default",
        chart: spec.chart,
        version: spec.version,
        plainHttp: true,
        helmBinary: spec.helmBinary,
        cacheDir: spec.cacheDir,
        kubeconfig: pulumi.secret(kubeconfig),
        kubeContext: spec.kubeContext,
      });
    }
    return {};
  };
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: "bench", projectName: "phf-bench", program },
    { workDir: spec.workDir, projectSettings: { name: "phf-bench", runtime: "nodejs" } },
  );
  const t = () => performance.now();
  const marks = { up: [0, 0], preview: [0, 0], destroy: [0, 0] } as DriverResult["marks"];
  let t0 = t();
  marks.up[0] = Date.now();
  const up = await stack.up({ parallel: spec.parallel });
  marks.up[1] = Date.now();
  const upMs = t() - t0;
  t0 = t();
  marks.preview[0] = Date.now();
  const preview = await stack.preview({ parallel: spec.parallel });
  marks.preview[1] = Date.now();
  const previewMs = t() - t0;
  t0 = t();
  marks.destroy[0] = Date.now();
  const destroy = await stack.destroy({ parallel: spec.parallel });
  marks.destroy[1] = Date.now();
  const destroyMs = t() - t0;
  const result: DriverResult = {
    upMs,
    previewMs,
    destroyMs,
    up: (up.summary.resourceChanges ?? {}) as Record<string, number>,
    preview: preview.changeSummary as Record<string, number>,
    destroy: (destroy.summary.resourceChanges ?? {}) as Record<string, number>,
    hwmKiB: hwm(),
    marks,
  };
  process.stdout.write(JSON.stringify(result) + "\n");
}

if (require.main === module) {
  main().catch((e: Error) => {
    process.stdout.write(JSON.stringify({ error: String(e?.stack ?? e) }) + "\n");
    process.exit(1);
  });
}
