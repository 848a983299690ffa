/**
 * Figure 3 — the raw helm floor: N parallel `helm upgrade --install` of the already-pulled chart archive into the
 * testbed cluster, then N parallel `helm uninstall`. Nothing that drives helm can be faster than this.
 */
import * as path from "node:path";
import { execTimed, timed } from "./exec";
import { BenchTestbed, freshDir, helmProcessEnv } from "./testbed";

/** kubeconfig and context flags for the testbed cluster. */
export function kubeFlags(tb: BenchTestbed): string[] {
  return ["--kubeconfig", tb.cluster.kubeconfig, "--kube-context", tb.cluster.context];
}

/** Install `names` in parallel (namespace default); returns wall time in ms. */
export async function helmInstallAll(tb: BenchTestbed, names: string[], helm = tb.tools.helm4): Promise<number> {
  const env = helmProcessEnv(path.join(freshDir(tb, "floor"), "helm"));
  const r = await timed(() =>
    Promise.all(names.map((n) => execTimed(helm, ["upgrade", "--install", n, tb.chartTgz, "--namespace", "default", ...kubeFlags(tb)], { env }))),
  );
  return r.ms;
}

/**
 * The floor of a diff: `helm upgrade --dry-run=client` of every release in parallel — each reads the deployed release
 * and renders the chart, the work helm-diff does per release, without computing a diff. Returns wall time in ms.
 */
export async function helmDryRunAll(tb: BenchTestbed, names: string[], helm = tb.tools.helm4): Promise<number> {
  const env = helmProcessEnv(path.join(freshDir(tb, "floor"), "helm"));
  const r = await timed(() =>
    Promise.all(names.map((n) => execTimed(helm, ["upgrade", n, tb.chartTgz, "--dry-run=client", "--namespace", "default", ...kubeFlags(tb)], { env }))),
  );
  return r.ms;
}

/** The floor of a one-value change: one `helm upgrade` of `name` with `--set key=value`. Returns wall time in ms. */
export async function helmUpgradeOne(tb: BenchTestbed, name: string, set: string, helm = tb.tools.helm4): Promise<number> {
  const env = helmProcessEnv(path.join(freshDir(tb, "floor"), "helm"));
  const r = await execTimed(helm, ["upgrade", name, tb.chartTgz, "--set", set, "--namespace", "default", ...kubeFlags(tb)], { env });
  return r.ms;
}

/** Uninstall `names` in parallel; returns wall time in ms. */
export async function helmUninstallAll(tb: BenchTestbed, names: string[], helm = tb.tools.helm4): Promise<number> {
  const env = helmProcessEnv(path.join(freshDir(tb, "floor"), "helm"));
  const r = await timed(() => Promise.all(names.map((n) => execTimed(helm, ["uninstall", n, "--namespace", "default", ...kubeFlags(tb)], { env }))));
  return r.ms;
}

/** Number of helm releases in namespace default (to check that an install or a delete really happened). */
export async function releaseCount(tb: BenchTestbed): Promise<number> {
  const env = helmProcessEnv(path.join(freshDir(tb, "list"), "helm"));
  const r = await execTimed(tb.tools.helm4, ["list", "--namespace", "default", "--short", ...kubeFlags(tb)], { env });
  return r.stdout.split("\n").filter((l) => l.trim()).length;
}

/** Throw unless namespace default holds exactly `n` releases. */
export async function expectReleases(tb: BenchTestbed, n: number, after: string): Promise<void> {
  const c = await releaseCount(tb);
  if (c !== n) throw new Error(`after ${after}: expected ${n} releases in the cluster, found ${c}`);
}
