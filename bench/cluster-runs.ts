/**
 * One repetition of each contender on the cluster, with everything it did counted where the world sees it:
 * - floor: N parallel `helm upgrade --install`, N parallel `helm upgrade --dry-run=client` (the per-release work of a
 *   diff), one `helm upgrade` of one changed value, N parallel `helm uninstall`;
 * - helmfile (with the helm-diff plugin): `helmfile sync`, a no-change `helmfile diff`, `helmfile apply` of the same
 *   file with one value changed, `helmfile destroy`;
 * - ours: the same helmfile.yaml through the sdk's Helmfile component: `pulumi up`, a no-change `pulumi preview`,
 *   the one-value change as `pulumi preview --diff` + `pulumi up`, `pulumi destroy`.
 * helmfile's and our helm processes run through a logging wrapper (bench/helm-trace.ts) and every operation's API
 * requests (audit log) and registry requests (access log) are counted. Every install, change and delete is checked.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { AuditedRequest, auditOffset, clientRequestsSince, requestsWithin } from "./api-requests";
import { execTimed } from "./exec";
import { expectReleases, helmDryRunAll, helmInstallAll, helmUninstallAll, helmUpgradeOne, kubeFlags } from "./helm-floor";
import { EDITED_VALUE, HelmfileProject, helmfileApply, helmfileDestroy, helmfileDiff, helmfileSync, helmfileText, writeHelmfile } from "./helmfile-peer";
import { HelmTrace, helmTracer } from "./helm-trace";
import { TreeMemory, watchClasses } from "./memory";
import { registryRequestsDuring } from "./pull-count";
import { pulumiSteps } from "./pulumi-stack";
import { BenchTestbed, freshDir, helmProcessEnv } from "./testbed";

/** What one operation did: wall time, helm processes, helm's API requests, registry requests. */
export interface OpCount {
  ms: number;
  helm: { start: number; end: number; cmd: string }[];
  apiRequests: number;
  registryRequests: number;
  /** The operation's time window (epoch ms), for the trace description. */
  window: [number, number];
}

export interface FloorRep {
  up: number;
  dryRun: number;
  upgradeOne: number;
  down: number;
  /** API requests by helm, helm-diff and helmfile (audit log) per operation. */
  api: { up: number; dryRun: number; upgradeOne: number; down: number };
}

export interface HelmfileRep {
  sync: OpCount;
  /** `helmfile diff` with nothing to change. */
  diff: OpCount;
  /** `helmfile apply` after one value changed. */
  apply: OpCount;
  destroy: OpCount;
  pulls: number;
  memory?: TreeMemory;
}

export interface OursRep {
  up: OpCount;
  preview: OpCount;
  previewDiff: OpCount;
  upEdited: OpCount;
  /** Registry requests of the one-value change (preview --diff and up ran in one driver process). */
  changeRegistryRequests: number;
  destroy: OpCount;
  pulls: number;
  memory?: TreeMemory;
  /**
   * The program process's peak RSS (KiB) in each sampled driver run: the cold `up` (one program run) and the
   * one-value change (`preview --diff` + `up`: two program runs in one Automation API process).
   */
  programPeakKiB?: { up: number; change: number };
}

/** The engine's own fixed cost: the same four operations on a stack of one trivial dynamic resource (ms). */
export interface TrivialRep {
  up: number;
  preview: number;
  /** preview --diff + up of a changed input. */
  change: number;
  destroy: number;
}

export const releaseNames = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

/** Throw unless release `name` has `greeting` = `want` (helm get values). */
async function expectGreeting(tb: BenchTestbed, name: string, want: string, after: string): Promise<void> {
  const env = helmProcessEnv(path.join(freshDir(tb, "values"), "helm"));
  const r = await execTimed(tb.tools.helm4, ["get", "values", name, "--namespace", "default", "-o", "json", ...kubeFlags(tb)], { env });
  const got = (JSON.parse(r.stdout || "{}") as Record<string, unknown>)[EDITED_VALUE.key];
  if (got !== want) throw new Error(`after ${after}: release ${name} has ${EDITED_VALUE.key}=${JSON.stringify(got)}, expected ${want}`);
}

