/**
 * Peak memory of the processes a figure runs, from /proc: a process tree's summed RSS sampled over time, and per class
 * of process (provider, program, helm, …) the high-water mark VmHWM of each process.
 */
import * as fs from "node:fs";

/** VmHWM of a live process in KiB, or undefined once it is gone. */
export function hwmKiB(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** PIDs of `root` and all its descendants, from /proc/<pid>/stat. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const e of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(e));
      children.set(ppid, list);
    } catch {
      /* exited meanwhile */
    }
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length) {
    const p = queue.shift() as number;
    out.push(p);
    queue.push(...(children.get(p) ?? []));
  }
  return out;
}

const PAGE_KIB = 4;

/** Resident set of a process in KiB (statm), 0 when gone. */
function rssKiB(pid: number): number {
  try {
    return Number(fs.readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]) * PAGE_KIB;
  } catch {
    return 0;
  }
}

/**
 * Sample the summed RSS of `root`'s whole process tree every `everyMs` until stopped: `stop()` returns the peak sum
 * and the peak process count seen (KiB). Short-lived children between two samples can be missed.
 */
export function watchTree(root: number, everyMs = 50): { stop(): { peakKiB: number; peakProcesses: number } } {
  let peakKiB = 0;
  let peakProcesses = 0;
  const sample = () => {
    const pids = processTree(root);
    const sum = pids.reduce((a, p) => a + rssKiB(p), 0);
    peakKiB = Math.max(peakKiB, sum);
    peakProcesses = Math.max(peakProcesses, pids.length);
  };
  return sampling(everyMs, sample, () => ({ peakKiB, peakProcesses }));
}

/** Call `sample` now and every `everyMs` until `stop()`, which returns `result()`. */
function sampling<T>(everyMs: number, sample: () => void, result: () => T): { stop(): T } {
  sample();
  // unref: a sampler a failed figure never stopped must not keep the benchmark process alive.
  const t = setInterval(sample, everyMs).unref();
  return {
    stop() {
      clearInterval(t);
      return result();
    },
  };
}

/** Peak memory of one class of processes in a tree (e.g. "provider", "helm"). */
export interface ClassPeak {
  /** Largest high-water mark (VmHWM) of any single process of the class, KiB. */
  maxProcessKiB: number;
  /** Largest summed RSS of the class's processes alive at one sample, KiB. */
  peakSumKiB: number;
  /** Processes of the class seen. */
  processes: number;
}

function procText(pid: number, file: string): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return undefined;
  }
}

/** What watchClasses() saw: each class's peaks and the whole tree's peak summed RSS (KiB). */
export interface TreeMemory {
  classes: Record<string, ClassPeak>;
  treePeakKiB: number;
}

/**
 * Sample `root`'s process tree every `everyMs`, sorting each process into a class by `classify(root, pid, argv)`
 * (argv from /proc/<pid>/cmdline; undefined = not counted). `stop()` returns each class's peaks and the whole tree's
 * peak summed RSS. Single-process maxima come from VmHWM, so they are exact for processes alive at one sample.
 */
export function watchClasses(
  root: number,
  classify: (root: number, pid: number, argv: string[]) => string | undefined,
  everyMs = 200,
): { stop(): TreeMemory } {
  const classes: Record<string, ClassPeak> = {};
  const seen = new Map<number, string | undefined>();
  let treePeakKiB = 0;
  const sample = () => {
    const sums: Record<string, number> = {};
    let tree = 0;
    for (const pid of processTree(root)) {
      const rss = rssKiB(pid);
      tree += rss;
      if (!seen.has(pid)) {
        const argv = (procText(pid, "cmdline") ?? "").split("\0").filter(Boolean);
        const cls = argv.length ? classify(root, pid, argv) : undefined;
        seen.set(pid, cls);
        if (cls) (classes[cls] ??= { maxProcessKiB: 0, peakSumKiB: 0, processes: 0 }).processes++;
      }
      const cls = seen.get(pid);
      if (!cls) continue;
      sums[cls] = (sums[cls] ?? 0) + rss;
      const hwm = hwmKiB(pid);
      if (hwm !== undefined) classes[cls].maxProcessKiB = Math.max(classes[cls].maxProcessKiB, hwm);
    }
    for (const [cls, sum] of Object.entries(sums)) classes[cls].peakSumKiB = Math.max(classes[cls].peakSumKiB, sum);
    treePeakKiB = Math.max(treePeakKiB, tree);
  };
  return sampling(everyMs, sample, () => ({ classes, treePeakKiB }));
}
