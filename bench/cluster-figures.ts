/**
 * Figures 2–6 on the cluster, contender by contender within each repetition (order rotated per repetition): the raw
 * helm floor, helmfile, and ours (the same helmfile.yaml through the sdk's Helmfile component). See
 * bench/cluster-runs.ts for what each repetition runs and checks; this module turns the repetitions into rows.
 */
import { describeTrace } from "./helm-trace";
import { FloorRep, floorRep, HelmfileRep, helmfileRep, LateProviderRep, lateProviderRep, OpCount, OursRep, oursRep, TrivialRep, trivialRep } from "./cluster-runs";
import { clusterMemoryRows } from "./cluster-memory";
import { fmtMs, fmtPairRatio, fmtRatio, fmtRuns, median, pairRatios } from "./stats";
import { BenchTestbed } from "./testbed";
import { BenchRow, progress } from "./types";

interface Rep {
  floor: FloorRep;
  helmfile: HelmfileRep;
  ours: OursRep;
  trivial: TrivialRep;
  late: LateProviderRep;
}

/** "3 helm processes (0.3 per release), 12 API requests (1.2 per release), 0 registry requests" */
function counts(c: Pick<OpCount, "helm" | "apiRequests" | "registryRequests">, n: number): string {
  const per = (x: number) => (n > 1 ? ` (${(x / n).toFixed(1)} per release)` : "");
  const reg = Number.isNaN(c.registryRequests) ? "" : `, ${c.registryRequests} registry requests`;
  return `${c.helm.length} helm processes${per(c.helm.length)}, ${c.apiRequests} API requests${per(c.apiRequests)}${reg}`;
}

const trace = (c: OpCount, n: number) => describeTrace(c.helm, c.window[0], c.ms, n);

/** The one-value change as one operation: preview --diff and up together. */
function change(o: OursRep): OpCount {
  return {
    ms: o.previewDiff.ms + o.upEdited.ms,
    helm: [...o.previewDiff.helm, ...o.upEdited.helm],
    apiRequests: o.previewDiff.apiRequests + o.upEdited.apiRequests,
    registryRequests: o.changeRegistryRequests,
    window: [o.previewDiff.window[0], o.upEdited.window[1]],
  };
}

async function oneRep(tb: BenchTestbed, n: number, i: number, sampleMemory: boolean): Promise<Rep> {
  const tag = `${n}-${i}`;
  const rep: Partial<Rep> = {};
  const steps = [
    async () => void (rep.floor = await floorRep(tb, n, tag)),
    async () => void (rep.helmfile = await helmfileRep(tb, n, tag, sampleMemory)),
    async () => void (rep.ours = await oursRep(tb, n, tag, sampleMemory)),
    async () => void (rep.trivial = await trivialRep(tb, tag)),
    async () => void (rep.late = await lateProviderRep(tb, n, tag)),
  ];
  for (let k = 0; k < steps.length; k++) await steps[(k + i) % steps.length]();
  const { floor, helmfile, ours, trivial, late } = rep as Rep;
  progress(
    `  cluster N=${n} rep ${i + 1}: floor ${fmtMs(floor.up)}/${fmtMs(floor.dryRun)}/${fmtMs(floor.upgradeOne)}/${fmtMs(floor.down)}, ` +
      `helmfile sync ${fmtMs(helmfile.sync.ms)} diff ${fmtMs(helmfile.diff.ms)} apply ${fmtMs(helmfile.apply.ms)} destroy ${fmtMs(helmfile.destroy.ms)}, ` +
      `pulumi up ${fmtMs(ours.up.ms)} preview ${fmtMs(ours.preview.ms)} change ${fmtMs(change(ours).ms)} destroy ${fmtMs(ours.destroy.ms)}, ` +
      `trivial stack ${fmtMs(trivial.up)}/${fmtMs(trivial.preview)}/${fmtMs(trivial.change)}/${fmtMs(trivial.destroy)}, ` +
      `provider started late: up ${fmtMs(late.up)} preview ${fmtMs(late.preview)}`,
  );
  return rep as Rep;
}

