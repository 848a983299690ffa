/** What the run was measured on: machine (cpu model, cores, memory) and the versions of every tool. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ToolPaths } from "../test/harness/tools";
import { execTimed } from "./exec";

export interface MachineInfo {
  cpu: string;
  cores: number;
  memory: string;
  kernel: string;
  versions: Record<string, string>;
  /** 1/5/15-minute load averages and busy processes, at the start and at the end of the run. */
  loadStart: string;
  loadEnd?: string;
}

/** Load averages and the number of runnable processes right now (the machine may be shared). */
export function sampleLoad(): string {
  const [a, b, c] = os.loadavg().map((x) => x.toFixed(1));
  let running = "";
  try {
    running = `, ${fs.readFileSync("/proc/loadavg", "utf8").split(" ")[3]} runnable/total tasks`;
  } catch {
    /* not Linux */
  }
  return `${a} / ${b} / ${c}${running}`;
}

async function firstLine(cmd: string, args: string[]): Promise<string> {
  try {
    const r = await execTimed(cmd, args, { check: false, timeoutMs: 30_000 });
    return (r.stdout || r.stderr).trim().split("\n")[0] ?? "?";
  } catch (e) {
    return `unavailable (${(e as Error).message.split("\n")[0]})`;
  }
}

/** Collect machine facts and tool versions by asking each binary. */
export async function machineInfo(tools: ToolPaths): Promise<MachineInfo> {
  const cpus = os.cpus();
  let cpu = cpus[0]?.model ?? "?";
  try {
    const m = /model name\s*:\s*(.+)/.exec(fs.readFileSync("/proc/cpuinfo", "utf8"));
    if (m) cpu = m[1].trim();
  } catch {
    /* keep os.cpus() */
  }
  const versions: Record<string, string> = {
    node: process.version,
    "helm v4": await firstLine(tools.helm4, ["version", "--short"]),
    "helm v3": await firstLine(tools.helm3, ["version", "--short"]),
    pulumi: await firstLine(path.join(tools.pulumiBin, "pulumi"), ["version"]),
    kubernetes: await firstLine(path.join(tools.kubeBin, "kube-apiserver"), ["--version"]),
    helmfile: await firstLine(tools.helmfile, ["--version"]),
    etcd: await firstLine(tools.etcd, ["--version"]),
    "docker-registry": await firstLine(tools.registry, ["--version"]),
  };
  return {
    cpu,
    cores: cpus.length,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    kernel: `${os.type()} ${os.release()}`,
    versions,
    loadStart: sampleLoad(),
  };
}
