/**
 * The only place in pulumi-helmfile that starts processes. Arguments are an array (never a shell), the environment is
 * explicit, every run has a deadline, secrets are redacted from everything that leaves this module.
 */
import { ChildProcess, spawn } from "node:child_process";
import { HelmError, HelmOperation, helmReason, isTransient } from "./errors";
import { formatCommand, redact } from "./redact";

/** One process to run. */
export interface Invocation {
  operation: HelmOperation;
  binary: string;
  args: string[];
  /** The full environment of the child (nothing is inherited implicitly). */
  env: Record<string, string>;
  /** Written to the child's stdin (e.g. a password for --password-stdin). */
  stdin?: string;
  /** Kill the child after this many milliseconds. @default 600000 */
  timeoutMs?: number;
  /** Cancels the run (the child is killed). */
  signal?: AbortSignal;
  /** Strings to redact from the command line, stderr and error messages. */
  secrets?: readonly string[];
  /** Working directory. @default process.cwd() */
  cwd?: string;
  /** Called with each redacted stderr line as it arrives (progress). */
  onStderrLine?: (line: string) => void;
}

/** What a successful run produced. stderr is redacted; stdout is not (it is data, e.g. a manifest). */
export interface RunResult {
  stdout: string;
  stderr: string;
}

/** Counts of processes started by this module, by operation (observable by tests and benchmarks). */
export const processCounts = new Map<HelmOperation, number>();

/** Count of every process started by this module in this process. */
export function totalProcesses(): number {
  let n = 0;
  for (const v of processCounts.values()) n += v;
  return n;
}

/** Children still running, killed (SIGTERM) if this process exits first. */
const live = new Set<ChildProcess>();
let exitHooked = false;
function killAtExit(child: ChildProcess): void {
  live.add(child);
  if (exitHooked) return;
  exitHooked = true;
  process.once("exit", () => {
    for (const c of live) c.kill("SIGTERM");
  });
}

/** What a finished child did. `exitCode` undefined: it did not exit by itself (spawn failure, signal, deadline, cancel). */
interface Outcome {
  exitCode?: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  isCanceled: boolean;
  /** Why it did not exit by itself, when not a deadline or a cancel. */
  failure?: { message: string; code?: string };
}

const MAX_OUTPUT = 512 * 1024 * 1024;
/** After SIGTERM (deadline, cancel, output too large), SIGKILL this much later. */
const FORCE_KILL_AFTER_MS = 5000;

/** Spawn `inv` (no shell, explicit environment), feed stdin, collect stdout and stderr, enforce the deadline. */
function spawnCollect(inv: Invocation, secrets: readonly string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn(inv.binary, inv.args, { env: inv.env, cwd: inv.cwd, stdio: ["pipe", "pipe", "pipe"] });
    } catch (e) {
      resolve({ stdout: "", stderr: "", timedOut: false, isCanceled: false, failure: { message: (e as Error).message, code: (e as NodeJS.ErrnoException).code } });
      return;
    }
    killAtExit(child);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let timedOut = false;
    let isCanceled = false;
    let failure: Outcome["failure"];
    let forceKill: NodeJS.Timeout | undefined;
    const stop = () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      forceKill ??= setTimeout(() => child.kill("SIGKILL"), FORCE_KILL_AFTER_MS);
    };
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT && !failure) {
        failure = { message: `\`${formatCommand(inv.binary, inv.args, secrets)}\` printed more than ${MAX_OUTPUT} bytes` };
        stop();
        return;
      }
      into.push(chunk);
    };
    child.stdout?.on("data", collect(out));
    const collectErr = collect(err);
    let pending = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      collectErr(chunk);
      if (!inv.onStderrLine) return;
      pending += chunk.toString("utf8");
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const l of lines) if (l.trim()) inv.onStderrLine(redact(l, secrets));
    });
    // A child that exits without reading its stdin makes the write fail with EPIPE: not an error of the run.
    child.stdin?.on("error", () => undefined);
    child.stdin?.end(inv.stdin ?? "");
    const deadline = setTimeout(() => {
      timedOut = true;
      stop();
    }, inv.timeoutMs ?? 600_000);
    const onAbort = () => {
      isCanceled = true;
      stop();
    };
    if (inv.signal?.aborted) onAbort();
    else inv.signal?.addEventListener("abort", onAbort, { once: true });
    let done = false;
    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      if (done) return;
      done = true;
      live.delete(child);
      clearTimeout(deadline);
      clearTimeout(forceKill);
      inv.signal?.removeEventListener("abort", onAbort);
      if (code === null && !failure && !timedOut && !isCanceled) failure = { message: `\`${formatCommand(inv.binary, inv.args, secrets)}\` was killed by ${signal}` };
      const exitCode = code === null || failure || timedOut || isCanceled ? undefined : code;
      resolve({ exitCode, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8"), timedOut, isCanceled, failure });
    };
    child.on("error", (e: NodeJS.ErrnoException) => {
      failure ??= { message: e.message, code: e.code };
      if (child.pid === undefined) finish(null, null); // never started: no close to wait for
    });
    child.on("close", finish);
  });
}

/** Run a process to completion. Throws HelmError (redacted) on a non-zero exit, a timeout, a cancel or a spawn failure. */
export async function run(inv: Invocation): Promise<RunResult> {
  const secrets = inv.secrets ?? [];
  const command = formatCommand(inv.binary, inv.args, secrets);
  processCounts.set(inv.operation, (processCounts.get(inv.operation) ?? 0) + 1);
  const r = await spawnCollect(inv, secrets);
  const stderr = redact(String(r.stderr ?? ""), secrets);
  if (r.exitCode === 0) return { stdout: r.stdout, stderr };
  if (r.timedOut || r.isCanceled) {
    const why = r.timedOut ? `timed out after ${Math.round((inv.timeoutMs ?? 600_000) / 1000)}s` : "was cancelled";
    throw new HelmError(inv.operation, command, undefined, stderr, `\`${command}\` ${why}${stderr ? `: ${helmReason(stderr)}` : ""}`, r.timedOut, true);
  }
  if (r.exitCode === undefined) {
    const msg = r.failure?.code === "ENOENT" ? `helm binary not found at ${inv.binary}: is helm installed?` : redact(r.failure?.message ?? `\`${command}\` failed`, secrets);
    throw new HelmError(inv.operation, command, undefined, stderr, msg);
  }
  throw new HelmError(inv.operation, command, r.exitCode, stderr, helmReason(stderr), isTransient(stderr));
}