function rowsFor(n: number, runs: Rep[]): BenchRow[] {
  const pick = <T>(f: (r: Rep) => T) => runs.map(f);
  const floorUp = pick((r) => r.floor.up);
  const floorDry = pick((r) => r.floor.dryRun);
  const floorOne = pick((r) => r.floor.upgradeOne);
  const floorDown = pick((r) => r.floor.down);
  const hfSync = pick((r) => r.helmfile.sync.ms);
  const hfDiff = pick((r) => r.helmfile.diff.ms);
  const hfApply = pick((r) => r.helmfile.apply.ms);
  const hfDestroy = pick((r) => r.helmfile.destroy.ms);
  const up = pick((r) => r.ours.up.ms);
  const preview = pick((r) => r.ours.preview.ms);
  const chg = pick((r) => change(r.ours).ms);
  const destroy = pick((r) => r.ours.destroy.ms);
  const fixed = { up: pick((r) => r.trivial.up), preview: pick((r) => r.trivial.preview), change: pick((r) => r.trivial.change), destroy: pick((r) => r.trivial.destroy) };
  const last = runs[runs.length - 1];
  // Ours against helmfile with the engine's fixed cost (the trivial stack of the same repetition) set apart.
  const beyond = (xs: number[], fx: number[], peer: number[]) =>
    `ours ÷ (the engine's fixed cost + helmfile): ${vs(xs, xs.map((_, i) => fx[i] + peer[i]))}; (ours − fixed cost) ÷ helmfile: ${vs(xs.map((x, i) => x - fx[i]), peer)}`;
  const vs = (xs: number[], ys: number[]) => fmtRatio(median(pairRatios(xs, ys)));
  const pulls = (xs: number[]) => ([...new Set(xs)].length === 1 ? String(xs[0]) : xs.join(", "));
  const f = `cluster, N=${n}`;
  return [
    {
      figure: `${f}: the engine's fixed cost, a stack of one trivial dynamic resource`,
      ours: `up ${fmtRuns(fixed.up)}; preview ${fmtRuns(fixed.preview)}; preview --diff + up ${fmtRuns(fixed.change)}; destroy ${fmtRuns(fixed.destroy)}`,
      peer: "—",
      ratio: "—",
      notes:
        "one dynamic resource whose provider does nothing, through the same Automation API driver, engine, file backend and steps as ours (bench/pulumi-driver.ts `trivial`): " +
        "what any Pulumi program pays (engine and program start-up, @pulumi/pulumi loading, the dynamic-provider host, state writes) before any release. The rows below set it apart",
    },
    {
      figure: `${f}: raw helm floor (${n} parallel helm processes per step)`,
      ours: "—",
      peer: `install ${fmtRuns(floorUp)}; \`upgrade --dry-run=client\` ${fmtRuns(floorDry)}; one-value \`upgrade\` ${fmtRuns(floorOne)}; uninstall ${fmtRuns(floorDown)}`,
      ratio: "—",
      notes:
        `helm v4, chart archive already on disk, no --wait: the floor nobody driving helm can beat. The dry-run reads each release and renders its chart (the per-release work of a diff). ` +
        `API requests (audit log): install ${last.floor.api.up}, dry-run ${last.floor.api.dryRun}, one upgrade ${last.floor.api.upgradeOne}, uninstall ${last.floor.api.down}`,
    },
    {
      figure: `${f}: cold deploy, \`pulumi up\` vs \`helmfile sync\``,
      ours: `${fmtRuns(up)}; ${pulls(pick((r) => r.ours.pulls))} pull(s)`,
      peer: `${fmtRuns(hfSync)}; ${pulls(pick((r) => r.helmfile.pulls))} pull(s)`,
      ratio: fmtPairRatio(up, hfSync),
      notes:
        `the same helmfile.yaml (N releases of oci://…/web, plainHttp): helmfile v1.8.0 \`sync --concurrency 0 --skip-deps\` vs the sdk's Helmfile component, \`pulumi up --parallel ${n}\` (Automation API, fresh stack, file backend, cold chart cache). ` +
        `vs the floor: ours ${vs(up, floorUp)}, helmfile ${vs(hfSync, floorUp)}. ${beyond(up, fixed.up, hfSync)}. Ours: ${counts(last.ours.up, n)}; ${trace(last.ours.up, n)}. helmfile: ${counts(last.helmfile.sync, n)}; ${trace(last.helmfile.sync, n)}`,
    },
    {
      figure: `${f}: no-change \`pulumi preview\` vs \`helmfile diff\``,
      ours: `${fmtRuns(preview)}; ${counts(last.ours.preview, 0)}`,
      peer: `${fmtRuns(hfDiff)}; ${counts(last.helmfile.diff, 0)}`,
      ratio: fmtPairRatio(preview, hfDiff),
      notes:
        `nothing to change. helmfile v1.8.0 \`diff --concurrency 0\` with the helm-diff plugin v3.9.14 (built from its Go module). ` +
        `${beyond(preview, fixed.preview, hfDiff)}. Ours renders in the program from the render cache and compares in check/diff: ${trace(last.ours.preview, n)}. helmfile: ${trace(last.helmfile.diff, n)}`,
    },
    {
      figure: `${f}: no-change \`pulumi preview\` vs the diff floor (${n} parallel \`helm upgrade --dry-run=client\`)`,
      ours: fmtRuns(preview),
      peer: `${fmtRuns(floorDry)}; ${n} helm processes, ${last.floor.api.dryRun} API requests`,
      ratio: fmtPairRatio(preview, floorDry),
      notes: `the floor of any diff made with helm: each process reads the release and renders the chart. helmfile diff vs this floor: ${vs(hfDiff, floorDry)}`,
    },
    {
      figure: `${f}: one-value change, \`pulumi preview --diff\` + \`pulumi up\` vs \`helmfile apply\``,
      ours: `${fmtRuns(chg)} (preview --diff ${fmtMs(median(pick((r) => r.ours.previewDiff.ms)))} + up ${fmtMs(median(pick((r) => r.ours.upEdited.ms)))}); ${counts(change(last.ours), 0)}`,
      peer: `${fmtRuns(hfApply)}; ${counts(last.helmfile.apply, 0)}`,
      ratio: fmtPairRatio(chg, hfApply),
      notes:
        `one value of one release changed in the helmfile.yaml; both upgrade only that release (checked: its new value with \`helm get values\`, the other ${n - 1} still at revision 1 after apply; the engine reported 1 update, ${n + 1} unchanged). ` +
        `vs the floor (one \`helm upgrade\`, ${fmtRuns(floorOne)}): ours ${vs(chg, floorOne)}, helmfile ${vs(hfApply, floorOne)}. ${beyond(chg, fixed.change, hfApply)}. Ours: ${trace(change(last.ours), 1)}. helmfile: ${trace(last.helmfile.apply, n)}`,
    },
    {
      figure: `${f}: the dynamic provider started while the program renders vs at the first release's registration`,
      ours: `cold up ${fmtRuns(up)}; no-change preview ${fmtRuns(preview)}`,
      peer: `cold up ${fmtRuns(pick((r) => r.late.up))}; no-change preview ${fmtRuns(pick((r) => r.late.preview))}`,
      ratio: `up ${fmtPairRatio(up, pick((r) => r.late.up))}; preview ${fmtPairRatio(preview, pick((r) => r.late.preview))}`,
      notes:
        "sdk/provider-start.ts: the first HelmRelease asks the engine for the dynamic provider at once (an invoke the host answers with \"unknown function\"), so the host loads @pulumi/pulumi (≈ 1 s of CPU) while the program renders instead of after the first render. " +
        "Peer: the same stack and steps with PULUMI_HELMFILE_DISABLE_EARLY_PROVIDER_START=true (what every release paid before), its own fresh stack and cold chart cache, in the same rotation",
    },
    {
      figure: `${f}: \`pulumi destroy\` vs \`helmfile destroy\``,
      ours: fmtRuns(destroy),
      peer: fmtRuns(hfDestroy),
      ratio: fmtPairRatio(destroy, hfDestroy),
      notes: `helmfile destroy --concurrency 0. vs the floor (${n} parallel \`helm uninstall\`): ours ${vs(destroy, floorDown)}, helmfile ${vs(hfDestroy, floorDown)}. ${beyond(destroy, fixed.destroy, hfDestroy)}. Ours: ${trace(last.ours.destroy, n)}. helmfile: ${trace(last.helmfile.destroy, n)}`,
    },
  ];
}

/** Run the cluster figures for each N with `reps` repetitions; memory is sampled at the largest N. */
export async function benchCluster(tb: BenchTestbed, ns: number[], reps: number): Promise<{ rows: BenchRow[]; memory: BenchRow[] }> {
  const rows: BenchRow[] = [];
  let memory: BenchRow[] = [];
  // Warm-up (not measured): one install/uninstall, so the first timed run does not pay for cold API-server caches.
  await floorRep(tb, 1, "warmup");
  const maxN = Math.max(...ns);
  for (const n of ns) {
    progress(`cluster figures: helm floor, helmfile, pulumi, N=${n}, ${reps} reps${n === maxN ? " (memory sampled)" : ""}`);
    const runs: Rep[] = [];
    for (let i = 0; i < reps; i++) runs.push(await oneRep(tb, n, i, n === maxN));
    rows.push(...rowsFor(n, runs));
    if (n === maxN) memory = clusterMemoryRows(n, runs.map((r) => ({ ours: r.ours.memory, helmfile: r.helmfile.memory, programPeakKiB: r.ours.programPeakKiB })));
  }
  return { rows, memory };
}
