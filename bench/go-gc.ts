/**
 * The Go GC target of the helm processes we start (provider/helm/environment.ts DEFAULT_GOGC) against Go's default:
 * N concurrent `helm template` and N concurrent `helm upgrade --install` (then `helm uninstall`) of the bench chart,
 * with GOGC=100 and with ours, order alternating. CPU is the children's user + system time as bash's `times` reports
 * it (every helm process of the batch waited for), so it counts what a 2-core machine really spends.
 */
import * as path from "node:path";
import { DEFAULT_GOGC } from "../provider/helm/environment";
import { execTimed } from "./exec";
import { kubeFlags } from "./helm-floor";
import { fmtMs, fmtPairRatio, fmtRuns } from "./stats";
import { BenchTestbed, freshDir, helmProcessEnv } from "./testbed";
import { BenchRow, progress } from "./types";

interface Batch {
  wallMs: number;
  cpuMs: number;
}

/** "0m1.250s" → ms. */
function bashTime(s: string): number {
  const m = /^(\d+)m([\d.]+)s$/.exec(s.trim());
  if (!m) throw new Error(`unexpected bash times output: ${s}`);
  return (Number(m[1]) * 60 + Number(m[2])) * 1000;
}

/** Run `helm <args with $i>` N times at once under one bash; wall time and the children's CPU time. */
async function batch(tb: BenchTestbed, n: number, gogc: string, args: string): Promise<Batch> {
  const env = { ...helmProcessEnv(path.join(freshDir(tb, "gogc"), "helm")), GOGC: gogc, H: tb.tools.helm4 };
  // Each helm process waited for by PID, so that one failing fails the batch (a bare `wait` returns 0); `times`
  // before the exit: the shell's user/sys, then its children's.
  const script = `pids=; for i in $(seq ${n}); do "$H" ${args} >/dev/null & pids="$pids $!"; done; rc=0; for p in $pids; do wait $p || rc=1; done; times; exit $rc`;
  const r = await execTimed("bash", ["-c", script], { env });
  const [user, sys] = r.stdout.trim().split("\n").pop()!.trim().split(/\s+/);
  return { wallMs: r.ms, cpuMs: bashTime(user) + bashTime(sys) };
}

/** Rows: template and install batches of N, GOGC=100 vs ours. */
export async function benchGoGc(tb: BenchTestbed, n: number, reps: number): Promise<BenchRow[]> {
  const kube = kubeFlags(tb).join(" ");
  const kinds = [
    { what: `${n} concurrent \`helm template\``, run: (g: string) => batch(tb, n, g, `template r$i ${tb.chartTgz}`) },
    {
      what: `${n} concurrent \`helm upgrade --install\` (then uninstalled, not timed)`,
      run: async (g: string) => {
        const b = await batch(tb, n, g, `upgrade --install gogc-$i ${tb.chartTgz} --namespace default ${kube}`);
        await batch(tb, n, "100", `uninstall gogc-$i --namespace default ${kube}`);
        return b;
      },
    },
  ];
  const rows: BenchRow[] = [];
  for (const k of kinds) {
    const ours: Batch[] = [];
    const peer: Batch[] = [];
    for (let rep = 0; rep < reps; rep++) {
      progress(`go gc: ${k.what}, repetition ${rep + 1}/${reps}`);
      if (rep % 2 === 0) {
        ours.push(await k.run(DEFAULT_GOGC));
        peer.push(await k.run("100"));
      } else {
        peer.push(await k.run("100"));
        ours.push(await k.run(DEFAULT_GOGC));
      }
    }
    const cpu = (bs: Batch[]) => bs.map((b) => b.cpuMs);
    const wall = (bs: Batch[]) => bs.map((b) => b.wallMs);
    rows.push({
      figure: `Go GC target: ${k.what}, CPU (user + system of every helm process)`,
      ours: `GOGC=${DEFAULT_GOGC}: ${fmtRuns(cpu(ours))}; wall ${fmtRuns(wall(ours))}`,
      peer: `GOGC=100 (Go's default, what helmfile's helm runs with): ${fmtRuns(cpu(peer))}; wall ${fmtRuns(wall(peer))}`,
      ratio: fmtPairRatio(cpu(ours), cpu(peer)),
      notes: `ratio of CPU time; wall ratio ${fmtPairRatio(wall(ours), wall(peer))}. helm v4, the bench chart archive on disk, one bash waiting for all ${n} (its \`times\`). Per process: ${fmtMs(cpu(ours)[0] / n)} vs ${fmtMs(cpu(peer)[0] / n)} of CPU in the first repetition`,
    });
  }
  return rows;
}
