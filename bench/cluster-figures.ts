/**
 * Figures 3–5 on the cluster, run pair by pair in the same repetitions: the raw helm floor (N parallel
 * `helm upgrade --install` / `helm uninstall`), HelmRelease through Pulumi (up / no-change preview / destroy),
 * and helmfile sync / destroy. Every install and delete is checked against the cluster.
 */
import * as path from "node:path";
import { expectReleases, helmInstallAll, helmUninstallAll } from "./helm-floor";
import { helmfileDestroy, helmfileSync, writeHelmfile } from "./helmfile-peer";
import { describeTrace, helmTracer } from "./helm-trace";
import { helmReleaseAvailable, pulumiCycle, PulumiRun } from "./pulumi-release";
import { fmtCounts, fmtMs, fmtPairRatio, fmtRuns, median, pairRatios, fmtRatio } from "./stats";
import { BenchTestbed, freshDir } from "./testbed";
import { BenchRow, progress } from "./types";

interface Rep {
  floorUp: number;
  floorDown: number;
  hfSync: number;
  hfDestroy: number;
  hfPulls: number;
  pulumi?: PulumiRun;
  /** The same helmfile.yaml as helmfile's, through the sdk's Helmfile component. */
  component?: PulumiRun;
}

const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

async function floorPair(tb: BenchTestbed, n: number, tag: string): Promise<{ up: number; down: number }> {
  const rel = names(`f${tag}`, n);
  const up = await helmInstallAll(tb, rel);
  await expectReleases(tb, n, "helm upgrade --install");
  const down = await helmUninstallAll(tb, rel);
  await expectReleases(tb, 0, "helm uninstall");
  return { up, down };
}

async function helmfilePair(tb: BenchTestbed, n: number, tag: string): Promise<{ sync: number; destroy: number; pulls: number }> {
  const p = writeHelmfile(tb, names(`h${tag}`, n));
  const s = await helmfileSync(tb, p);
  await expectReleases(tb, n, "helmfile sync");
  const d = await helmfileDestroy(tb, p);
  await expectReleases(tb, 0, "helmfile destroy");
  return { sync: s.ms, destroy: d.ms, pulls: s.pulls };
}

async function pulumiRun(tb: BenchTestbed, n: number, tag: string, component = false): Promise<PulumiRun> {
  const file = component ? writeHelmfile(tb, names(`c${tag}`, n)).file : undefined;
  const r = await pulumiCycle(tb, n, `p${tag}`, { helmfileFile: file });
  const all = n + 1 + (component ? 1 : 0); // + the stack (+ the component)
  if (r.up.create !== all || r.preview.same !== all || r.destroy.delete !== all) {
    throw new Error(`pulumi: unexpected change summaries up=${JSON.stringify(r.up)} preview=${JSON.stringify(r.preview)} destroy=${JSON.stringify(r.destroy)}`);
  }
  await expectReleases(tb, 0, "pulumi destroy");
  return r;
}

async function oneRep(tb: BenchTestbed, n: number, i: number, withPulumi: boolean, withComponent: boolean): Promise<Rep> {
  const tag = `${n}-${i}`;
  const rep: Partial<Rep> = {};
  const steps: (() => Promise<void>)[] = [
    async () => {
      const f = await floorPair(tb, n, tag);
      rep.floorUp = f.up;
      rep.floorDown = f.down;
    },
    async () => {
      const h = await helmfilePair(tb, n, tag);
      rep.hfSync = h.sync;
      rep.hfDestroy = h.destroy;
      rep.hfPulls = h.pulls;
    },
  ];
  if (withPulumi) steps.push(async () => void (rep.pulumi = await pulumiRun(tb, n, tag)));
  if (withComponent) steps.push(async () => void (rep.component = await pulumiRun(tb, n, tag, true)));
  // Rotate the order per repetition so that no contender always runs first.
  for (let k = 0; k < steps.length; k++) await steps[(k + i) % steps.length]();
  const r = rep as Rep;
  progress(
    `  cluster N=${n} rep ${i + 1}: floor ${fmtMs(r.floorUp)}/${fmtMs(r.floorDown)}, helmfile ${fmtMs(r.hfSync)}/${fmtMs(r.hfDestroy)}` +
      (r.pulumi ? `, pulumi up ${fmtMs(r.pulumi.upMs)} preview ${fmtMs(r.pulumi.previewMs)} destroy ${fmtMs(r.pulumi.destroyMs)}` : "") +
      (r.component ? `, Helmfile component up ${fmtMs(r.component.upMs)} preview ${fmtMs(r.component.previewMs)} destroy ${fmtMs(r.component.destroyMs)}` : ""),
  );
  return r;
}

