/**
 * The only place in pulumi-helmfile that starts processes. Arguments are an array (never a shell), the environment is
 * explicit, every run has a deadline, secrets are redacted from everything that leaves this module.
 */
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

type ExecaModule = typeof import("execa", { with: { "resolution-mode": "import" } });
let execaModule: Promise<ExecaModule> | undefined;
/** execa is ESM-only: load it once with a real dynamic import (kept as import() by the Node16 module setting). */
function loadExeca(): Promise<ExecaModule> {
  execaModule ??= import("execa");
  return execaModule;
}

/** Run a process to completion. Throws HelmError (redacted) on a non-zero exit, a timeout, a cancel or a spawn failure. */
export async function run(inv: Invocation): Promise<RunResult> {
  const { execa } = await loadExeca();
  const secrets = inv.secrets ?? [];
  const command = formatCommand(inv.binary, inv.args, secrets);
  processCounts.set(inv.operation, (processCounts.get(inv.operation) ?? 0) + 1);
  const child = execa(inv.binary, inv.args, {
    env: inv.env,
    extendEnv: false,
    input: inv.stdin ?? "",
    timeout: inv.timeoutMs ?? 600_000,
    cancelSignal: inv.signal,
    forceKillAfterDelay: 5000,
    cleanup: true,
    reject: false,
    stripFinalNewline: false,
    maxBuffer: 512 * 1024 * 1024,
    cwd: inv.cwd,
    encoding: "utf8",
  });
  if (inv.onStderrLine && child.stderr) {
    let pending = "";
    child.stderr.on("data", (chunk: Buffer | string) => {
      pending += chunk.toString();
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const l of lines) if (l.trim()) inv.onStderrLine?.(redact(l, secrets));
    });
  }
  const r = await child;
  const stderr = redact(String(r.stderr ?? ""), secrets);
  if (r.exitCode === 0 && !r.failed) return { stdout: String(r.stdout ?? ""), stderr };
  if (r.timedOut || r.isCanceled) {
    const why = r.timedOut ? `timed out after ${Math.round((inv.timeoutMs ?? 600_000) / 1000)}s` : "was cancelled";
    throw new HelmError(inv.operation, command, undefined, stderr, `\`${command}\` ${why}${stderr ? `: ${helmReason(stderr)}` : ""}`, r.timedOut, true);
  }
  if (r.exitCode === undefined) {
    const cause = (r as { cause?: unknown }).cause;
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    const msg = code === "ENOENT" ? `helm binary not found at ${inv.binary}: is helm installed?` : redact(String(r.message), secrets);
    throw new HelmError(inv.operation, command, undefined, stderr, msg);
  }
  throw new HelmError(inv.operation, command, r.exitCode, stderr, helmReason(stderr), isTransient(stderr));
}
