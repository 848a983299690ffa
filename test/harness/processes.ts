/**
 * Start and stop the testbed's long-running processes: each logs to its own file, is awaited until ready with a
 * deadline, and is stopped by PID. A failed start throws an error carrying the last lines of the process's log.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";

/** A started background process. */
export interface RunningProcess {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
}

export interface StartOptions {
  name: string;
  command: string;
  args: string[];
  logFile: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Resolves true once the process is ready; polled until `timeoutMs`. */
  ready: () => Promise<boolean>;
  /** @default 60000 */
  timeoutMs?: number;
  /**
   * Keep running after the process that started it is gone (the demo's local environment, stopped by
   * `npm run demo -- --down`). Otherwise a watchdog stops it then.
   * @default false
   */
  outliveOwner?: boolean;
}

/** The last `n` lines of a log file ("" when it does not exist). */
export function tailLog(file: string, n = 25): string {
  try {
    const lines = fs.readFileSync(file, "utf8").trimEnd().split("\n");
    return lines.slice(-n).join("\n");
  } catch {
    return "";
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Spawn a detached process logging to `logFile` and wait until `ready()`; on failure kill it and throw with its log. */
export async function startProcess(o: StartOptions): Promise<RunningProcess> {
  const fd = fs.openSync(o.logFile, "a", 0o600);
  const child = spawn(o.command, o.args, {
    cwd: o.cwd,
    env: o.env ?? process.env,
    stdio: ["ignore", fd, fd],
    detached: true,
  });
  fs.closeSync(fd);
  let exited: string | undefined;
  child.on("exit", (code, signal) => (exited = `exited with ${signal ?? `code ${code}`}`));
  child.on("error", (err) => (exited = `failed to start: ${err.message}`));
  child.unref();
  if (child.pid && !o.outliveOwner) watchOwner(child.pid, o.command);
  const proc: RunningProcess = { name: o.name, pid: child.pid ?? -1, logFile: o.logFile };
  const deadline = Date.now() + (o.timeoutMs ?? 60_000);
  for (;;) {
    if (exited) break;
    try {
      if (await o.ready()) return proc;
    } catch {
      // not ready yet
    }
    if (Date.now() > deadline) {
      exited = `not ready after ${o.timeoutMs ?? 60_000} ms`;
      break;
    }
    await sleep(150);
  }
  if (proc.pid > 0) await stopProcess(proc);
  throw new Error(`${o.name} ${exited} (${o.command} …); last lines of ${o.logFile}:\n${tailLog(o.logFile)}`);
}

/**
 * The processes are detached (a testbed outlives one test file), so a run killed before it stops them (SIGKILL, a CI
 * timeout, a signal while the testbed is still starting) would leave them running: a detached watchdog stops each
 * one once the process that started it is gone — only if its command line still names `command` (a PID may be reused).
 */
function watchOwner(pid: number, command: string): void {
  const quoted = `'${command.replace(/'/g, `'\\''`)}'`;
  const kill = (sig: string) => `tr '\\0' ' ' < /proc/${pid}/cmdline 2>/dev/null | grep -qF ${quoted} && kill ${sig} ${pid}`;
  const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 2; done; ${kill("-TERM")}; sleep 5; ${kill("-KILL")}; exit 0`;
  spawn("sh", ["-c", script], { detached: true, stdio: "ignore" }).unref();
}

/** SIGTERM, then SIGKILL after `graceMs`; waits until the PID is gone. */
export async function stopProcess(p: { pid: number }, graceMs = 5000): Promise<void> {
  if (p.pid <= 0 || !isAlive(p.pid)) return;
  try {
    process.kill(p.pid, "SIGTERM");
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (isAlive(p.pid) && Date.now() < deadline) await sleep(50);
  if (isAlive(p.pid)) {
    try {
      process.kill(p.pid, "SIGKILL");
    } catch {
      /* gone */
    }
    while (isAlive(p.pid)) await sleep(20);
  }
}

/**
 * PIDs of live processes whose environment has `name=value` (from /proc/<pid>/environ): e.g. the plugins of a Pulumi
 * engine that was SIGKILLed, which outlive it (the engine starts plugins in process groups of their own).
 */
export function processesWithEnv(name: string, value: string): number[] {
  const want = `${name}=${value}`;
  const out: number[] = [];
  for (const e of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(e) || Number(e) === process.pid) continue;
    try {
      if (fs.readFileSync(`/proc/${e}/environ`, "utf8").split("\0").includes(want)) out.push(Number(e));
    } catch {
      /* exited, or not ours to read */
    }
  }
  return out;
}