/** One extra traced cycle per contender: which helm processes ran, and when, inside each operation. */
async function traces(tb: BenchTestbed, n: number, withPulumi: boolean): Promise<{ pulumi?: Record<"up" | "preview" | "destroy", string>; helmfile: string }> {
  const hfTrace = helmTracer(path.join(freshDir(tb, "trace-hf"), "bin"), tb.tools.helm4);
  const p = writeHelmfile(tb, names(`th${n}`, n));
  const t0 = Date.now();
  const s = await helmfileSync(tb, p, hfTrace.binary);
  const helmfile = describeTrace(hfTrace.events(), t0, s.ms, n);
  await helmfileDestroy(tb, p);
  if (!withPulumi) return { helmfile };
  const pTrace = helmTracer(path.join(freshDir(tb, "trace-pulumi"), "bin"), tb.tools.helm4);
  const r = await pulumiCycle(tb, n, `tp${n}`, { helm: pTrace.binary });
  const ev = pTrace.events();
  const phase = (k: "up" | "preview" | "destroy") => {
    const [a, b] = r.marks[k];
    return describeTrace(ev.filter((e) => e.start >= a && e.end <= b), a, b - a, n);
  };
  return { helmfile, pulumi: { up: phase("up"), preview: phase("preview"), destroy: phase("destroy") } };
}