/** Throw unless every release in `names` is at revision `want` (nothing was upgraded behind the figure's back). */
async function expectRevisions(tb: BenchTestbed, names: string[], want: number, after: string): Promise<void> {
  const env = helmProcessEnv(path.join(freshDir(tb, "list"), "helm"));
  const r = await execTimed(tb.tools.helm4, ["list", "--namespace", "default", "-o", "json", ...kubeFlags(tb)], { env });
  const revisions = new Map((JSON.parse(r.stdout) as { name: string; revision: string }[]).map((x) => [x.name, Number(x.revision)]));
  const wrong = names.filter((n) => revisions.get(n) !== want);
  if (wrong.length) throw new Error(`after ${after}: ${wrong.length} release(s) not at revision ${want}, e.g. ${wrong[0]} at ${revisions.get(wrong[0])}`);
}

export async function floorRep(tb: BenchTestbed, n: number, tag: string): Promise<FloorRep> {
  const audit = tb.cluster.auditLog as string;
  const rel = releaseNames(`f${tag}`, n);
  const api = async (fn: () => Promise<number>): Promise<[number, number]> => {
    const from = auditOffset(audit);
    const ms = await fn();
    return [ms, clientRequestsSince(audit, from).length];
  };
  const [up, upApi] = await api(() => helmInstallAll(tb, rel));
  await expectReleases(tb, n, "helm upgrade --install");
  const [dryRun, dryRunApi] = await api(() => helmDryRunAll(tb, rel));
  const [upgradeOne, upgradeOneApi] = await api(() => helmUpgradeOne(tb, rel[0], `${EDITED_VALUE.key}=${EDITED_VALUE.after}`));
  await expectGreeting(tb, rel[0], EDITED_VALUE.after, "helm upgrade of one value");
  const [down, downApi] = await api(() => helmUninstallAll(tb, rel));
  await expectReleases(tb, 0, "helm uninstall");
  return { up, dryRun, upgradeOne, down, api: { up: upApi, dryRun: dryRunApi, upgradeOne: upgradeOneApi, down: downApi } };
}

/** Per class and for the tree, the larger of two samples' peaks. */
function maxMemory(a: TreeMemory | undefined, b: TreeMemory): TreeMemory {
  if (!a) return b;
  const classes = { ...a.classes };
  for (const [k, v] of Object.entries(b.classes)) {
    const o = classes[k];
    classes[k] = o ? { maxProcessKiB: Math.max(o.maxProcessKiB, v.maxProcessKiB), peakSumKiB: Math.max(o.peakSumKiB, v.peakSumKiB), processes: o.processes + v.processes } : v;
  }
  return { classes, treePeakKiB: Math.max(a.treePeakKiB, b.treePeakKiB) };
}

/** Counts of one operation from the trace, the audit log and the registry log. */
function counted(trace: HelmTrace, api: AuditedRequest[], window: [number, number], registryRequests: number, ms = window[1] - window[0]): OpCount {
  const helm = trace.events().filter((e) => e.start >= window[0] && e.end <= window[1]);
  return { ms, helm, apiRequests: requestsWithin(api, window), registryRequests, window };
}

/** Memory classes of a helmfile run: helmfile itself, and its helm children (with helm-diff's binary, `diff`). */
function helmfileClass(root: number, pid: number, argv: string[]): string | undefined {
  if (pid === root) return "helmfile";
  const exe = path.basename(argv[0]);
  return exe.startsWith("helm") || exe === "diff" ? "helm" : undefined;
}

export async function helmfileRep(tb: BenchTestbed, n: number, tag: string, sampleMemory: boolean): Promise<HelmfileRep> {
  const audit = tb.cluster.auditLog as string;
  const trace = helmTracer(path.join(freshDir(tb, "trace-hf"), "bin"), tb.tools.helm4);
  const p = writeHelmfile(tb, releaseNames(`h${tag}`, n));
  let pulls = 0;
  let memory: HelmfileRep["memory"];
  const op = async (run: () => Promise<{ ms: number; pulls: number }>): Promise<OpCount> => {
    const from = auditOffset(audit);
    const start = Date.now();
    const r = await registryRequestsDuring(tb.registry, run);
    const end = Date.now();
    pulls += r.value.pulls;
    return counted(trace, clientRequestsSince(audit, from), [start, end], r.requests, r.value.ms);
  };
  const sampled = (fn: (onSpawn?: (pid: number) => void) => Promise<{ ms: number; pulls: number }>) => async () => {
    if (!sampleMemory) return fn();
    let w: ReturnType<typeof watchClasses> | undefined;
    try {
      return await fn((pid) => (w = watchClasses(pid, helmfileClass)));
    } finally {
      // Also when the run fails: a sampler left running keeps the benchmark process alive.
      const m = w?.stop();
      if (m) memory = maxMemory(memory, m);
    }
  };
  const sync = await op(sampled((onSpawn) => helmfileSync(tb, p, trace.binary, onSpawn)));
  await expectReleases(tb, n, "helmfile sync");
  const diff = await op(() => helmfileDiff(tb, p, trace.binary));
  await expectRevisions(tb, p.releases, 1, "helmfile diff");
  fs.writeFileSync(p.file, helmfileText(tb, p.releases, true));
  const apply = await op(sampled((onSpawn) => helmfileApply(tb, p, trace.binary, onSpawn)));
  await expectGreeting(tb, p.releases[0], EDITED_VALUE.after, "helmfile apply of the edited helmfile.yaml");
  await expectRevisions(tb, p.releases.slice(1), 1, "helmfile apply (unchanged releases)");
  const destroy = await op(() => helmfileDestroy(tb, p, trace.binary));
  await expectReleases(tb, 0, "helmfile destroy");
  return { sync, diff, apply, destroy, pulls, memory };
}

