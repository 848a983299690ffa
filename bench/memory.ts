/**
 * Peak memory of the processes a figure runs: helm processes through a wrapper that records each one's maximum RSS
 * (GNU time's %M, from wait4), long-lived processes by polling /proc/<pid>/status VmHWM (a high-water mark).
 */
import * as fs from "node:fs";
import * as path from "node:path";

const GNU_TIME = "/usr/bin/time";

/** True when GNU time is installed (the wrapper needs it). */
export function canMeasureChildren(): boolean {
  return fs.existsSync(GNU_TIME);
}

export interface PeakRecorder {
  /** Executable to use instead of `binary`: runs it and appends its peak RSS (KiB) to a log. */
  binary: string;
  /** Peak RSS of every process run through the wrapper so far, in KiB. */
  peaks(): number[];
}

/** A wrapper script in `dir` around `binary` that logs each run's peak RSS (KiB), one line per process. */
export function peakRecorder(dir: string, binary: string, name = path.basename(binary)): PeakRecorder {
  fs.mkdirSync(dir, { recursive: true });
  const log = path.join(dir, `${name}.peaks`);
  const wrapper = path.join(dir, name);
  fs.writeFileSync(log, "");
  fs.writeFileSync(wrapper, `#!/bin/sh\nexec ${GNU_TIME} -a -o '${log}' -f '%M' '${binary}' "$@"\n`, { mode: 0o755 });
  return {
    binary: wrapper,
    peaks: () =>
      fs
        .readFileSync(log, "utf8")
        .split("\n")
        .map((l) => Number(l.trim()))
        .filter((n) => Number.isFinite(n) && n > 0),
  };
}

/** VmHWM of a live process in KiB, or undefined once it is gone. */
export function hwmKiB(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Poll a process's VmHWM every `everyMs` until stopped; `stop()` returns the last value seen (KiB). */
export function watchHwm(pid: number, everyMs = 50): { stop(): number } {
  let last = hwmKiB(pid) ?? 0;
  const t = setInterval(() => {
    const v = hwmKiB(pid);
    if (v !== undefined) last = Math.max(last, v);
  }, everyMs);
  return {
    stop() {
      clearInterval(t);
      const v = hwmKiB(pid);
      if (v !== undefined) last = Math.max(last, v);
      return last;
    },
  };
}

/** Sum and max of a list of peaks. */
export function summarize(peaks: number[]): { sum: number; max: number; count: number } {
  return { sum: peaks.reduce((a, b) => a + b, 0), max: peaks.reduce((a, b) => Math.max(a, b), 0), count: peaks.length };
}