/** Run figures 3–5 for each N with `reps` repetitions. */
export async function benchCluster(tb: BenchTestbed, ns: number[], reps: number): Promise<BenchRow[]> {
  const avail = helmReleaseAvailable();
  const pending = `pending: HelmRelease not yet available (${avail.why})`;
  if (!avail.ok) progress(`figure 4 skipped: ${pending}`);
  const rows: BenchRow[] = [];
  // Warm-up (not measured): one install/uninstall, so the first timed run does not pay for cold API-server caches.
  await floorPair(tb, 1, "warmup");
  for (const n of ns) {
    progress(`figures 3-5: helm floor, helmfile${avail.ok ? ", pulumi" : ""} on the cluster, N=${n}, ${reps} reps`);
    const runs: Rep[] = [];
    const withComponent = avail.ok && avail.helmfileComponent;
    for (let i = 0; i < reps; i++) runs.push(await oneRep(tb, n, i, avail.ok, withComponent));
    progress(`  traced cycle N=${n}`);
    const tr = await traces(tb, n, avail.ok);
    const floorUp = runs.map((r) => r.floorUp);
    const floorDown = runs.map((r) => r.floorDown);
    const hfSync = runs.map((r) => r.hfSync);
    const hfDestroy = runs.map((r) => r.hfDestroy);
    const ratioVsFloor = (xs: number[], floor: number[]) => fmtRatio(median(pairRatios(xs, floor)));
    rows.push({
      figure: `cluster, N=${n}: raw helm floor, ${n} parallel \`helm upgrade --install\``,
      ours: "—",
      peer: fmtRuns(floorUp),
      ratio: "—",
      notes: "helm v4, chart archive already on disk, no --wait; the floor nobody driving helm can beat",
    });
    rows.push({
      figure: `cluster, N=${n}: raw helm floor, ${n} parallel \`helm uninstall\``,
      ours: "—",
      peer: fmtRuns(floorDown),
      ratio: "—",
      notes: "helm v4, no --wait",
    });
    const ours = (pick: (p: PulumiRun) => number) => (avail.ok ? fmtRuns(runs.map((r) => pick(r.pulumi as PulumiRun))) : pending);
    const ratio = (pick: (p: PulumiRun) => number, peer: number[]) => (avail.ok ? fmtPairRatio(runs.map((r) => pick(r.pulumi as PulumiRun)), peer) : "—");
    const pulls = avail.ok ? `; registry pulls per up: ${fmtCounts(runs.map((r) => r.pulumi?.pulls ?? NaN))}` : "";
    rows.push({
      figure: `cluster, N=${n}: \`pulumi up\` of ${n} HelmRelease (Automation API) vs raw helm floor`,
      ours: ours((p) => p.upMs),
      peer: fmtRuns(floorUp),
      ratio: ratio((p) => p.upMs, floorUp),
      notes: avail.ok ? `--parallel ${n} (the CLI default is 8), fresh stack, file backend, cold chart cache${pulls}. Where the time goes (one traced run): ${tr.pulumi?.up}` : undefined,
    });
    rows.push({
      figure: `cluster, N=${n}: \`pulumi up\` vs \`helmfile sync\``,
      ours: ours((p) => p.upMs),
      peer: `${fmtRuns(hfSync)}; ${fmtCounts(runs.map((r) => r.hfPulls))} pull(s)`,
      ratio: ratio((p) => p.upMs, hfSync),
      notes: `helmfile v1.8.0 sync --concurrency 0 --skip-deps (helm v4): helmfile/floor ${ratioVsFloor(hfSync, floorUp)}. Traced run: ${tr.helmfile}`,
    });
    rows.push({
      figure: `cluster, N=${n}: no-change \`pulumi preview\` vs raw helm floor install`,
      ours: ours((p) => p.previewMs),
      peer: fmtRuns(floorUp),
      ratio: ratio((p) => p.previewMs, floorUp),
      notes: avail.ok
        ? `nothing to change; helmfile's equivalent (\`helmfile diff\`) needs the helm-diff plugin, which is not available here: skipped. Where the time goes (one traced run): ${tr.pulumi?.preview}`
        : "helm-diff plugin not available: `helmfile diff`/`apply` skipped",
    });
    rows.push({
      figure: `cluster, N=${n}: \`pulumi destroy\` vs raw helm floor uninstall`,
      ours: ours((p) => p.destroyMs),
      peer: fmtRuns(floorDown),
      ratio: ratio((p) => p.destroyMs, floorDown),
      notes: avail.ok ? `Where the time goes (one traced run): ${tr.pulumi?.destroy}` : undefined,
    });
    rows.push({
      figure: `cluster, N=${n}: \`pulumi destroy\` vs \`helmfile destroy\``,
      ours: ours((p) => p.destroyMs),
      peer: fmtRuns(hfDestroy),
      ratio: ratio((p) => p.destroyMs, hfDestroy),
      notes: `helmfile destroy --concurrency 0: helmfile/floor ${ratioVsFloor(hfDestroy, floorDown)}`,
    });
    if (withComponent) {
      const comp = (pick: (p: PulumiRun) => number) => runs.map((r) => pick(r.component as PulumiRun));
      rows.push({
        figure: `cluster, N=${n}: sdk \`Helmfile\` component, \`pulumi up\` of the same helmfile.yaml vs \`helmfile sync\``,
        ours: `${fmtRuns(comp((p) => p.upMs))}; ${fmtCounts(comp((p) => p.pulls))} pull(s)`,
        peer: fmtRuns(hfSync),
        ratio: fmtPairRatio(comp((p) => p.upMs), hfSync),
        notes: `the helmfile.yaml helmfile syncs (N releases of oci://…/web, plainHttp), loaded by the sdk's loader: one HelmRelease per release, so the per-release helm work is the HelmRelease rows'; vs floor ${ratioVsFloor(comp((p) => p.upMs), floorUp)}`,
      });
      rows.push({
        figure: `cluster, N=${n}: sdk \`Helmfile\` component, no-change \`pulumi preview\` vs raw helm floor install`,
        ours: fmtRuns(comp((p) => p.previewMs)),
        peer: fmtRuns(floorUp),
        ratio: fmtPairRatio(comp((p) => p.previewMs), floorUp),
        notes: "loads and resolves the helmfile.yaml in the program, renders from the render cache; no helmfile equivalent without helm-diff",
      });
      rows.push({
        figure: `cluster, N=${n}: sdk \`Helmfile\` component, \`pulumi destroy\` vs \`helmfile destroy\``,
        ours: fmtRuns(comp((p) => p.destroyMs)),
        peer: fmtRuns(hfDestroy),
        ratio: fmtPairRatio(comp((p) => p.destroyMs), hfDestroy),
      });
    } else {
      rows.push({
        figure: `cluster, N=${n}: sdk \`Helmfile\` component (a helmfile.yaml as Pulumi resources) vs \`helmfile sync\``,
        ours: "pending: the sdk has no Helmfile component yet",
        peer: fmtRuns(hfSync),
        ratio: "—",
        notes: "not measured: nothing to measure yet",
      });
    }
  }
  return rows;
}