/** Memory classes of our run: the driver (Automation API + inline program), the engine, the dynamic provider, helm. */
function oursClass(root: number, pid: number, argv: string[]): string | undefined {
  if (pid === root) return "program";
  const exe = path.basename(argv[0]);
  if (exe === "pulumi") return "engine";
  // node <…>/@pulumi/pulumi/cmd/dynamic-provider/index.js (not the `node -e require.resolve(…)` the plugin script runs first)
  if (argv[1]?.includes("dynamic-provider")) return "provider";
  if (exe.startsWith("helm")) return "helm";
  return undefined;
}

function check(what: string, got: Record<string, number>, want: Record<string, number>): void {
  const clean = Object.fromEntries(Object.entries(got).filter(([, v]) => v));
  if (JSON.stringify(Object.entries(clean).sort()) !== JSON.stringify(Object.entries(want).sort())) {
    throw new Error(`${what}: the engine reported ${JSON.stringify(clean)}, expected ${JSON.stringify(want)}`);
  }
}

export async function oursRep(tb: BenchTestbed, n: number, tag: string, sampleMemory: boolean): Promise<OursRep> {
  const audit = tb.cluster.auditLog as string;
  const trace = helmTracer(path.join(freshDir(tb, "trace-ours"), "bin"), tb.tools.helm4);
  const p: HelmfileProject = writeHelmfile(tb, releaseNames(`p${tag}`, n));
  const all = n + 2; // the releases + the stack + the Helmfile component
  let memory: OursRep["memory"];
  const programPeaks: number[] = [];
  const from = auditOffset(audit);
  let onSpawn: ((pid: number) => void) | undefined;
  let w: ReturnType<typeof watchClasses> | undefined;
  if (sampleMemory) onSpawn = (pid) => (w = watchClasses(pid, oursClass));
  // Stopped also when the driver fails: a sampler left running keeps the benchmark process alive.
  const sampled = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } finally {
      const m = w?.stop();
      w = undefined;
      if (m) memory = maxMemory(memory, m);
      if (m) programPeaks.push(m.classes.program?.maxProcessKiB ?? 0);
    }
  };
  // Each driver run is its own process so that registry requests can be told apart; only the operations are timed.
  const r1 = await sampled(() => registryRequestsDuring(tb.registry, () => pulumiSteps(tb, p, [{ op: "up" }], { helm: trace.binary, onSpawn })));
  await expectReleases(tb, n, "pulumi up");
  const r2 = await registryRequestsDuring(tb.registry, () => pulumiSteps(tb, p, [{ op: "preview" }], { helm: trace.binary, reuse: r1.value }));
  const edited = helmfileText(tb, p.releases, true);
  const r3 = await sampled(() =>
    registryRequestsDuring(tb.registry, () =>
      pulumiSteps(tb, p, [{ op: "write", file: p.file, content: edited }, { op: "preview", diff: true }, { op: "up" }], { helm: trace.binary, reuse: r1.value, onSpawn }),
    ),
  );
  await expectGreeting(tb, p.releases[0], EDITED_VALUE.after, "pulumi up of the edited helmfile.yaml");
  const r4 = await registryRequestsDuring(tb.registry, () => pulumiSteps(tb, p, [{ op: "destroy" }], { helm: trace.binary, reuse: r1.value }));
  await expectReleases(tb, 0, "pulumi destroy");
  const [up, preview, previewDiff, upEdited, destroy] = [r1.value.ops[0], r2.value.ops[0], r3.value.ops[0], r3.value.ops[1], r4.value.ops[0]];
  check("pulumi up", up.changes, { create: all });
  check("no-change pulumi preview", preview.changes, { same: all });
  check("pulumi preview --diff after one value changed", previewDiff.changes, { same: all - 1, update: 1 });
  check("pulumi up after one value changed", upEdited.changes, { same: all - 1, update: 1 });
  check("pulumi destroy", destroy.changes, { delete: all });
  if (!previewDiff.diffOutput?.includes(EDITED_VALUE.after)) throw new Error(`pulumi preview --diff does not show the changed value: ${previewDiff.diffOutput?.slice(0, 2000)}`);
  const api = clientRequestsSince(audit, from);
  return {
    up: counted(trace, api, up.mark, r1.requests, up.ms),
    preview: counted(trace, api, preview.mark, r2.requests, preview.ms),
    previewDiff: counted(trace, api, previewDiff.mark, NaN, previewDiff.ms),
    upEdited: counted(trace, api, upEdited.mark, NaN, upEdited.ms),
    changeRegistryRequests: r3.requests,
    destroy: counted(trace, api, destroy.mark, r4.requests, destroy.ms),
    pulls: r1.value.pulls + r2.value.pulls + r3.value.pulls + r4.value.pulls,
    memory,
    programPeakKiB: programPeaks.length === 2 ? { up: programPeaks[0], change: programPeaks[1] } : undefined,
  };
}

