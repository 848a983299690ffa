/**
 * Figure 6 — memory at the largest N, sampled during the timed repetitions (every 200 ms, for both contenders, so
 * both carry the sampling's small cost): the peak RSS of the dynamic-provider process and of the program's process,
 * the engine's, helm's, and of each contender's whole process tree.
 */
import type { ClassPeak, TreeMemory } from "./memory";
import { fmtKiB, median, pairRatios, fmtRatio } from "./stats";
import { BenchRow } from "./types";

type Sample = TreeMemory;

const fmt = (xs: number[]) => `${fmtKiB(median(xs))} (${xs.map(fmtKiB).join(", ")})`;

/** The program's peak per driver run: one program run (cold up) and two in one process (the one-value change). */
function programRuns(f: string, peaks: ({ up: number; change: number } | undefined)[]): BenchRow[] {
  const known = peaks.filter((p): p is { up: number; change: number } => !!p);
  if (!known.length) return [];
  return [
    {
      figure: `${f}: program process, peak RSS per run`,
      ours: `cold \`up\` (one program run): ${fmt(known.map((p) => p.up))}; \`preview --diff\` + \`up\` in one process (two program runs): ${fmt(known.map((p) => p.change))}`,
      peer: "—",
      ratio: "—",
      notes: "the row above split by driver run. The `pulumi` CLI starts a fresh program process for each program run (a CLI `pulumi up` runs it twice: preview, then update), so a CLI user's program peaks like the cold-up figure; an Automation API program that runs several operations in one process peaks like the second",
    },
  ];
}

/** Rows from one sample pair per repetition (`undefined` when a repetition was not sampled). */
export function clusterMemoryRows(n: number, samples: { ours?: Sample; helmfile?: Sample; programPeakKiB?: { up: number; change: number } }[]): BenchRow[] {
  const both = samples.filter((s): s is { ours: Sample; helmfile: Sample; programPeakKiB?: { up: number; change: number } } => !!s.ours && !!s.helmfile);
  if (both.length === 0) return [{ figure: `memory, N=${n}`, ours: "not sampled", peer: "—", ratio: "—" }];
  const cls = (s: Sample, c: string, k: keyof ClassPeak) => s.classes[c]?.[k] ?? 0;
  const ours = (c: string, k: keyof ClassPeak) => both.map((s) => cls(s.ours, c, k));
  const peer = (c: string, k: keyof ClassPeak) => both.map((s) => cls(s.helmfile, c, k));
  const tree = { ours: both.map((s) => s.ours.treePeakKiB), peer: both.map((s) => s.helmfile.treePeakKiB) };
  const ratio = (a: number[], b: number[]) => fmtRatio(median(pairRatios(a, b)));
  const f = `memory, N=${n}`;
  return [
    {
      figure: `${f}: dynamic-provider process, peak RSS`,
      ours: fmt(ours("provider", "maxProcessKiB")),
      peer: "—",
      ratio: "—",
      notes: `the node process the engine starts for the dynamic provider (VmHWM; the engine starts one per operation: ${median(ours("provider", "processes"))} over the sampled operations, up, preview --diff and up)`,
    },
    {
      figure: `${f}: program process, peak RSS`,
      ours: fmt(ours("program", "maxProcessKiB")),
      peer: `helmfile process ${fmt(peer("helmfile", "maxProcessKiB"))}`,
      ratio: ratio(ours("program", "maxProcessKiB"), peer("helmfile", "maxProcessKiB")),
      notes: "ours: the Automation API driver, which runs the inline program (loadHelmfile, N HelmRelease resources, their preview renders); peer: the helmfile process itself (VmHWM)",
    },
    ...programRuns(f, both.map((s) => s.programPeakKiB)),
    {
      figure: `${f}: Pulumi engine process, peak RSS`,
      ours: fmt(ours("engine", "maxProcessKiB")),
      peer: "—",
      ratio: "—",
      notes: "the `pulumi` CLI process (engine, state, plugin host) (VmHWM)",
    },
    {
      figure: `${f}: helm processes alive at once, summed RSS`,
      ours: fmt(ours("helm", "peakSumKiB")),
      peer: fmt(peer("helm", "peakSumKiB")),
      ratio: ratio(ours("helm", "peakSumKiB"), peer("helm", "peakSumKiB")),
      notes: "largest sum over one sample of the RSS of helm processes (helmfile's include the helm-diff plugin's binary); the logging wrapper's sh processes are in the tree row only",
    },
    {
      figure: `${f}: whole process tree, peak summed RSS`,
      ours: fmt(tree.ours),
      peer: fmt(tree.peer),
      ratio: ratio(tree.ours, tree.peer),
      notes: "ours: driver + engine + provider + helm (sampled during `pulumi up` and the one-value change); peer: helmfile + helm + helm-diff (during sync and apply)",
    },
  ];
}
