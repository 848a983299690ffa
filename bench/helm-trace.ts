/**
 * Where the time goes: a helm wrapper that logs each helm process's start, end and subcommand, and a summary of the
 * log (process count by subcommand, summed process time, the span during which at least one helm ran).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { fmtMs, median } from "./stats";

export interface HelmTrace {
  /** Use as the helm binary. */
  binary: string;
  /** Events so far: epoch ms start/end and helm's first argument. */
  events(): { start: number; end: number; cmd: string }[];
}

/** Write a tracing wrapper around `helm` into `dir`. Adds two `date` processes per helm run (~2 ms). */
export function helmTracer(dir: string, helm: string): HelmTrace {
  fs.mkdirSync(dir, { recursive: true });
  const log = path.join(dir, "helm-trace.log");
  const wrapper = path.join(dir, "helm");
  fs.writeFileSync(log, "");
  // The subcommand is the first known helm verb among the arguments (flags may come first), plus the next word for
  // verbs with sub-verbs (get manifest, repo add, …).
  const verbs = "upgrade|install|uninstall|delete|template|get|pull|push|version|list|status|repo|registry|dependency|show|history|rollback|package|env|plugin|diff";
  fs.writeFileSync(
    wrapper,
    [
      "#!/bin/sh",
      "s=$(date +%s%N)",
      "c=; n=",
      'for a in "$@"; do',
      '  if [ -n "$n" ]; then c="$c-$a"; break; fi',
      `  case "$a" in get|repo|registry|dependency|show|diff) c=$a; n=1;; ${verbs}) c=$a; break;; esac`,
      "done",
      `'${helm}' "$@"`,
      "rc=$?",
      "e=$(date +%s%N)",
      `echo "$s $e \${c:-?}" >> '${log}'`,
      "exit $rc",
      "",
    ].join("\n"),
    { mode: 0o755 },
  );
  return {
    binary: wrapper,
    events: () =>
      fs
        .readFileSync(log, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => {
          const [s, e, cmd] = l.split(" ");
          return { start: Number(BigInt(s) / 1_000_000n), end: Number(BigInt(e) / 1_000_000n), cmd: cmd ?? "?" };
        }),
  };
}

/**
 * "12 helm processes (10 upgrade ~1.2 s each, 2 pull ~300 ms each); ≥1 helm running during 1.2 s of 8.0 s; before the
 * first helm: 3.1 s, after the last: 0.5 s". With `releases`, also per-release counts.
 */
export function describeTrace(events: { start: number; end: number; cmd: string }[], t0: number, totalMs: number, releases?: number): string {
  if (events.length === 0) return `no helm process in ${fmtMs(totalMs)}`;
  const byCmd = new Map<string, number[]>();
  for (const e of events) byCmd.set(e.cmd, [...(byCmd.get(e.cmd) ?? []), e.end - e.start]);
  const sorted = [...events].sort((a, b) => a.start - b.start);
  let busy = 0;
  let curS = sorted[0].start;
  let curE = sorted[0].end;
  for (const e of sorted.slice(1)) {
    if (e.start > curE) {
      busy += curE - curS;
      curS = e.start;
      curE = e.end;
    } else curE = Math.max(curE, e.end);
  }
  busy += curE - curS;
  const first = sorted[0].start - t0;
  const last = Math.max(...events.map((e) => e.end)) - t0;
  const cmds = [...byCmd.entries()].map(([c, d]) => `${d.length} ${c} ~${fmtMs(median(d))} each`).join(", ");
  const per = releases ? ` = ${(events.length / releases).toFixed(1)} per release` : "";
  const installs = events.filter((e) => ["upgrade", "install", "uninstall", "delete"].includes(e.cmd)).length;
  const other = releases && installs < events.length ? `; ${((events.length - installs) / releases).toFixed(1)} per release are not the install/uninstall itself` : "";
  return (
    `${events.length} helm processes${per} (${cmds})${other}; ≥1 helm running during ${fmtMs(busy)} of ${fmtMs(totalMs)}; ` +
    `before the first helm: ${fmtMs(first)}, after the last: ${fmtMs(Math.max(0, totalMs - last))} (engine, program, state)`
  );
}