/** Ours with the dynamic provider started only at the first release's registration (ms). */
export interface LateProviderRep {
  up: number;
  preview: number;
}

/**
 * The same stack as oursRep with PULUMI_HELMFILE_DISABLE_EARLY_PROVIDER_START=true (sdk/provider-start.ts): cold up
 * and a no-change preview, to set against ours (which starts the provider while the program renders).
 */
export async function lateProviderRep(tb: BenchTestbed, n: number, tag: string): Promise<LateProviderRep> {
  const p: HelmfileProject = writeHelmfile(tb, releaseNames(`l${tag}`, n));
  const env = { PULUMI_HELMFILE_DISABLE_EARLY_PROVIDER_START: "true" };
  const r1 = await pulumiSteps(tb, p, [{ op: "up" }, { op: "preview" }], { env });
  await expectReleases(tb, n, "pulumi up (provider started late)");
  await pulumiSteps(tb, p, [{ op: "destroy" }], { env, reuse: r1 });
  await expectReleases(tb, 0, "pulumi destroy (provider started late)");
  check("pulumi up (provider started late)", r1.ops[0].changes, { create: n + 2 });
  check("no-change pulumi preview (provider started late)", r1.ops[1].changes, { same: n + 2 });
  return { up: r1.ops[0].ms, preview: r1.ops[1].ms };
}

/**
 * The engine's fixed cost: a stack of one dynamic resource whose provider does nothing (bench/pulumi-driver.ts
 * "trivial"), through the same driver and steps as ours: up, no-change preview, preview --diff + up of one changed
 * input, destroy. What ours costs beyond this is ours.
 */
export async function trivialRep(tb: BenchTestbed, tag: string): Promise<TrivialRep> {
  const p: HelmfileProject = writeHelmfile(tb, releaseNames(`t${tag}`, 1));
  const o = { program: "trivial" as const };
  const r1 = await pulumiSteps(tb, p, [{ op: "up" }], o);
  const r2 = await pulumiSteps(tb, p, [{ op: "preview" }], { ...o, reuse: r1 });
  const edited = helmfileText(tb, p.releases, true);
  const r3 = await pulumiSteps(tb, p, [{ op: "write", file: p.file, content: edited }, { op: "preview", diff: true }, { op: "up" }], { ...o, reuse: r1 });
  const r4 = await pulumiSteps(tb, p, [{ op: "destroy" }], { ...o, reuse: r1 });
  check("trivial pulumi up", r1.ops[0].changes, { create: 2 });
  check("trivial pulumi preview", r2.ops[0].changes, { same: 2 });
  check("trivial pulumi preview --diff", r3.ops[0].changes, { same: 1, update: 1 });
  check("trivial pulumi up of the change", r3.ops[1].changes, { same: 1, update: 1 });
  check("trivial pulumi destroy", r4.ops[0].changes, { delete: 2 });
  return { up: r1.ops[0].ms, preview: r2.ops[0].ms, change: r3.ops[0].ms + r3.ops[1].ms, destroy: r4.ops[0].ms };
}
