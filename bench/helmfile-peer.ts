/**
 * The helmfile peer: `helmfile sync` / `diff` / `apply` / `destroy` of N releases of the same OCI chart on the same
 * cluster and registry, with a helmfile.yaml written into the run's temp dir, every helm/helmfile home isolated, and
 * the helm-diff plugin (scripts/setup.sh helmdiff) as the only helm plugin.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { execTimed } from "./exec";
import { pullsDuring } from "./pull-count";
import { BENCH_REPO, BenchTestbed, CHART_VERSION, freshDir, helmProcessEnv } from "./testbed";

export interface HelmfileRun {
  ms: number;
  /** Manifest GETs at the registry during the run. */
  pulls: number;
  /** PID of the helmfile process (for memory sampling by the caller). */
  pid?: number;
}

/** A helmfile project: its directory, file, release names and environment. */
export interface HelmfileProject {
  dir: string;
  file: string;
  releases: string[];
  env: NodeJS.ProcessEnv;
}

/** The value the one-value change edits, in the first release: the chart's `greeting` (rendered into a ConfigMap). */
export const EDITED_VALUE = { key: "greeting", before: "hello", after: "hello-v2" };

/**
 * helmfile.yaml text: one release per name, all the same chart@version; the first release sets `greeting` to
 * EDITED_VALUE.before, or to EDITED_VALUE.after when `edited`.
 */
export function helmfileText(tb: BenchTestbed, names: string[], edited = false): string {
  // helm-diff v3.9.14 (the version the Go proxy serves) validates by passing `--validate` with `--dry-run=client` to
  // `helm template`, a combination helm v4 rejects; without validation it renders with `--dry-run=client` alone.
  const lines = ["helmDefaults:", "  disableValidation: true", "releases:"];
  names.forEach((n, i) => {
    lines.push(`  - name: ${n}`, "    namespace: default", `    chart: ${tb.chartRef}`, `    version: ${CHART_VERSION}`, "    plainHttp: true");
    if (i === 0) lines.push("    values:", `      - ${EDITED_VALUE.key}: ${edited ? EDITED_VALUE.after : EDITED_VALUE.before}`);
  });
  return lines.join("\n") + "\n";
}

/** Write helmfileText(names) into a fresh directory. */
export function writeHelmfile(tb: BenchTestbed, names: string[]): HelmfileProject {
  const dir = freshDir(tb, "helmfile");
  const file = path.join(dir, "helmfile.yaml");
  fs.writeFileSync(file, helmfileText(tb, names));
  const env = {
    ...helmProcessEnv(path.join(dir, "helm")),
    HELM_PLUGINS: tb.tools.helmDiffPlugins,
    XDG_CACHE_HOME: path.join(dir, "xdg-cache"),
    HELMFILE_UPGRADE_NOTICE_DISABLED: "true",
  };
  return { dir, file, releases: names, env };
}

function globalFlags(tb: BenchTestbed, p: HelmfileProject, helm: string): string[] {
  return ["--file", p.file, "--helm-binary", helm, "--kubeconfig", tb.cluster.kubeconfig, "--kube-context", tb.cluster.context, "--oci-plain-http", "--no-color", "--quiet"];
}

/** `helmfile <verb> --concurrency 0 --skip-deps …`: wall time and registry pulls. */
async function helmfileRun(tb: BenchTestbed, p: HelmfileProject, verb: string[], helm: string, onSpawn?: (pid: number) => void): Promise<HelmfileRun> {
  const args = [...globalFlags(tb, p, helm), ...verb, "--concurrency", "0", "--skip-deps"];
  const { pulls, value } = await pullsDuring(tb.registry, `${BENCH_REPO}/web`, () => execTimed(tb.tools.helmfile, args, { env: p.env, cwd: p.dir, onSpawn }));
  return { ms: value.ms, pulls, pid: value.pid };
}

/** `helmfile sync`: every release upgraded (or installed). */
export function helmfileSync(tb: BenchTestbed, p: HelmfileProject, helm = tb.tools.helm4, onSpawn?: (pid: number) => void): Promise<HelmfileRun> {
  return helmfileRun(tb, p, ["sync"], helm, onSpawn);
}

/** `helmfile diff` (helm-diff per release); exit code 0 with or without changes. */
export function helmfileDiff(tb: BenchTestbed, p: HelmfileProject, helm = tb.tools.helm4, onSpawn?: (pid: number) => void): Promise<HelmfileRun> {
  return helmfileRun(tb, p, ["diff"], helm, onSpawn);
}

/** `helmfile diff --diff-args --three-way-merge`: helm-diff compares with the live objects too (its drift view). */
export function helmfileDiffThreeWay(tb: BenchTestbed, p: HelmfileProject, helm = tb.tools.helm4): Promise<HelmfileRun> {
  return helmfileRun(tb, p, ["diff", "--diff-args", "--three-way-merge"], helm);
}

/** `helmfile apply`: helm-diff per release, then sync of the releases that changed. */
export function helmfileApply(tb: BenchTestbed, p: HelmfileProject, helm = tb.tools.helm4, onSpawn?: (pid: number) => void): Promise<HelmfileRun> {
  return helmfileRun(tb, p, ["apply"], helm, onSpawn);
}

/** `helmfile destroy`. */
export function helmfileDestroy(tb: BenchTestbed, p: HelmfileProject, helm = tb.tools.helm4, onSpawn?: (pid: number) => void): Promise<HelmfileRun> {
  return helmfileRun(tb, p, ["destroy"], helm, onSpawn);
}
